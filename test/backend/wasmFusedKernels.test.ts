import assert from "node:assert/strict";
import { test } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { FUSED, runFused } from "../../src/backend/runFused";
import { selectBackend } from "../../src/backend/selectBackend";

// The update's numbers are checked against torch.optim.AdamW on every backend in test/train/AdamW.test.ts.
test("wasm registers the fused AdamW only (the others measured slower there) and names bad dtypes", async () => {
  await selectBackend("wasm");
  const f = tf.ones([3]);
  assert.equal(runFused(FUSED.reluGrad, { dy: f, x: f }), null);
  assert.equal(runFused(FUSED.softmaxCrossEntropy, { logits: tf.ones([1, 3]), labels: tf.tensor1d([0], "int32") }), null);
  const attrs = { decayFactors: [1], beta1: 0.9, beta2: 0.98, stepSize: 1, correction2Sqrt: 1, eps: 1e-8 };
  assert.throws(() => runFused(FUSED.adamW, { w0: f, g0: tf.ones([3], "int32"), m0: f, v0: f }, attrs), /GroklabAdamW \(wasm\): g0 must be float32; received int32/);
  assert.throws(() => runFused(FUSED.adamW, { w0: f, g0: f, m0: f, v0: tf.ones([2]) }, attrs), /GroklabAdamW \(wasm\): w0 and v0 must have one shape; received \[3\] and \[2\]/);
  tf.disposeVariables();
  await selectBackend("cpu");
});
