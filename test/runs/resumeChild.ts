/**
 * A training run for the resume test, in its own process so that it can be killed with SIGKILL:
 *   node --import tsx test/runs/resumeChild.ts <runDir> [resume]
 */
import { selectBackend } from "../../src/backend/selectBackend";
import { makeDataset } from "../../src/data/makeDataset";
import { EmbeddingMLP } from "../../src/models/EmbeddingMLP";
import { RunFolder } from "../../src/runs/RunFolder";
import { train } from "../../src/train/train";
import { TrainConfig } from "../../src/specs/TrainConfig";

export const RESUME_CONFIG: TrainConfig = { steps: 600, batchSize: 16, optimizer: { lr: 3e-3 }, evaluation: { every: 20 }, yieldEveryMs: 0 };

async function main() {
  const [dir, mode] = process.argv.slice(2);
  await selectBackend("cpu");
  const ds = makeDataset({ operation: "x+y", p: 13, trainFraction: 0.5, seed: 3 });
  const model = new EmbeddingMLP({ numClasses: 13, width: 32, seed: 3 });
  const run = new RunFolder(dir, { train: RESUME_CONFIG }, { resume: mode === "resume", checkpointsPerDecade: 10 });
  // Slow the first session down so the parent can kill it mid-run.
  await train(model, ds, RESUME_CONFIG, async () => {
    if (mode !== "resume") await new Promise((r) => setTimeout(r, 20));
  }, run);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
