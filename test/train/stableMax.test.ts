import assert from "node:assert/strict";
import { test } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { stableMaxCrossEntropy, stableMaxS } from "../../src/train/stableMax";
import { assertClose, fixture } from "../helpers";

test("s(x) by hand: x + 1 for x ≥ 0, 1/(1 − x) below", () => {
  assertClose(stableMaxS(tf.tensor1d([-3, -1, 0, 2])).dataSync(), [0.25, 0.5, 1, 3]);
});

test("the loss matches the PyTorch reference; its gradient is finite everywhere, even at x = 1", () => {
  const f = fixture<{ logits: number[]; labels: number[]; stablemax: number }>("filters");
  const loss = stableMaxCrossEntropy(tf.tensor2d(f.logits, [4, 5]), tf.tensor1d(f.labels, "int32"));
  assertClose(loss.dataSync(), [f.stablemax], 1e-5);
  const g = tf.grad((x: tf.Tensor) => stableMaxCrossEntropy(x as tf.Tensor2D, tf.tensor1d([0], "int32")))(tf.tensor2d([[1, -2, 0]]));
  assert.ok(Array.from(g.dataSync()).every(Number.isFinite), `${g.dataSync()}`);
});

test("s'(x) by hand: 1 on x ≥ 0 (x = 0 included), 1/(1 − x)² below; no tensors left behind", () => {
  const x = tf.tensor1d([-3, -1, -1e-3, 0, 1e-3, 2]);
  const before = tf.memory().numTensors;
  const g = tf.grad((t: tf.Tensor) => stableMaxS(t).mul(tf.tensor1d([1, 2, 1, 1, 1, 3])).sum())(x);
  assertClose(g.dataSync(), [1 / 16, 2 / 4, 1 / (1.001 * 1.001), 1, 1, 3], 1e-6);
  g.dispose();
  assert.equal(tf.memory().numTensors, before);
});

test("the loss's gradient matches central differences on random rows of Power's logit size", () => {
  const logits = tf.randomNormal([16, 97], 0, 3, "float32", 7);
  const labels = tf.tensor1d(Array.from({ length: 16 }, (_, i) => (i * 13) % 97), "int32");
  const f = (x: tf.Tensor) => stableMaxCrossEntropy(x as tf.Tensor2D, labels);
  const g = tf.grad(f)(logits).dataSync();
  const base = logits.dataSync();
  const h = 1e-2;
  for (const i of [0, 5, 96, 97 * 3 + 13 * 3, 500, 1551]) {
    const at = (d: number) => { const v = Float32Array.from(base); v[i] += d; return f(tf.tensor2d(v, [16, 97])).dataSync()[0]; };
    assertClose([g[i]], [(at(h) - at(-h)) / (2 * h)], 2e-3, 1e-4, `logit ${i}`);
  }
});
