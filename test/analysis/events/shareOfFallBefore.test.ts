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

test("shareOfFallBefore on the linear scale: the loss as it is, hand-computed, beside the log scale's share", () => {
  // 1 → 0.1 → 0.01: by step 200 the loss fell 0.9 of its 0.99 (linear), one decade of two (log)
  assert.ok(Math.abs(shareOfFallBefore([100, 200, 300], [1, 0.1, 0.01], 100, 200, "linear")! - 0.9 / 0.99) < 1e-12);
  assert.equal(shareOfFallBefore([100, 200, 300], [1, 0.1, 0.01], 100, 200, "log"), 0.5);
  // a fall from 4 to 1e-8 that is mostly done before step 2 in linear terms, a third in log terms
  assert.ok(shareOfFallBefore([1, 2, 3], [4, 0.04, 4e-8], 1, 2, "linear")! > 0.98);
  assert.ok(Math.abs(shareOfFallBefore([1, 2, 3], [4, 0.04, 4e-8], 1, 2, "log")! - 2 / 8) < 1e-12);
  assert.throws(() => shareOfFallBefore([1, 2], [1, Infinity], 0, 1, "linear"), /values must be finite numbers; received Infinity/);
});
