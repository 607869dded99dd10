import assert from "node:assert/strict";
import { test } from "node:test";
import { BufferPool } from "../../src/backend/BufferPool";

test("a released buffer is handed out again for the same length; small ones are not kept", () => {
  const pool = new BufferPool(1 << 20, 16);
  const a = pool.acquire(100);
  pool.release(a);
  assert.equal(pool.heldBytes, 400);
  assert.equal(pool.acquire(100), a);
  assert.notEqual(pool.acquire(100), a);
  const tiny = pool.acquire(8);
  pool.release(tiny);
  assert.equal(pool.heldBytes, 0);
});

test("the pool never holds more than its byte budget", () => {
  const pool = new BufferPool(1000, 1);
  pool.release(new Float32Array(200)); // 800 bytes
  pool.release(new Float32Array(100)); // would make 1,200: dropped
  assert.equal(pool.heldBytes, 800);
});
