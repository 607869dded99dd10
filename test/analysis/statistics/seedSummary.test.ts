import { test } from "node:test";
import assert from "node:assert/strict";
import { seedSummary } from "../../../src/analysis/statistics/seedSummary";

test("seedSummary: median counts a censored seed as never (hand-computed), range over the seeds that got there", () => {
  assert.deepEqual(seedSummary([500, null, 300]), { median: 500, min: 300, max: 500, reached: 2, seeds: 3 });
  assert.deepEqual(seedSummary([400, 200]), { median: 300, min: 200, max: 400, reached: 2, seeds: 2 });
  // Half the seeds censored with an even count: the median is (finite + ∞) / 2, i.e. never.
  assert.deepEqual(seedSummary([200, null]), { median: null, min: 200, max: 200, reached: 1, seeds: 2 });
  assert.deepEqual(seedSummary([null, null, null]), { median: null, min: null, max: null, reached: 0, seeds: 3 });
});

test("seedSummary: no seeds is an error naming the function", () => {
  assert.throws(() => seedSummary([]), /seedSummary: expected at least one seed's value, received none/);
});
