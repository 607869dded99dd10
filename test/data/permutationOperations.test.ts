import assert from "node:assert/strict";
import { test } from "node:test";
import { applyPermutationOperation, compose, invert, permutations } from "../../src/data/permutationOperations";

test("S5 has 120 distinct permutations, in lexicographic order", () => {
  const all = permutations(5);
  assert.equal(all.length, 120);
  assert.equal(new Set(all.map((p) => p.join(""))).size, 120);
  assert.deepEqual(all[0], [0, 1, 2, 3, 4]);
  assert.deepEqual(all[1], [0, 1, 2, 4, 3]);
  assert.deepEqual(all[119], [4, 3, 2, 1, 0]);
});

test("composition applies the right operand first: (a∘b)(i) = a(b(i))", () => {
  const a = [1, 2, 0, 3, 4]; // 0→1, 1→2, 2→0
  const b = [0, 1, 2, 4, 3]; // swaps 3 and 4
  const ab = compose(a, b);
  for (let i = 0; i < 5; i++) assert.equal(ab[i], a[b[i]]);
  assert.deepEqual(ab, [1, 2, 0, 4, 3]);
  assert.deepEqual(applyPermutationOperation("a∘b", [1, 0, 2, 3, 4], [0, 2, 1, 3, 4]), [1, 2, 0, 3, 4]);
});

test("a∘b∘a⁻¹ is conjugation: it keeps the cycle type of b", () => {
  const a = [2, 0, 1, 4, 3];
  const b = [1, 0, 2, 3, 4]; // a transposition
  const c = applyPermutationOperation("a∘b∘a^-1", a, b);
  assert.equal(c.filter((v, i) => v !== i).length, 2);
  assert.deepEqual(compose(a, invert(a)), [0, 1, 2, 3, 4]);
  // By hand: a⁻¹ = [1, 2, 0, 4, 3]; c(i) = a(b(a⁻¹(i))) = [a(0), a(2), a(1), a(4), a(3)] = [2, 1, 0, 3, 4],
  // the transposition (a(0) a(1)) = (2 0).
  assert.deepEqual(invert(a), [1, 2, 0, 4, 3]);
  assert.deepEqual(c, [2, 1, 0, 3, 4]);
});

test("a∘b∘a composes three times", () => {
  const a = [1, 2, 3, 4, 0];
  const b = [0, 1, 2, 3, 4];
  assert.deepEqual(applyPermutationOperation("a∘b∘a", a, b), [2, 3, 4, 0, 1]);
});
