import assert from "node:assert/strict";
import { test } from "node:test";
import { trainedMlpFolder } from "../helpers";
import * as tf from "@tensorflow/tfjs";
import { analyseCheckpoints } from "../../src/analysis/analyseCheckpoints";
import { analyseModel } from "../../src/analysis/analyseModel";

test("analyseCheckpoints: each checkpoint analysed as analyseModel does on it, on the last checkpoint's key frequencies; rows from the log; no tensors left", async () => {
  const { folder, dataset, records } = await trainedMlpFolder("checkpoints-", 80);
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
    assert.equal(c.table[i].valAccuracy, records.find((r) => r.step === step)?.valAccuracy ?? null);
    assert.equal(c.table[i].singleFrequencyNeurons, byHand.neurons.shareAbove);
    assert.equal(c.snapshots[i].step, step);
    assert.deepEqual(c.snapshots[i].spectrum, byHand.norms);
    assert.equal(c.snapshots[i].points.length, 13, "one PCA point per residue");
  });
  assert.ok(new Set(c.analyses.map((a) => a.loss.full.toFixed(6))).size > 1, "the checkpoints differ");
  assert.throws(() => analyseCheckpoints(folder, dataset, { steps: [7] }), /analyseCheckpoints: ".*" has no checkpoint for step\(s\) 7; it has/);
});
