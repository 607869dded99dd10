import assert from "node:assert/strict";
import { test } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { logitSpectrumOf } from "../../../src/analysis/fourier/logitSpectrumOf";
import { logitSpectrumNorms } from "../../../src/analysis/fourier/logitSpectrumNorms";
import { makeDataset } from "../../../src/data/makeDataset";
import { NandaTransformer } from "../../../src/models/NandaTransformer";

test("logitSpectrumOf: the spectrum of the logits over all p² pairs, a-major, with no tensor left; a model of another size is refused by name", () => {
  const dataset = makeDataset({ operation: "x+y", p: 7, seed: 0 });
  const model = new NandaTransformer({ numClasses: 7, dModel: 8, heads: 2, dMlp: 16, seed: 1 });
  const before = tf.memory().numTensors;
  const got = logitSpectrumOf(model, dataset);
  assert.equal(tf.memory().numTensors, before);
  assert.equal(dataset.a.length, 49);
  const want = tf.tidy(() => logitSpectrumNorms(model.forward({ a: tf.tensor1d(dataset.a, "int32"), b: tf.tensor1d(dataset.b, "int32") }), 7));
  assert.deepEqual(got, want);
  const other = new NandaTransformer({ numClasses: 11, dModel: 8, heads: 2, dMlp: 16 });
  assert.throws(() => logitSpectrumOf(other, dataset), /logitSpectrumOf/);
  [model, other].forEach((m) => m.dispose());
});
