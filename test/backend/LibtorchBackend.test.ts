import assert from "node:assert/strict";
import { test } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { LibtorchBackend } from "../../src/backend/LibtorchBackend";
import { selectBackend } from "../../src/backend/selectBackend";
import { availableBackends } from "../helpers";

test("a native output's buffer goes back to the pool when its tensor is disposed, and is reused", async (t) => {
  if (!availableBackends().includes("libtorch")) return t.skip("the libtorch addon is not built");
  await selectBackend("libtorch");
  const backend = tf.backend() as LibtorchBackend;
  const x = tf.ones([100, 100]);
  const y = tf.add(x, x); // native Add: a pooled 10,000-float buffer
  const buffer = backend.floats(y);
  const held = backend.pool.heldBytes;
  y.dispose();
  assert.equal(backend.pool.heldBytes, held + 40_000);
  const z = tf.mul(x, x);
  assert.equal(backend.floats(z), buffer);
  assert.deepEqual(Array.from(z.dataSync().slice(0, 3)), [1, 1, 1]);
  tf.dispose([x, z]);
  await selectBackend("cpu");
});

test("an array read with dataSync stays the reader's: its buffer is not recycled when the tensor is disposed", async (t) => {
  if (!availableBackends().includes("libtorch")) return t.skip("the libtorch addon is not built");
  await selectBackend("libtorch");
  const x = tf.ones([100, 100]);
  const read = tf.tidy(() => tf.add(x, x).dataSync()); // the sum's own array, its tensor disposed by tidy
  const later = tf.tidy(() => tf.mul(x, tf.scalar(7)).dataSync()); // a pooled buffer would be `read`, overwritten
  assert.notEqual(later, read);
  assert.deepEqual([read[0], read[9999], later[0]], [2, 2, 7]);
  x.dispose();
  await selectBackend("cpu");
});

test("the libtorch backend does not print tfjs-backend-cpu's advice to install tfjs-node", () => {
  const warned: string[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => void warned.push(args.join(" "));
  try {
    const backend = new LibtorchBackend();
    backend.write(new Float32Array([1]), [1], "float32"); // tfjs-backend-cpu warns on its first write
    backend.dispose();
  } finally {
    console.warn = warn;
  }
  assert.equal(warned.filter((w) => w.includes("install our node backend")).length, 0, warned.join("\n"));
});
