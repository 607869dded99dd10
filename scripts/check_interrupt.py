"""The notebook's stop button, in a real tslab kernel: after a figure is shown (Chromium started),
a SIGINT during runExperiment stops the run at a step boundary with a checkpoint, the cell ends
normally with one line, every variable stays, and running the cell again resumes the run.
Run by `npm test` (scripts/test.sh) after `npm run build`; prints "interrupt: N passed, N failed"."""
import os
import signal
import tempfile
import threading
from pathlib import Path

from jupyter_client.manager import start_new_kernel

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
RUN = Path(tempfile.mkdtemp(prefix="groklab-interrupt-")) / "run"
EXPERIMENT = ('{ data: { operation: "x+y", p: 31 }, model: { kind: "mlp", width: 64 }, '
              'train: { steps: 1000000, evaluation: { every: 100 } }, run: { dir: "%s" } }' % RUN)

os.chdir(NOTEBOOKS)
km, kc = start_new_kernel(kernel_name="tslab")
passed = failed = 0


def run(code, interrupt_after=None, timeout=120):
    out = []

    def hook(m):
        if m["msg_type"] == "stream":
            out.append(m["content"]["text"])
        if m["msg_type"] == "error":
            out.append("ERROR " + m["content"]["evalue"])

    if interrupt_after is not None:  # what Kernel → Interrupt sends
        threading.Timer(interrupt_after, lambda: os.kill(km.provisioner.process.pid, signal.SIGINT)).start()
    try:
        status = kc.execute_interactive(code, output_hook=hook, timeout=timeout)["content"]["status"]
    except Exception as err:  # a timeout: the run did not stop
        status = f"no reply ({type(err).__name__})"
    return status, "".join(out)


def check(ok, what, detail=""):
    global passed, failed
    print(f"{'ok' if ok else 'FAILED'} {what}" + ("" if ok else f": {detail}"))
    passed, failed = passed + ok, failed + (not ok)


try:
    status, out = run('import * as gl from "../dist"; const before = 42; await gl.show({ data: [{ type: "scatter", x: [1, 2, 3], y: [1, 3, 2] }] }); console.log("shown");')
    check(status == "ok" and "shown" in out, "a figure is shown (the PNG renderer is running)", out)
    status, out = run(f"const r = await gl.runExperiment({EXPERIMENT}); console.log('stoppedBy', r.stoppedBy);", interrupt_after=8)
    check(status == "ok" and "interrupted at step" in out and "stoppedBy signal" in out, "an interrupt during runExperiment stops it at a step boundary; the cell ends normally", f"{status}: {out[-400:]}")
    status, out = run('console.log("still here", before, r.stoppedBy, r.records.length > 0);')
    check(status == "ok" and "still here 42 signal true" in out, "the kernel and every variable stay", f"{status}: {out[-300:]}")
    status, out = run(f"const again = await gl.runExperiment({EXPERIMENT}); console.log('resumed from', again.startStep);", interrupt_after=5)
    check(status == "ok" and "resumed from" in out and "resumed from 0" not in out, "running the cell again resumes from the checkpoint", f"{status}: {out[-300:]}")
finally:
    kc.stop_channels()
    km.shutdown_kernel(now=True)
print(f"interrupt: {passed} passed, {failed} failed")
