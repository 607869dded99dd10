/**
 * A kernel-like process for the interrupt test: it has its own SIGINT listener (as tslab's, which
 * would fail the cell), trains into a run folder, and is sent SIGINT mid-run:
 *   node --import tsx test/train/interruptChild.ts <runDir>
 */
import { makeDataset } from "../../src/data/makeDataset";
import { EmbeddingMLP } from "../../src/models/EmbeddingMLP";
import { RunFolder } from "../../src/runs/RunFolder";
import { train } from "../../src/train/train";

let kernelListenerCalls = 0;
const kernelListener = () => kernelListenerCalls++;
process.on("SIGINT", kernelListener);

(async () => {
  const ds = makeDataset({ operation: "x+y", p: 11, seed: 1 });
  const model = new EmbeddingMLP({ numClasses: 11, width: 16, seed: 1 });
  const result = await train(model, ds, { steps: 100000, optimizer: { lr: 1e-2 }, evaluation: { every: 50 }, yieldEveryMs: 0 }, (r) => {
    if (r.step === 500) process.kill(process.pid, "SIGINT");
  }, new RunFolder(process.argv[2], { test: "interrupt" }, { checkpointsPerDecade: 0 }));
  const listeners = process.listeners("SIGINT");
  console.log(JSON.stringify({ stoppedBy: result.stoppedBy, lastStep: result.records[result.records.length - 1].step, kernelListenerCalls, restored: listeners.length === 1 && listeners[0] === kernelListener }));
})();
