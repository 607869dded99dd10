import assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { test } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { analyseCheckpoints } from "../../src/analysis/analyseCheckpoints";
import { analyseModel } from "../../src/analysis/analyseModel";
import { makeDataset } from "../../src/data/makeDataset";
import { runExperiment } from "../../src/experiment/runExperiment";
import { RunFolder } from "../../src/runs/RunFolder";

test("analyseCheckpoints: each checkpoint analysed as analyseModel does on it, on the last checkpoint's key frequencies; rows from the log; no tensors left", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "checkpoints-"));
  const config = {
    data: { operation: "x+y", p: 13, seed: 0 }, model: { kind: "mlp", width: 32, seed: 0 },
    train: { steps: 80, optimizer: { lr: 1e-2, weightDecay: 1 }, evaluation: { every: 10 }, yieldEveryMs: 0 }, run: { dir, checkpointsPerDecade: 3 },
  };
  const run = await runExperiment(config);
  run.model.dispose();
  const folder = RunFolder.open(dir);
  const dataset = makeDataset(config.data as Parameters<typeof makeDataset>[0]);
  const before = tf.memory().numTensors;
  const c = analyseCheckpoints(folder, dataset);
  assert.equal(tf.memory().numTensors, before);
  assert.deepEqual(c.steps, folder.checkpointSteps());
  assert.ok(c.steps.length >= 3);
  // The keys are those of the last checkpoint, and every checkpoint's losses use them.
  const last = folder.model(c.steps.at(-1)!);
  assert.deepEqual(c.keys, analyseModel(last, dataset).keys);
  last.dispose();
  c.steps.forEach((step, i) => {
    const model = folder.model(step);
    const byHand = analyseModel(model, dataset, { keys: c.keys });
    model.dispose();
    assert.deepEqual(c.analyses[i].norms, byHand.norms);
    assert.equal(c.analyses[i].loss.restricted, byHand.loss.restricted);
    assert.equal(c.analyses[i].loss.excluded, byHand.loss.excluded);
    assert.equal(c.table[i].step, step);
    assert.equal(c.table[i].valAccuracy, run.records.find((r) => r.step === step)?.valAccuracy ?? null);
    assert.equal(c.table[i].singleFrequencyNeurons, byHand.neurons.shareAbove);
    assert.equal(c.snapshots[i].step, step);
    assert.deepEqual(c.snapshots[i].spectrum, byHand.norms);
    assert.equal(c.snapshots[i].points.length, 13, "one PCA point per residue");
  });
  assert.ok(new Set(c.analyses.map((a) => a.loss.full.toFixed(6))).size > 1, "the checkpoints differ");
  assert.throws(() => analyseCheckpoints(folder, dataset, { steps: [7] }), /analyseCheckpoints: ".*" has no checkpoint for step\(s\) 7; it has/);
});
