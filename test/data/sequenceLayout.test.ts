import assert from "node:assert/strict";
import { test } from "node:test";
import { sequenceLayout, toSequences } from "../../src/data/sequenceLayout";

test("Power's format is <eos> a op b = with op = n, = n + 1, <eos> n + 2", () => {
  assert.deepEqual(sequenceLayout("power", 97), { layout: [99, "a", 97, "b", 98], vocabulary: 100 });
  assert.deepEqual(Array.from(toSequences([3, 0], [5, 6], "power", 7)), [9, 3, 7, 5, 8, 9, 0, 7, 6, 8]);
});

test("Nanda's format is a b = with = as token n (vocabulary 114 for p = 113)", () => {
  assert.deepEqual(sequenceLayout("nanda", 113), { layout: ["a", "b", 113], vocabulary: 114 });
  assert.deepEqual(Array.from(toSequences([1], [2], "nanda", 113)), [1, 2, 113]);
});

test("an unknown format is named", () => {
  assert.throws(() => sequenceLayout("gpt" as never, 5), /sequenceLayout: invalid format "gpt"; expected "power" or "nanda"/);
});
