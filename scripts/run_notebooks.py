"""Executes groklab's notebooks headless with the tslab kernel and writes them rendered.

Each notebook in notebooks/ (or those named) runs top to bottom in a fresh kernel with
GROKLAB_MODE set; the executed notebook (.ipynb with outputs) and a standalone HTML file go to
--out. The kernel loads plotly.js from the Jupyter server (GROKLAB_PLOTLY=server), so a shared
.ipynb stays small; with --plotly inline, plotly.min.js is put once into the HTML export's head, so
its figures are interactive offline. A cell error fails that notebook: the cell's source and the error are printed. The last line
is "N passed, N failed".
"""
import argparse
import json
import os
import re
import sys
import time
from pathlib import Path

try:
    import nbformat
    from nbformat.sign import NotebookNotary
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
    from nbconvert import HTMLExporter
except ImportError as err:
    sys.exit(f"run_notebooks: {err}; run it with the project's Python, .venv/bin/python, which npm run setup installs")

ROOT = Path(__file__).resolve().parent.parent


def failing_cell(nb):
    """The last executed code cell (where execution stopped), with its index."""
    executed = [(i, c) for i, c in enumerate(nb.cells) if c.cell_type == "code" and c.get("execution_count")]
    return executed[-1] if executed else (None, None)


def error_text(cell):
    """What the cell reported: tslab writes errors to stderr; other kernels send error outputs."""
    parts = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream" and out.get("name") == "stderr":
            parts.append(out.get("text", ""))
        elif out.get("output_type") == "error":
            parts.append(f"{out.get('ename')}: {out.get('evalue')}\n" + "\n".join(out.get("traceback", [])))
    return "".join(parts).strip()


PLOTLY_JS = ROOT / "node_modules" / "plotly.js-dist-min" / "plotly.min.js"


def with_inline_plotly(html: str) -> str:
    """The HTML with plotly.min.js once in its head (RequireJS's define hidden while it runs, so
    plotly.js sets window.Plotly; figures drawn before it ran wait in __groklabPending)."""
    code = re.sub(r"</script", r"<\\/script", PLOTLY_JS.read_text(encoding="utf-8"), flags=re.IGNORECASE).replace("<!--", "<\\!--")
    script = ("<script>(function(){if(window.Plotly)return;var define,exports,module;\n" + code + "\n})();"
              "(window.__groklabPending||[]).splice(0).forEach(function(f){f();});</script>")
    head = html.find("<head>")
    if head < 0:
        raise SystemExit("run_notebooks: the HTML export has no <head>")
    return html[: head + len("<head>")] + script + html[head + len("<head>"):]


TIMES = ROOT / "build" / "notebook-times.json"
EXPECTED = ROOT / "notebooks" / "expected-times.json"


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown CPU"


def measured_times() -> dict:
    """This checkout's own notebook times ({"cpu": …, "quick": {stem: s}, "full": …}), or {}."""
    try:
        return json.loads(TIMES.read_text())
    except (OSError, ValueError):
        return {}


def record_time(mode: str, stem: str, seconds: float) -> None:
    times = measured_times()
    if times.get("cpu") != cpu_model():
        times = {"cpu": cpu_model()}
    times.setdefault(mode, {})[stem] = round(seconds, 1)
    TIMES.parent.mkdir(parents=True, exist_ok=True)
    tmp = TIMES.with_suffix(f".tmp-{os.getpid()}")
    tmp.write_text(json.dumps(times, indent=1) + "\n")
    tmp.replace(TIMES)


def estimate(paths: list, mode: str) -> str:
    """The expected wall time of these notebooks: this machine's last times, else the shipped ones."""
    own = measured_times()
    own = own.get(mode, {}) if own.get("cpu") == cpu_model() else {}
    try:
        shipped = json.loads(EXPECTED.read_text()).get(mode, {})
    except (OSError, ValueError):
        shipped = {}
    total, sources, unknown = 0.0, set(), []
    for p in paths:
        if p.stem in own:
            total += own[p.stem]
            sources.add("this machine's last run")
        elif p.stem in shipped.get("seconds", {}):
            total += shipped["seconds"][p.stem]
            sources.add(shipped.get("machine", "notebooks/expected-times.json"))
        else:
            unknown.append(p.stem)
    if not sources:
        return f"an unknown time (no {mode}-mode times known for {', '.join(unknown)})"
    text = f"about {total / 60:.0f} min" if total >= 90 else f"about {total:.0f} s"
    return text + f" (from {'; '.join(sorted(sources))})" + (f", and more for {', '.join(unknown)}, whose time is not known" if unknown else "")


