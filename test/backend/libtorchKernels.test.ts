import assert from "node:assert/strict";
import { test } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { LibtorchBackend } from "../../src/backend/LibtorchBackend";
import { selectBackend } from "../../src/backend/selectBackend";
import { availableBackends } from "../helpers";

// Every native kernel also runs tfjs-core's own op specs (scripts/tfjsCoreOps.sh); these cover
// what those specs cannot see.

test("the identity transpose (tf.gather's gradient makes one) shares the data instead of copying", async (t) => {
  if (!availableBackends().includes("libtorch")) return t.skip("the libtorch addon is not built");
  await selectBackend("libtorch");
  const backend = tf.backend() as LibtorchBackend;
  const x = tf.tensor2d([[1, 2], [3, 4]]);
  const same = tf.transpose(x, [0, 1]);
  const swapped = tf.transpose(x, [1, 0]);
  assert.equal(backend.floats(same), backend.floats(x));
  assert.deepEqual(Array.from(swapped.dataSync()), [1, 3, 2, 4]);
  x.dispose();
  assert.deepEqual(Array.from(same.dataSync()), [1, 2, 3, 4]); // still alive: shared, counted
  tf.dispose([same, swapped]);
  await selectBackend("cpu");
});

test("a Slice of the whole tensor and a PadV2 by zeros share the data; a part or a real pad still copies", async (t) => {
  if (!availableBackends().includes("libtorch")) return t.skip("the libtorch addon is not built");
  await selectBackend("libtorch");
  const backend = tf.backend() as LibtorchBackend;
  const x = tf.tensor3d([[[1, 2]], [[3, 4]]]); // [2, 1, 2], as Power's last position is [batch, 1, d]
  const whole = tf.slice(x, [0, 0, 0], [2, 1, 2]);
  const part = tf.slice(x, [1, 0, 0], [1, 1, 2]);
  const unpadded = tf.pad(x, [[0, 0], [0, 0], [0, 0]]);
  const padded = tf.pad(x, [[0, 0], [1, 0], [0, 0]], 7);
  assert.equal(backend.floats(whole), backend.floats(x));
  assert.equal(backend.floats(unpadded), backend.floats(x));
  assert.notEqual(backend.floats(part), backend.floats(x));
  assert.deepEqual(Array.from(part.dataSync()), [3, 4]);
  assert.deepEqual(Array.from(padded.dataSync()), [7, 7, 1, 2, 7, 7, 3, 4]);
  x.dispose();
  assert.deepEqual(Array.from(whole.dataSync()), [1, 2, 3, 4]); // still alive: shared, counted
  whole.dispose();
  assert.deepEqual(Array.from(unpadded.dataSync()), [1, 2, 3, 4]);
  tf.dispose([unpadded, part, padded]);
  await selectBackend("cpu");
});

test("OneHot gives int32 (tf.oneHot's default) and float32, off and on values as asked", async (t) => {
  if (!availableBackends().includes("libtorch")) return t.skip("the libtorch addon is not built");
  await selectBackend("libtorch");
  const ids = tf.tensor1d([2, 0], "int32");
  const int = tf.oneHot(ids, 3);
  const float = tf.oneHot(ids, 3, 5, -1, "float32");
  assert.equal(int.dtype, "int32");
  assert.deepEqual(Array.from(int.dataSync()), [0, 0, 1, 1, 0, 0]);
  assert.equal(float.dtype, "float32");
  assert.deepEqual(Array.from(float.dataSync()), [-1, -1, 5, 5, -1, -1]);
  tf.dispose([ids, int, float]);
  await selectBackend("cpu");
});
