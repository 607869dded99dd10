import assert from "node:assert/strict";
import { test } from "node:test";
import { batchSizeOf } from "../../src/train/batchSizeOf";

test("batchSizeOf: Power et al.'s min(512, ⌈N/2⌉), full batch, and a number at most N", () => {
  // x/y mod 97 at 50%: 4,704 training pairs → 512; quick mode's p = 11 at 50%: 55 pairs → 28.
  assert.equal(batchSizeOf("power", 4704), 512);
  assert.equal(batchSizeOf("power", 55), 28);
  assert.equal(batchSizeOf("power", 1023), 512);
  assert.equal(batchSizeOf("power", 1021), 511);
  assert.equal(batchSizeOf("full", 55), 55);
  assert.equal(batchSizeOf(55, 55), 55);
  assert.equal(batchSizeOf(8, 55), 8);
});

test("batchSizeOf names itself and what it received on bad input", () => {
  assert.throws(() => batchSizeOf(128, 55), /batchSizeOf: batchSize: expected at most the 55 training pairs, or "full"; received 128/);
  assert.throws(() => batchSizeOf(0, 10), /batchSizeOf: batchSize must be "full", "power" or a positive integer, received 0/);
  assert.throws(() => batchSizeOf("half" as "full", 10), /received "half"/);
  assert.throws(() => batchSizeOf("power", 0), /batchSizeOf: trainSize must be a positive integer, received 0/);
});
