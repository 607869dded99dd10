"""A live notebook session in a real tslab kernel, as a user meets it:
- many messages: a cell that sends 1,500 display updates at once loses none, and ends;
- the stop button: after a figure is shown (Chromium started), a SIGINT during runExperiment stops
  the run at a step boundary with a checkpoint, the cell ends normally with one line, every
  variable stays, and running the cell again resumes the run;
- live displays: a training cell shows its progress bar within a second, and its live figure is
  never more than one throttle window (+ a turn of the loop) behind the bar.
Run by `npm test` (scripts/test.sh) after `npm run build`; prints "live session: N passed, N failed"."""
import json
import os
import re
import signal
import tempfile
import threading
import time
from pathlib import Path

from jupyter_client.manager import start_new_kernel

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
RUN = Path(tempfile.mkdtemp(prefix="groklab-interrupt-")) / "run"
EXPERIMENT = ('{ data: { operation: "x+y", p: 31 }, model: { kind: "mlp", width: 64 }, '
              'train: { steps: 1000000, evaluation: { every: 100 } }, run: { dir: "%s" } }' % RUN)

os.chdir(NOTEBOOKS)
# One thread, fixed: a resumed run is compared with an uninterrupted one value for value, and the
# thread count that follows the idle cores could differ between the two and change the sums' order.
km, kc = start_new_kernel(kernel_name="tslab", env={**os.environ, "GROKLAB_THREADS": "1"})
passed = failed = 0


def run(code, interrupt_after=None, timeout=120, displays=None):
    """Executes code; returns (status, text printed). displays, when given, collects (seconds since
    the request, display message content) of every display_data and update_display_data."""
    out = []
    started = time.monotonic()

    def hook(m):
        if m["msg_type"] == "stream":
            out.append(m["content"]["text"])
        if m["msg_type"] == "error":
            out.append("ERROR " + m["content"]["evalue"])
        if displays is not None and m["msg_type"] in ("display_data", "update_display_data"):
            displays.append((time.monotonic() - started, m["content"]))

    if interrupt_after is not None:  # what Kernel → Interrupt sends
        threading.Timer(interrupt_after, lambda: os.kill(km.provisioner.process.pid, signal.SIGINT)).start()
    try:
        status = kc.execute_interactive(code, output_hook=hook, timeout=timeout)["content"]["status"]
    except Exception as err:  # a timeout: the run did not stop
        status = f"no reply ({type(err).__name__})"
    return status, "".join(out)


def figure_of(data):
    """The figure of a display: a live frame's (groklab's entry) or a final one's (Plotly's)."""
    own = data.get("application/vnd.groklab.plotly+json") or {}
    return own.get("figure") or data.get("application/vnd.plotly.v1+json")


def check(ok, what, detail=""):
    global passed, failed
    ok = bool(ok)
    print(f"{'ok' if ok else 'FAILED'} {what}" + ("" if ok else f": {detail}"))
    passed, failed = passed + ok, failed + (not ok)


