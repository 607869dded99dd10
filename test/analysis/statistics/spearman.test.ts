import assert from "node:assert/strict";
import { test } from "node:test";
import { ranks, spearman } from "../../../src/analysis/statistics/spearman";
import { assertClose } from "../../helpers";

test("ranks average ties", () => {
  assert.deepEqual(ranks([10, 20, 20, 5, 30]), [2, 3.5, 3.5, 1, 5]);
});

test("perfect monotone relations give ±1", () => {
  assert.equal(spearman([1, 2, 3, 4], [10, 20, 30, 1000]).rho, 1);
  assert.equal(spearman([1, 2, 3, 4], [4, 3, 2, 1]).rho, -1);
});

test("by hand without ties: ρ = 1 − 6Σd²/(n(n²−1))", () => {
  // x ranks 1..5, y = [2, 1, 4, 3, 5] → d = [−1, 1, −1, 1, 0], Σd² = 4, ρ = 1 − 24/120 = 0.8
  const r = spearman([1, 2, 3, 4, 5], [2, 1, 4, 3, 5]);
  assertClose([r.rho], [0.8], 1e-12);
  // t = 0.8·√(3/0.36) = 2.3094, two-sided p with 3 df = 0.1041 (scipy.stats.spearmanr: 0.10408803866182788)
  assertClose([r.pValue], [0.10408803866182788], 1e-6);
});

test("with ties: ranks are averaged, then Pearson on ranks", () => {
  // y ranks [1, 2.5, 2.5, 4, 5]; ρ = Pearson([1..5], y ranks) = 0.9746794344808963 (scipy)
  const r = spearman([1, 2, 3, 4, 5], [1, 2, 2, 3, 4]);
  assertClose([r.rho], [0.9746794344808963], 1e-12);
});

test("bad input is named", () => {
  assert.throws(() => spearman([1, 2], [1, 2]), /spearman: x and y must have the same length ≥ 3; received 2 and 2/);
  assert.throws(() => spearman([1, 1, 1], [1, 2, 3]), /spearman: x is constant \(3 × 1\); a constant input has no rank correlation/);
  assert.throws(() => spearman([1, 2, 3], [1, NaN, 3]), /spearman: y must hold finite numbers; received NaN at index 1/);
});

test("typed arrays are accepted as they are (float32 φ values, int32 steps)", () => {
  const phi = new Float32Array([0.3, 0.1, 0.2, 0.5, 0.4]);
  const acc = new Int32Array([2, 1, 4, 3, 5]);
  assert.deepEqual(spearman(phi, acc), spearman([0.3, 0.1, 0.2, 0.5, 0.4].map(Math.fround), [2, 1, 4, 3, 5]));
  assertClose([spearman(phi, acc).rho], [0.5], 1e-12); // ranks [3,1,2,5,4] vs [2,1,4,3,5]: Σd² = 10, ρ = 1 − 6·10/(5·24) = 0.5
});
