/**
 * preciseCrossEntropy against float64 references worked in plain JS: its value and gradient keep
 * their relative precision for a confident network (losses of 10⁻¹⁰, where float32 log-softmax
 * gives 0), and agree with training's crossEntropy where both are exact.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { preciseCrossEntropy } from "../../src/train/preciseCrossEntropy";
import { crossEntropy } from "../../src/train/crossEntropy";
import { selectBackend } from "../../src/backend/selectBackend";
import { availableBackends } from "../helpers";

/** Mean cross-entropy and its gradient in float64: log Σ_j e^{z_j − z_y}, gradient (softmax − one-hot)/N from the same differences. */
function reference(z: number[][], y: number[]): { value: number; grad: number[][] } {
  const n = z.length;
  let value = 0;
  const grad = z.map((row, i) => {
    const d = row.map((v) => v - row[y[i]]);
    const others = d.reduce((s, v, j) => (j === y[i] ? s : s + Math.exp(v)), 0);
    value += Math.log1p(others) / n;
    return d.map((v, j) => (j === y[i] ? -others / (1 + others) : Math.exp(v) / (1 + others)) / n);
  });
  return { value, grad };
}
const close = (a: number, b: number, rel: number) => Math.abs(a - b) <= rel * Math.abs(b);

test("a confident network's loss (~1e-10) and gradient to a relative 1e-5 on every backend, no tensor left; float32 log-softmax gives 0 there", async () => {
  const z = [[30, 0, 1], [0, 25, 3], [-2, 1, 24]];
  const y = [0, 1, 2];
  const ref = reference(z, y);
  for (const backend of availableBackends()) {
  await selectBackend(backend);
  const before = tf.memory().numTensors;
  const logits = tf.tensor2d(z);
  const labels = tf.tensor1d(y, "int32");
  const value = tf.tidy(() => preciseCrossEntropy(logits, labels).dataSync()[0]);
  assert.ok(ref.value < 1e-9 && close(value, ref.value, 1e-5), `${value} vs ${ref.value}`);
  assert.ok(Math.abs(tf.tidy(() => crossEntropy(logits, labels).dataSync()[0])) < 1e-12, "what training's float32 log-softmax gives (0): why the analyses need this one");
  const grad = tf.tidy(() => tf.grad((x: tf.Tensor) => preciseCrossEntropy(x as tf.Tensor2D, labels))(logits).arraySync() as number[][]);
  grad.forEach((row, i) => row.forEach((g, j) => assert.ok(close(g, ref.grad[i][j], 1e-5), `${backend} [${i}][${j}] ${g} vs ${ref.grad[i][j]}`)));
  tf.dispose([logits, labels]);
  assert.equal(tf.memory().numTensors, before, `${backend}: no tensor left`);
  }
  await selectBackend("cpu");
});

test("an ordinary batch, a wrong answer among it: the same value and gradient as crossEntropy and the reference", () => {
  const z = [[0.3, -1.2, 2.0, 0.1], [1.5, 0.2, -0.7, 0.4], [-3, 4, 0.5, 1]];
  const y = [2, 3, 0]; // the last row's label is far from its arg-max
  const ref = reference(z, y);
  const logits = tf.tensor2d(z);
  const labels = tf.tensor1d(y, "int32");
  assert.ok(close(preciseCrossEntropy(logits, labels).dataSync()[0], ref.value, 1e-6));
  assert.ok(close(crossEntropy(logits, labels).dataSync()[0], ref.value, 1e-6));
  const grad = tf.tidy(() => tf.grad((x: tf.Tensor) => preciseCrossEntropy(x as tf.Tensor2D, labels))(logits).arraySync() as number[][]);
  grad.forEach((row, i) => row.forEach((g, j) => assert.ok(Math.abs(g - ref.grad[i][j]) < 1e-7, `[${i}][${j}] ${g} vs ${ref.grad[i][j]}`)));
  assert.throws(() => preciseCrossEntropy(logits, tf.tensor1d([0, 1], "int32")), /preciseCrossEntropy: expected logits \[batch, classes\] and int32 labels \[batch\]; received \[3,4\] and int32 \[2\]/);
  tf.dispose([logits, labels]);
});
