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
