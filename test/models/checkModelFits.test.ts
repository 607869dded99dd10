/**
 * A model whose classes differ from the dataset's is refused by every entry point that takes both,
 * before anything trains or is measured (it trained without complaint before, loss 1.32).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { analyseModel } from "../../src/analysis/analyseModel";
import { hessianTopEigenvalue } from "../../src/analysis/flatness/hessianTopEigenvalue";
import { sharpness } from "../../src/analysis/flatness/sharpness";
import { withFlatLoss } from "../../src/analysis/flatness/FlatLoss";
import { makeDataset } from "../../src/data/makeDataset";
import { checkModelFits } from "../../src/models/checkModelFits";
import { EmbeddingMLP } from "../../src/models/EmbeddingMLP";
import { NandaTransformer } from "../../src/models/NandaTransformer";
import { train } from "../../src/train/train";

const dataset = makeDataset({ operation: "x+y", p: 11, trainFraction: 0.5, seed: 0 });
const message = (fn: string, classes: number) =>
  new RegExp(`^Error: ${fn}: the model has ${classes} classes \\(model\\.config\\.numClasses\\) but the dataset of x\\+y has 11; build the model with numClasses: dataset\\.numClasses$`);

test("train refuses 7 and 20 classes on an 11-class dataset, before a step or a tensor", async () => {
  for (const classes of [7, 20]) {
    const model = new EmbeddingMLP({ numClasses: classes, width: 8 });
    const before = tf.memory().numTensors;
    await assert.rejects(train(model, dataset, { steps: 5 }), message("train", classes));
    assert.equal(tf.memory().numTensors, before);
    model.dispose();
  }
});

test("sharpness, hessianTopEigenvalue, analyseModel and withFlatLoss refuse the mismatch, naming themselves", () => {
  const model = new NandaTransformer({ numClasses: 7, dModel: 16, heads: 2, dHead: 8, dMlp: 32 });
  assert.throws(() => sharpness(model, dataset), message("sharpness", 7));
  assert.throws(() => hessianTopEigenvalue(model, dataset), message("hessianTopEigenvalue", 7));
  assert.throws(() => analyseModel(model, dataset), message("analyseModel", 7));
  assert.throws(() => withFlatLoss(model, dataset, () => 0), message("withFlatLoss", 7));
  model.dispose();
});

test("train called directly refuses steps 0 and a batch larger than the training set", async () => {
  const model = new EmbeddingMLP({ numClasses: 11, width: 8 });
  await assert.rejects(train(model, dataset, { steps: 0 }), /train: invalid config:\n  steps: expected integer to be greater or equal to 1; received 0/);
  await assert.rejects(train(model, dataset, { steps: 5, batchSize: 1000 }), /train: invalid config:\n  batchSize: expected at most the dataset's 60 training pairs, or "full"; received 1000/);
  model.dispose();
});

test("a model of the dataset's classes passes; an object that is not a groklab model is named", () => {
  const model = new EmbeddingMLP({ numClasses: 11, width: 8 });
  checkModelFits("train", model, dataset);
  model.dispose();
  assert.throws(() => checkModelFits("train", {} as never, dataset), /^Error: train: the model has no numClasses \(undefined\) classes/);
});
