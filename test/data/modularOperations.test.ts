import assert from "node:assert/strict";
import { test } from "node:test";
import { applyModularOperation, inverseMod, mod } from "../../src/data/modularOperations";
import { MODULAR_OPERATIONS, ModularOperation } from "../../src/specs/Operation";

// Two entries per operation for p = 7, worked out by hand.
const HAND: [ModularOperation, number, number, number | null][] = [
  ["x+y", 5, 4, 2], // 9 mod 7
  ["x+y", 0, 6, 6],
  ["x-y", 2, 5, 4], // −3 mod 7
  ["x-y", 6, 1, 5],
  ["x*y", 3, 5, 1], // 15 mod 7
  ["x*y", 6, 6, 1], // 36
  ["x/y", 3, 5, 2], // 5·2 = 10 ≡ 3
  ["x/y", 4, 0, null], // undefined
  ["x^2+y", 3, 4, 6], // 13
  ["x^2+y", 6, 6, 0], // 42
  ["x^3+y", 2, 1, 2], // 9
  ["x^3+y", 3, 0, 6], // 27
  ["x^2+y^2", 3, 4, 4], // 25
  ["x^2+y^2", 5, 6, 5], // 61
  ["x^2+xy+y^2", 3, 4, 2], // 37
  ["x^2+xy+y^2", 1, 1, 3],
  ["x^2+xy+y^2+x", 3, 4, 5], // 40
  ["x^2+xy+y^2+x", 6, 0, 0], // 42
  ["x^3+xy", 2, 3, 0], // 14
  ["x^3+xy", 4, 5, 0], // 84
  ["x^3+xy^2+y", 2, 3, 1], // 8 + 18 + 3 = 29
  ["x^3+xy^2+y", 1, 1, 3],
  ["x/y if y odd else x-y", 3, 5, 2], // y odd: 3/5 = 2 (2·5 = 10 ≡ 3)
  ["x/y if y odd else x-y", 3, 4, 6], // y even: −1
  ["x+y if x even else x*y", 4, 5, 2], // x even: 9
  ["x+y if x even else x*y", 3, 5, 1], // x odd: 15
  ["x+y if x even else x-y", 2, 6, 1], // x even: 8
  ["x+y if x even else x-y", 3, 5, 5], // x odd: −2
];

test("every operation of Power et al. is covered by the hand-checked table", () => {
  assert.deepEqual([...new Set(HAND.map((h) => h[0]))].sort(), [...MODULAR_OPERATIONS].sort());
});

for (const [op, x, y, c] of HAND) {
  test(`${op} at (${x}, ${y}) mod 7 is ${c}`, () => {
    assert.equal(applyModularOperation(op, x, y, 7), c);
  });
}

test("division undoes multiplication for every nonzero y of p = 97", () => {
  for (let y = 1; y < 97; y++) {
    assert.equal((inverseMod(y, 97) * y) % 97, 1);
    assert.equal(applyModularOperation("x/y", (5 * y) % 97, y, 97), 5);
  }
});

test("mod is never negative", () => {
  assert.equal(mod(-3, 7), 4);
  assert.equal(mod(-14, 7), 0);
});

test("an unknown operation is named with the accepted list", () => {
  assert.throws(() => applyModularOperation("x%y" as never, 1, 2, 7), /applyModularOperation: unknown operation "x%y"; expected one of x\+y, x-y/);
});
