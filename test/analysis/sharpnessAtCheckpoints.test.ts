import assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { test } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { sharpness } from "../../src/analysis/sharpness";
import { sharpnessAtCheckpoints } from "../../src/analysis/sharpnessAtCheckpoints";
import { makeDataset } from "../../src/data/makeDataset";
import { runExperiment } from "../../src/experiment/runExperiment";
import { RunFolder } from "../../src/train/RunFolder";

test("sharpnessAtCheckpoints: φ of each checkpoint equals φ of that checkpoint loaded by hand; accuracies from the log; no tensors left", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "phi-"));
  const config = {
    data: { operation: "x+y", p: 11, seed: 0 }, model: { kind: "mlp", width: 24, seed: 0 },
    train: { steps: 60, optimizer: { lr: 1e-2 }, evaluation: { every: 10 }, yieldEveryMs: 0 }, run: { dir, checkpointsPerDecade: 3 },
  };
  const run = await runExperiment(config);
  run.model.dispose();
  const folder = RunFolder.open(dir);
  const dataset = makeDataset(config.data as Parameters<typeof makeDataset>[0]);
  const before = tf.memory().numTensors;
  const measured = sharpnessAtCheckpoints(folder, dataset, { seed: 1 });
  assert.equal(tf.memory().numTensors, before);
  assert.deepEqual(measured.map((m) => m.step), folder.checkpointSteps());
  assert.ok(measured.length >= 3);
  const phis = new Set(measured.map((m) => m.phi.toFixed(6)));
  assert.ok(phis.size > 1, "different training lengths give different φ");
  for (const m of measured) {
    const model = folder.model(m.step);
    assert.equal(m.phi, sharpness(model, dataset, { seed: 1 }).phi);
    model.dispose();
    assert.equal(m.valAccuracy, run.records.find((r) => r.step === m.step)?.valAccuracy ?? null);
  }
  assert.throws(() => sharpnessAtCheckpoints(folder, dataset, { steps: [7] }), /sharpnessAtCheckpoints: ".*" has no checkpoint for step\(s\) 7; it has/);
});
