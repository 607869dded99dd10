import assert from "node:assert/strict";
import { test } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { FUSED } from "../../src/backend/runFused";
import { selectBackend } from "../../src/backend/selectBackend";
import { availableBackends } from "../helpers";

test("fused kernels name themselves, the input and the dtype or shape they expected", async (t) => {
  if (!availableBackends().includes("libtorch")) return t.skip("the libtorch addon is not built");
  await selectBackend("libtorch");
  const run = (name: string, inputs: Record<string, tf.Tensor>, attrs = {}) => () => tf.tidy(() => tf.engine().runKernel(name, inputs, attrs));
  const f = tf.ones([2, 3]);
  const i = tf.ones([2, 3], "int32");
  assert.throws(run(FUSED.reluGrad, { dy: f, x: i }), /GroklabReluGrad \(libtorch\): x must be float32; received int32/);
  assert.throws(run(FUSED.reluGrad, { dy: f, x: tf.ones([3, 2]) }), /GroklabReluGrad \(libtorch\): dy and x must have one shape; received \[2,3\] and \[3,2\]/);
  assert.throws(run(FUSED.softmaxCrossEntropy, { logits: f, labels: tf.ones([2]) }), /GroklabSoftmaxCrossEntropy \(libtorch\): labels must be int32; received float32/);
  assert.throws(run(FUSED.adamW, { w: f, g: f, m: f, v: tf.ones([6]) }), /GroklabAdamW \(libtorch\): w and v must have one shape/);
  tf.disposeVariables();
  await selectBackend("cpu");
});

test("the fused softmax cross-entropy gradient scales by dy / N", async (t) => {
  if (!availableBackends().includes("libtorch")) return t.skip("the libtorch addon is not built");
  await selectBackend("libtorch");
  const g = tf.tidy(() => {
    const out = tf.engine().runKernel(FUSED.softmaxCrossEntropyGrad, { logits: tf.zeros([2, 2]), labels: tf.tensor1d([0, 1], "int32"), dy: tf.scalar(4) }, {});
    return Array.from((out as tf.Tensor).dataSync());
  });
  assert.deepEqual(g, [-1, 1, 1, -1]); // (½ − 1)·4/2, ½·4/2, …
  await selectBackend("cpu");
});
