import assert from "node:assert/strict";
import { test } from "node:test";
import { rankCorrelation } from "../../../src/analysis/statistics/rankCorrelation";
import { Random } from "../../../src/data/random";

test("four units: ρ = 1 − 6Σd²/(n(n²−1)) = 0.8, and 8 of the 24 orderings are as extreme (ρ = ±1, ±0.8)", () => {
  const r = rankCorrelation([1, 2, 3, 4], [1, 3, 2, 4]);
  assert.ok(Math.abs(r.rho - 0.8) < 1e-12);
  assert.equal(r.orderings, 24);
  assert.equal(r.exact, true);
  assert.ok(Math.abs(r.pValue - 8 / 24) < 1e-12, `${r.pValue}`);
});

test("five units, two adjacent swaps: ρ = 0.8; by hand 16 of the 120 orderings have |ρ| ≥ 0.8 (Σd² ≤ 4 or ≥ 36)", () => {
  const r = rankCorrelation([10, 20, 30, 40, 50], [0.2, 0.1, 0.4, 0.3, 0.5]);
  assert.ok(Math.abs(r.rho - 0.8) < 1e-12);
  assert.equal(r.orderings, 120);
  assert.ok(Math.abs(r.pValue - 16 / 120) < 1e-12, `${r.pValue}`);
});

test("twenty units in the same order: ρ = −1 with the interval [−1, −1], and p the least a sampled test can give", () => {
  const x = Array.from({ length: 20 }, (_, i) => i * 0.1);
  const y = x.map((v) => 1 - v * v);
  const r = rankCorrelation(x, y, { resamples: 2000 });
  assert.equal(r.rho, -1);
  assert.deepEqual([r.low, r.high], [-1, -1]);
  assert.equal(r.exact, false);
  assert.equal(r.pValue, 1 / 2001);
});

test("independent measures: the interval holds 0 and the p-value is large; the same seed gives the same numbers", () => {
  const random = new Random(4);
  const x = Array.from({ length: 30 }, () => random.next());
  const y = Array.from({ length: 30 }, () => random.next());
  const r = rankCorrelation(x, y);
  assert.ok(r.low < 0 && r.high > 0, JSON.stringify(r));
  assert.ok(r.low <= r.rho && r.rho <= r.high);
  assert.ok(r.pValue > 0.05, JSON.stringify(r));
  assert.deepEqual(rankCorrelation(x, y), r);
});

test("a correlation across 20 noisy units: the interval excludes 0 and holds the estimate", () => {
  const random = new Random(9);
  const x = Array.from({ length: 20 }, (_, i) => i);
  const y = x.map((v) => v + 6 * random.next());
  const r = rankCorrelation(x, y);
  assert.ok(r.rho > 0.7 && r.low > 0.3 && r.high <= 1 && r.low <= r.rho && r.rho <= r.high, JSON.stringify(r));
  assert.ok(r.pValue < 0.001);
});

test("bad input is refused by name: unequal lengths, fewer than 3 units, a constant or non-finite measure, a bad level", () => {
  assert.throws(() => rankCorrelation([1, 2, 3], [1, 2]), /rankCorrelation: x and y must have the same length ≥ 3; received 3 and 2/);
  assert.throws(() => rankCorrelation([1, 2], [1, 2]), /same length ≥ 3/);
  assert.throws(() => rankCorrelation([1, 1, 1], [1, 2, 3]), /rankCorrelation: x is constant \(3 × 1\)/);
  assert.throws(() => rankCorrelation([1, 2, 3], [1, NaN, 3]), /rankCorrelation: y must hold finite numbers; received NaN at index 1/);
  assert.throws(() => rankCorrelation([1, 2, 3], [3, 2, 1], { level: 1 }), /rankCorrelation: level must be in \(0, 1\); received 1/);
});
