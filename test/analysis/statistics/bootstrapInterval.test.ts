import assert from "node:assert/strict";
import { test } from "node:test";
import { bootstrapInterval, median, quantile } from "../../../src/analysis/statistics/bootstrapInterval";

test("median and quantile, by hand", () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.equal(quantile([0, 10, 20], 0.25), 5);
  assert.throws(() => median([]), /median: expected at least one value; received none/);
});

test("the bootstrap interval of a median, against its exact distribution: of 1, 2, 10 the resampled median is 1 or 10 with chance 7/27 each", () => {
  // median of three draws is 1 when two or more draws are 1: 3·(1/3)²(2/3) + (1/3)³ = 7/27 ≈ 0.26 > 0.025
  const i = bootstrapInterval([1, 2, 10], { seed: 4 });
  assert.deepEqual([i.estimate, i.low, i.high, i.n, i.level], [2, 1, 10, 3, 0.95]);
  // at level 0.4 the quantiles 0.3 and 0.7 fall inside the middle mass (7/27 < 0.3, 1 − 7/27 > 0.7): both 2
  const narrow = bootstrapInterval([1, 2, 10], { level: 0.4, seed: 4 });
  assert.deepEqual([narrow.low, narrow.high], [2, 2]);
  const one = bootstrapInterval([5]);
  assert.deepEqual([one.low, one.high], [5, 5]);
  assert.deepEqual(bootstrapInterval([1, 2, 10], { seed: 4 }), i, "seeded: the same interval every time");
});

test("bad input names the function, the option and what came", () => {
  assert.throws(() => bootstrapInterval([]), /bootstrapInterval: values must be finite numbers, at least one; received \[\]/);
  assert.throws(() => bootstrapInterval([1, NaN]), /received \[1,null\]/);
  assert.throws(() => bootstrapInterval([1], { level: 1 }), /level must be in \(0, 1\); received 1/);
  assert.throws(() => bootstrapInterval([1], { resamples: 10 }), /resamples must be an integer ≥ 100; received 10/);
});
