/**
 * A kernel-like process for the sweep interrupt test: it has its own SIGINT listener (as tslab's,
 * which would fail the cell and leave the sweep running on), runs a sweep with no signal of its
 * own, as runSweepLive does, and once a run has logged 15 evaluations sends SIGINT to its whole
 * process group, as Jupyter's interrupt and a terminal's Ctrl-C do (workers included):
 *   node --import tsx test/experiment/sweepInterruptChild.ts <sweep.json> <out>
 */
import * as fs from "fs";
import * as path from "path";
import { runSweep } from "../../src/experiment/runSweep";

let kernelListenerCalls = 0;
const kernelListener = () => kernelListenerCalls++;
process.on("SIGINT", kernelListener);

(async () => {
  const [file, out] = process.argv.slice(2);
  const events: string[] = [];
  const log = path.join(out, "runs", "weightDecay=0.5,seed=0", "log.jsonl");
  const poll = setInterval(() => {
    if (fs.existsSync(log) && fs.readFileSync(log, "utf8").split("\n").length > 15) {
      clearInterval(poll);
      process.kill(-process.pid, "SIGINT");
    }
  }, 50);
  const rows = await runSweep(JSON.parse(fs.readFileSync(file, "utf8")), out, { workers: 2, threads: 1, onEvent: (line) => events.push(line) });
  clearInterval(poll);
  const listeners = process.listeners("SIGINT");
  console.log(JSON.stringify({ rows: rows.length, events, kernelListenerCalls, restored: listeners.length === 1 && listeners[0] === kernelListener }));
})();
