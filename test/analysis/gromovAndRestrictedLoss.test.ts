import assert from "node:assert/strict";
import { test } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { fourierNorms, keyFrequencies } from "../../src/analysis/fourier/fourierNorms";
import { neuronFrequencies } from "../../src/analysis/fourier/neuronFrequencies";
import { restrictedLoss } from "../../src/analysis/fourier/restrictedLoss";
import { makeDataset } from "../../src/data/makeDataset";
import { EmbeddingMLP } from "../../src/models/EmbeddingMLP";
import { gromovWeights } from "../../src/models/gromovSolution";
import { ActivationCache, disposeCache } from "../../src/models/Model";
import { accuracy } from "../../src/train/crossEntropy";

const p = 31;
const keys = [4, 9, 13];
const dataset = makeDataset({ operation: "x+y", p, trainFraction: 0.5, seed: 0 });

function gromovModel(): EmbeddingMLP {
  const w = gromovWeights(p, 600, { frequencies: keys, seed: 1 });
  const model = new EmbeddingMLP({ numClasses: p, width: 600, activation: "quadratic" }, w);
  tf.dispose(Object.values(w));
  return model;
}

test("Gromov's analytic solution gets a + b mod p right on (nearly) every pair and shows its frequencies", () => {
  const model = gromovModel();
  const a = tf.tensor1d(dataset.a, "int32");
  const b = tf.tensor1d(dataset.b, "int32");
  const cache: ActivationCache = new Map();
  const logits = model.forward({ a, b }, cache);
  const acc = accuracy(logits, tf.tensor1d(dataset.answer, "int32")).dataSync()[0];
  assert.ok(acc >= 0.99, `accuracy ${acc}`);
  assert.deepEqual(keyFrequencies(fourierNorms(model.params["embed.E1"])), keys);
  assert.deepEqual(keyFrequencies(fourierNorms(model.params["unembed.W_out"].transpose())), keys);
  const nf = neuronFrequencies(cache.get("hidden.pre") as tf.Tensor2D, p);
  assert.deepEqual([...new Set(nf.frequency)].sort((x, y) => x - y), keys);
  assert.equal(nf.shareAbove, 1, "every pre-activation is one frequency: cos(w a + φ1) + cos(w b + φ2)");
  disposeCache(cache);
  tf.dispose([logits, a, b]);
  model.dispose();
});

test("restricted loss keeps the solution's performance; excluded loss destroys it", () => {
  const model = gromovModel();
  const a = tf.tensor1d(dataset.a, "int32");
  const b = tf.tensor1d(dataset.b, "int32");
  const logits = model.forward({ a, b });
  const r = restrictedLoss(logits, dataset, keys);
  assert.ok(r.restricted <= r.full * 1.05 + 1e-3, JSON.stringify(r));
  assert.ok(r.excluded > Math.log(p) * 0.9, `excluded ${r.excluded} should be near chance (ln p = ${Math.log(p)}) or worse`);
  const other = restrictedLoss(logits, dataset, [1, 2]);
  assert.ok(other.restricted > Math.log(p) * 0.9, "keeping the wrong frequencies leaves chance-level loss");
  tf.dispose([logits, a, b]);
  model.dispose();
});

test("restricted loss needs the full grid and valid frequencies", () => {
  const div = makeDataset({ operation: "x/y", p: 7 });
  assert.throws(() => restrictedLoss(tf.zeros([42, 7]) as tf.Tensor2D, div, [1]), /restrictedLoss: needs logits for all p² = 49 pairs; received 42 logits and a table of 42 pairs/);
  assert.throws(() => restrictedLoss(tf.zeros([p * p, p]) as tf.Tensor2D, dataset, [16]), /restrictedLoss: key frequencies must be integers in \[1, 15\]; received 16/);
});
