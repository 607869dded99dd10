import assert from "node:assert/strict";
import { test } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { orthogonalGrad } from "../../src/train/orthogonalGrad";
import { assertClose, fixture } from "../helpers";

test("by hand: w = (1, 0), g = (1, 1) → (0, √2)", () => {
  const out = orthogonalGrad(tf.tensor1d([1, 0]), tf.tensor1d([1, 1]));
  assertClose(out.dataSync(), [0, Math.SQRT2], 1e-6, 1e-7);
});

test("matches the PyTorch reference, is orthogonal to w and keeps the norm of g", () => {
  const f = fixture<{ w: number[]; g: number[]; orthogonal: number[] }>("filters");
  const w = tf.tensor(f.w, [2, 3]);
  const g = tf.tensor(f.g, [2, 3]);
  const out = orthogonalGrad(w, g);
  assertClose(out.dataSync(), f.orthogonal, 1e-5, 1e-6);
  assert.ok(Math.abs(tf.sum(out.mul(w)).dataSync()[0]) < 1e-5);
  assertClose(tf.norm(out).dataSync(), tf.norm(g).dataSync(), 1e-5);
});

test("shapes must agree", () => {
  assert.throws(() => orthogonalGrad(tf.zeros([2]), tf.zeros([3])), /orthogonalGrad: gradient shape \[3\] differs from parameter shape \[2\]/);
});
