import assert from "node:assert/strict";
import { test } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { registerFusedGradients } from "../../src/backend/registerFusedGradients";
import { selectBackend } from "../../src/backend/selectBackend";
import { availableBackends } from "../helpers";

test("the ReLU gradient is dy where x > 0 and 0 elsewhere on every backend, NaN kept, nothing leaked", async () => {
  registerFusedGradients();
  for (const backend of availableBackends()) {
    await selectBackend(backend);
    const before = tf.memory().numTensors;
    const grad = tf.tidy(() => {
      const x = tf.tensor1d([-2, 0, 0.5, 3, NaN]);
      const w = tf.tensor1d([10, 20, 30, 40, 50]);
      return Array.from(tf.grad((v: tf.Tensor) => tf.relu(v).mul(w).sum())(x).dataSync());
    });
    assert.deepEqual(grad, [0, 0, 30, 40, NaN], backend);
    assert.equal(tf.memory().numTensors, before, `${backend}: live tensors`);
  }
  await selectBackend("cpu");
});

test("int32 inputs keep tfjs's own gradient", async () => {
  await selectBackend(availableBackends().at(-1)!);
  const g = tf.tidy(() => Array.from(tf.grad((v: tf.Tensor) => tf.relu(v).sum())(tf.tensor1d([-1, 2], "int32")).dataSync()));
  assert.deepEqual(g, [0, 1]);
  await selectBackend("cpu");
});
