import assert from "node:assert/strict";
import { test } from "node:test";
import { shareOfFallBefore } from "../../../src/analysis/events/shareOfFallBefore";

test("shareOfFallBefore: the share of the log-fall done by a step, hand-computed", () => {
  // 1 → 0.01 is two decades; by step 200 one of them is done.
  assert.equal(shareOfFallBefore([100, 200, 300], [1, 0.1, 0.01], 100, 200), 0.5);
  // `at` between measurements takes the one at or before it; `from` before the first takes the first.
  assert.equal(shareOfFallBefore([100, 200, 300], [1, 0.1, 0.01], 0, 250), 0.5);
  assert.equal(shareOfFallBefore([100, 200, 300], [1, 0.1, 0.01], 100, 300), 1);
  // 8 → 4 → 1: log2 terms, a third of the fall (one halving of three) by step 2.
  assert.ok(Math.abs(shareOfFallBefore([1, 2, 3], [8, 4, 1], 1, 2)! - 1 / 3) < 1e-12);
  // A measure that rose first counts as 0 done; one that never fell has no share.
  assert.equal(shareOfFallBefore([1, 2, 3], [1, 2, 0.5], 1, 2), 0);
  assert.equal(shareOfFallBefore([1, 2, 3], [1, 2, 3], 1, 2), null);
});

test("shareOfFallBefore: bad input names the function", () => {
  assert.throws(() => shareOfFallBefore([1], [1], 0, 1), /shareOfFallBefore: steps and values must be two or more measurements of the same length; received 1 steps and 1 values/);
  assert.throws(() => shareOfFallBefore([1, 2], [1, 0], 0, 1), /shareOfFallBefore: values must be positive finite numbers \(a log scale\); received 0/);
});
