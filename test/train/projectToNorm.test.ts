import assert from "node:assert/strict";
import { test } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { projectToNorm } from "../../src/train/projectToNorm";
import { assertClose } from "../helpers";

test("projectToNorm scales all parameters together to the target norm (hand-computed), keeping their directions", () => {
  const a = tf.variable(tf.tensor2d([[3, 0], [0, 0]]));
  const b = tf.variable(tf.tensor1d([4]));
  projectToNorm([a, b], 10); // the norm was √(9 + 16) = 5: every value doubles
  assertClose(a.dataSync(), [6, 0, 0, 0]);
  assertClose(b.dataSync(), [8]);
  tf.dispose([a, b]);
});

test("projectToNorm on a model-sized random parameter set reaches the norm, leaks nothing, and names bad targets", () => {
  const params = [tf.variable(tf.randomNormal([97, 512], 0, 1, "float32", 1)), tf.variable(tf.randomNormal([512], 0, 0.1, "float32", 2))];
  const ratio = params[1].norm().dataSync()[0] / params[0].norm().dataSync()[0];
  const before = tf.memory().numTensors;
  projectToNorm(params, 3.5);
  assert.equal(tf.memory().numTensors, before);
  const total = Math.hypot(...params.map((p) => p.norm().dataSync()[0]));
  assertClose([total], [3.5], 1e-5);
  assertClose([params[1].norm().dataSync()[0] / params[0].norm().dataSync()[0]], [ratio], 1e-5, 0, "the parameters' relative sizes");
  assert.throws(() => projectToNorm(params, 0), /projectToNorm: norm must be a positive number; received 0/);
  assert.throws(() => projectToNorm([tf.variable(tf.zeros([2]))], 1), /projectToNorm: the parameters' norm is 0/);
  tf.dispose(params);
});
