import assert from "node:assert/strict";
import { test } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { selectBackend } from "../../src/backend/selectBackend";
import { assertClose } from "../helpers";

test("wasm matmul with every transpose combination equals the cpu backend's, without leaking", async () => {
  const a = [...Array(3 * 4 * 5).keys()].map((i) => Math.sin(i));
  const b = [...Array(3 * 5 * 2).keys()].map((i) => Math.cos(i));
  const results: Record<string, number[][]> = {};
  for (const backend of ["cpu", "wasm"] as const) {
    await selectBackend(backend);
    results[backend] = [];
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const A = tf.tensor3d(a, [3, 4, 5]);
      const B = tf.tensor3d(b, [3, 5, 2]);
      const At = A.transpose([0, 2, 1]);
      const Bt = B.transpose([0, 2, 1]);
      for (const [x, y, ta, tb] of [[A, B, false, false], [At, B, true, false], [A, Bt, false, true], [At, Bt, true, true]] as const) {
        results[backend].push(Array.from(tf.matMul(x, y, ta, tb).dataSync()));
      }
    });
    assert.equal(tf.memory().numTensors, before);
  }
  results.cpu.forEach((expected, i) => assertClose(results.wasm[i], expected, 1e-5, 1e-6, `combination ${i}`));
  await selectBackend("cpu");
});

test("the gradient of a transposed product is right on wasm", async () => {
  await selectBackend("wasm");
  const x = tf.tensor2d([[1, 2], [3, 4], [5, 6]]);
  const w = tf.tensor2d([[1, -1, 0.5], [2, 0, -2]]);
  // d/dw sum(x·w) = xᵀ·1 : each row of w gets the column sums of x (9, 12)
  const g = tf.grad((v: tf.Tensor) => tf.sum(tf.matMul(x, v as tf.Tensor2D)))(w);
  assert.deepEqual(g.arraySync(), [[9, 9, 9], [12, 12, 12]]);
  tf.dispose([x, w, g]);
  await selectBackend("cpu");
});

test("tf.gather's gradient (UnsortedSegmentSum) works on wasm and equals the cpu backend's", async () => {
  const results: number[][] = [];
  for (const backend of ["cpu", "wasm"] as const) {
    await selectBackend(backend);
    const table = tf.tensor2d([[1, 2], [3, 4], [5, 6]]);
    const idx = tf.tensor1d([2, 0, 2, 2], "int32");
    const g = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.gather(t, idx), tf.tensor2d([[1, 1], [2, 2], [3, 3], [4, 4]]))))(table);
    results.push(Array.from(g.dataSync()));
    tf.dispose([table, idx, g]);
  }
  // row 0 gets weight 2; row 1 nothing; row 2 gets 1 + 3 + 4 = 8
  assert.deepEqual(results[0], [2, 2, 0, 0, 8, 8]);
  assert.deepEqual(results[1], results[0]);
  await selectBackend("cpu");
});

test("wasm gather copies rows (any row shape), leaves other cases to the stock kernel, and names bad indices", async () => {
  await selectBackend("wasm");
  tf.tidy(() => {
    const table = tf.tensor3d([...Array(12).keys()], [3, 2, 2]);
    assert.deepEqual(Array.from(tf.gather(table, tf.tensor1d([2, 0, 2], "int32")).dataSync()), [8, 9, 10, 11, 0, 1, 2, 3, 8, 9, 10, 11]);
    assert.deepEqual(Array.from(tf.gather(table, tf.tensor1d([1], "int32"), 1).dataSync()), [2, 3, 6, 7, 10, 11]); // axis 1: stock kernel
    assert.throws(() => tf.gather(table, tf.tensor1d([3], "int32")).dataSync(), /GatherV2: the index value 3 is not in \[0, 2\]/);
  });
  await selectBackend("cpu");
});

test("wasm Identity and identity Transpose share their input; disposing one keeps the other", async () => {
  await selectBackend("wasm");
  const before = tf.memory().numDataBuffers;
  const x = tf.tensor2d([[1, 2], [3, 4]]);
  const y = tf.transpose(x, [0, 1]);
  const z = x.clone();
  assert.equal(tf.memory().numDataBuffers - before, 1); // one buffer for the three tensors
  x.dispose();
  y.dispose();
  assert.deepEqual(Array.from(z.dataSync()), [1, 2, 3, 4]);
  assert.deepEqual(Array.from(tf.transpose(z, [1, 0]).dataSync()), [1, 3, 2, 4]);
  tf.disposeVariables();
  z.dispose();
  await selectBackend("cpu");
});