def run_one(path: Path, out_dir: Path, mode: str, timeout: int, plotly: str) -> bool:
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:  # no 336 px scroll box around a cell of several figures
        if cell.cell_type == "code":
            cell.metadata["scrolled"] = False
    client = NotebookClient(
        nb,
        kernel_name="tslab",
        timeout=timeout,
        resources={"metadata": {"path": str(path.parent)}},
    )
    started = time.time()
    ok = True
    try:
        client.execute()
    except (CellExecutionError, CellTimeoutError, DeadKernelError) as err:
        ok = False
        index, cell = failing_cell(nb)
        print(f"FAILED {path.name} ({mode} mode)", flush=True)
        reported = error_text(cell) if cell is not None else ""
        if cell is not None:
            print(f"--- cell {index} ---\n{cell.source}\n--- error ---\n{reported[-4000:]}", flush=True)
        if not isinstance(err, CellExecutionError) or not reported:
            # The cell printed nothing (a failed reply without output): what the kernel replied, and when.
            print(f"{type(err).__name__} at {time.strftime('%H:%M:%S')}, {time.time() - started:.0f} s into the notebook: "
                  + (str(err).strip()[-4000:] or "(no message)"), flush=True)
    out_dir.mkdir(parents=True, exist_ok=True)
    nb.metadata.setdefault("groklab", {})["mode"] = mode
    # Signed: this machine's Jupyter opens what it executed as trusted. Elsewhere it opens untrusted:
    # groklab's renderer still draws every figure (it is safe); a viewer that runs no scripts shows
    # each figure's static image with one line on why (figureBundle's STATIC_NOTE).
    NotebookNotary().sign(nb)
    nbformat.write(nb, out_dir / path.name)
    html, _ = HTMLExporter().from_notebook_node(nb)
    if plotly == "inline":
        html = with_inline_plotly(html)
    (out_dir / path.with_suffix(".html").name).write_text(html, encoding="utf-8")
    if ok:
        print(f"ok {path.name} ({mode} mode, {time.time() - started:.1f} s)", flush=True)
        record_time(mode, path.stem, time.time() - started)
    return ok


def resolve(names: list[str]) -> list[Path]:
    """Notebooks by path, number or name: "04", "4", "04-circles" and "notebooks/04-circles.ipynb"
    all name notebooks/04-circles.ipynb; none: every notebook. Raises ValueError naming the ones known."""
    known = sorted((ROOT / "notebooks").glob("*.ipynb"))
    if not names:
        return known
    paths = []
    for name in names:
        if Path(name).is_file():
            paths.append(Path(name).resolve())
            continue
        stem = Path(name).name.removesuffix(".ipynb")
        if stem.isdigit():
            stem = stem.zfill(2) + "-"
        found = [p for p in known if p.stem == stem or p.name.startswith(stem)]
        if len(found) != 1:
            listed = ", ".join(p.stem for p in known)
            raise ValueError(f'run_notebooks: "{name}" names {"no" if not found else len(found)} notebook(s) of notebooks/; '
                             f"expected a number, a name or a path of one of: {listed}")
        paths.append(found[0])
    return paths


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--mode", choices=["quick", "full", "paper"], default="quick")
    ap.add_argument("--out", default="build/notebooks")
    ap.add_argument("--plotly", choices=["server", "inline"], default="server",
                    help="inline: plotly.min.js once in each HTML export (the .ipynb loads it from the server either way)")
    ap.add_argument("--timeout", type=int, default=1800, help="seconds per cell")
    ap.add_argument("--list", action="store_true", help="print the notebooks that would run, and exit")
    ap.add_argument("notebooks", nargs="*", help='notebooks by number, name or path ("04", "04-circles"; default: all of notebooks/)')
    args = ap.parse_args()
    try:
        paths = resolve(args.notebooks)
    except ValueError as err:
        print(err, file=sys.stderr)
        return 2
    if args.list:
        print("\n".join(str(p.relative_to(ROOT)) if p.is_relative_to(ROOT) else str(p) for p in paths))
        print(f"expected in {args.mode} mode: {estimate(paths, args.mode)}", file=sys.stderr)
        return 0

    try:
        kernel = KernelSpecManager().get_kernel_spec("tslab").argv[0]
    except NoSuchKernel:
        print("run_notebooks: the tslab kernel is not registered in this Python environment; run: npm run setup "
              "(it registers it in .venv), then run this with .venv/bin/python", file=sys.stderr)
        return 1
    if not Path(kernel).exists():
        print(f"run_notebooks: the registered tslab kernel starts {kernel}, which does not exist "
              "(registered from another checkout); run: npm run setup (it re-registers this one's)",
              file=sys.stderr)
        return 1
    os.environ["GROKLAB_MODE"] = args.mode
    os.environ["GROKLAB_PLOTLY"] = "server"
    if not paths:
        print("run_notebooks: no notebooks found in notebooks/", file=sys.stderr)
        return 1
    out_dir = (ROOT / args.out).resolve()
    print(f"run_notebooks: {len(paths)} notebook(s) in {args.mode} mode, expected {estimate(paths, args.mode)}; "
          f"rendered notebooks go to {out_dir}", flush=True)
    results = [run_one(p, out_dir, args.mode, args.timeout, args.plotly) for p in paths]
    passed = sum(results)
    print(f"rendered notebooks: {out_dir}")
    print(f"notebooks: {passed} passed, {len(results) - passed} failed")
    return 0 if passed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