try:
    # The native backend, as every notebook selects it (tfjs's pure-JS "cpu" backend, the default without
    # selectBackend, trains this MLP ~100× slower and made this check take 5 minutes).
    status, out = run('import * as gl from "../dist"; await gl.selectBackend(); const before = 42; await gl.show({ data: [{ type: "scatter", x: [1, 2, 3], y: [1, 3, 2] }] }); console.log("shown");')
    check(status == "ok" and "shown" in out, "a figure is shown (the PNG renderer is running)", out)
    # Many messages from one cell: zeromq 6 puts the 513th send in a row off to the next turn of the
    # loop and throws "busy writing" at the sends before it; tslab neither awaits nor catches them,
    # so the cell failed with no error shown and its idle status was lost (synchronousKernelSends).
    burst = []
    status, out = run('for (let i = 0; i < 1500; i++) gl.writeDisplay({ data: { "text/plain": String(i) } }, "burst", i > 0); console.log("burst sent");',
                      displays=burst, timeout=60)
    check(status == "ok" and "burst sent" in out and len(burst) == 1500 and burst[-1][1]["data"]["text/plain"] == "1499",
          "a cell sending 1,500 display updates in one turn of the loop loses none and ends", f"{status}: {len(burst)} displays; {out[-300:]}")
    status, out = run('throw new Error("shown after the burst");')
    check(status == "error" and "shown after the burst" in out, "a cell's error after such a burst is shown", f"{status}: {out[-300:]}")
    time.sleep(0.5)  # after an error tslab aborts the requests of the next 200 ms, as Jupyter's "stop on error"
    status, out = run(f"const r = await gl.runExperiment({EXPERIMENT}); console.log('stoppedBy', r.stoppedBy);", interrupt_after=8)
    check(status == "ok" and "interrupted at step" in out and "stoppedBy signal" in out, "an interrupt during runExperiment stops it at a step boundary; the cell ends normally", f"{status}: {out[-400:]}")
    status, out = run('console.log("still here", before, r.stoppedBy, r.records.length > 0);')
    check(status == "ok" and "still here 42 signal true" in out, "the kernel and every variable stay", f"{status}: {out[-300:]}")
    status, out = run(f"const again = await gl.runExperiment({EXPERIMENT}); console.log('resumed from', again.startStep);", interrupt_after=5)
    check(status == "ok" and "resumed from" in out and "resumed from 0" not in out, "running the cell again resumes from the checkpoint", f"{status}: {out[-300:]}")
    # The interrupted-then-resumed run ends with the same log as one never interrupted.
    # 20,000 steps: an interrupt after 2 s cuts the run part way at ~1,000 steps a second.
    SAME = EXPERIMENT.replace(str(RUN), str(RUN) + "-same").replace("1000000", "20000")
    ONCE = EXPERIMENT.replace(str(RUN), str(RUN) + "-once").replace("1000000", "20000")
    status, out = run(f"const cut = await gl.runExperiment({SAME}); console.log('cut at', cut.records.at(-1)!.step, cut.stoppedBy);", interrupt_after=2)
    check(status == "ok" and "cut at" in out and "signal" in out, "a 20,000-step run is interrupted part way", f"{status}: {out[-300:]}")
    status, out = run(
        f"const rest = await gl.runExperiment({SAME}); const once = await gl.runExperiment({ONCE});"
        " const strip = (rs: gl.LogRecord[]) => JSON.stringify(rs.map((r) => ({ ...r, wallTime: 0 })));"
        " console.log('resumed from', rest.startStep, 'to', rest.records.at(-1)!.step, strip(rest.records) === strip(once.records) ? 'same log' : 'different log');",
        timeout=300)
    check(status == "ok" and "same log" in out and "resumed from 0 " not in out, "running it again resumes to the same log as an uninterrupted run", f"{status}: {out[-300:]}")
    # Live displays as a user starts them (runLive): a run of 10,000 steps evaluated every 100 (several seconds), a bar and a live figure (1 s window).
    LIVE = EXPERIMENT.replace(str(RUN), str(RUN) + "-live").replace("1000000", "10000")
    displays = []
    status, out = run(
        f"const lr = await gl.runLive({LIVE}, {{ title: 'live' }}); lr.model.dispose(); console.log('live done', lr.records.length);",
        displays=displays, timeout=300)
    bars = [(t, int(m.group(1))) for t, c in displays
            if (m := re.match(r"training: (\d+)/10000", str(c.get("data", {}).get("text/plain", ""))))]
    figures = [(t, max(f["data"][0]["x"] or [0])) for t, c in displays if (f := figure_of(c.get("data", {})))]
    check(status == "ok" and "live done" in out and bool(bars) and bool(figures), "a training cell with a bar and a live figure runs", f"{status}: {out[-300:]}")
    check(bool(bars) and bars[0][0] < 1.0, "the progress bar shows within a second of the cell's start",
          f"first bar message after {bars[0][0]:.2f} s" if bars else "no bar message")
    # Before close(): every step the bar showed at time t is drawn by the figure by t + 1 s (the
    # window) + 0.5 s (a turn of the loop, the figure's own drawing).
    closing = figures[-1][0] if figures else 0
    print(f"  bar messages at {[(round(t, 2), s) for t, s in bars][:8]} …; figure messages at {[(round(t, 2), s) for t, s in figures][:8]} …")
    late = [(t, s) for t, s in bars if t < closing - 1.5 and not any(ft <= t + 1.5 and fs >= s for ft, fs in figures[:-1])]
    check(bool(figures) and not late, "the live figure is never more than one throttle window behind the bar",
          f"bar steps not drawn within 1.5 s: {late[:5]}; figure messages: {[(round(t, 2), s) for t, s in figures][:12]}")
finally:
    kc.stop_channels()
    km.shutdown_kernel(now=True)
print(f"live session: {passed} passed, {failed} failed")
