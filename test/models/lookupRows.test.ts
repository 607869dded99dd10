import assert from "node:assert/strict";
import { test } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { libtorchAddon } from "../../src/backend/libtorchAddon";
import { selectBackend } from "../../src/backend/selectBackend";
import { lookupRows } from "../../src/models/lookupRows";

for (const backend of ["cpu", "wasm", "libtorch"] as const) {
  const skip = backend === "libtorch" && !libtorchAddon().addon ? libtorchAddon().why : false;
  test(`lookupRows on ${backend}: table[ids] and the gradient of a lookup`, { skip }, async () => {
    await selectBackend(backend);
    const table = tf.tensor2d([[1, 2], [3, 4], [5, 6]]);
    const ids = tf.tensor1d([2, 0, 2], "int32");
    assert.deepEqual(lookupRows(table, ids).arraySync(), [[5, 6], [1, 2], [5, 6]]);
    const g = tf.grad((t: tf.Tensor) => tf.sum(lookupRows(t as tf.Tensor2D, ids)))(table);
    assert.deepEqual(g.arraySync(), [[1, 1], [0, 0], [2, 2]]);
    tf.dispose([table, ids, g]);
    await selectBackend("cpu");
  });
}
