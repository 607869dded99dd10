import assert from "node:assert/strict";
import { test } from "node:test";
import { permutationTest } from "../../../src/analysis/statistics/permutationTest";
import { Random } from "../../../src/data/random";

test("exact p-values worked by hand: three runs against three cannot go below 0.1 on medians; 2 against 4 on means", () => {
  // 1, 2, 3 vs 4, 5, 6: of the 20 labellings, 4 have |median difference| ≥ 3 ({1,2,3}, {1,2,4} and their complements)
  assert.deepEqual(permutationTest([1, 2, 3], [4, 5, 6]), { difference: -3, pValue: 0.2, labellings: 20, exact: true });
  // 10, 11 vs 1, 2, 3, 4 on means: the observed split alone reaches |8|: 1 of 15
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const t = permutationTest([10, 11], [1, 2, 3, 4], { statistic: mean });
  assert.equal(t.difference, 8);
  assert.ok(Math.abs(t.pValue - 1 / 15) < 1e-12);
  // no difference at all: every labelling is as extreme
  assert.equal(permutationTest([1, 1], [1, 1]).pValue, 1);
});

test("sampled when the labellings are too many: p near the exact one, never below 1/(samples + 1), seeded", () => {
  const random = new Random(7);
  const a = Array.from({ length: 9 }, () => random.next());
  const b = Array.from({ length: 9 }, () => random.next() + 0.3);
  const exact = permutationTest(a, b, { samples: 50000 }); // C(18, 9) = 48,620 labellings, all of them
  const sampled = permutationTest(a, b, { samples: 4000, seed: 1 });
  assert.equal(exact.exact, true);
  assert.equal(sampled.exact, false);
  assert.ok(Math.abs(sampled.pValue - exact.pValue) < 0.02, `${sampled.pValue} vs ${exact.pValue}`);
  assert.ok(sampled.pValue >= 1 / 4001);
  assert.deepEqual(permutationTest(a, b, { samples: 4000, seed: 1 }), sampled);
  assert.throws(() => permutationTest([], [1]), /permutationTest: group a must hold finite numbers, at least one; received \[\]/);
});
