import assert from "node:assert/strict";
import { test } from "node:test";
import { isPrime, makeDataset, relabelling } from "../../src/data/makeDataset";

test("x+y mod 7 holds all 49 pairs with their sums, split 24/25", () => {
  const ds = makeDataset({ operation: "x+y", p: 7, trainFraction: 0.5, seed: 1 });
  assert.equal(ds.a.length, 49);
  for (let i = 0; i < 49; i++) assert.equal(ds.answer[i], (ds.a[i] + ds.b[i]) % 7);
  assert.equal(ds.trainIndices.length, 24);
  assert.equal(ds.valIndices.length, 25);
  const all = [...ds.trainIndices, ...ds.valIndices].sort((x, y) => x - y);
  assert.deepEqual(all, [...Array(49).keys()]);
  assert.equal(ds.isTrain.reduce((s, v) => s + v, 0), 24);
  for (const i of ds.trainIndices) assert.equal(ds.isTrain[i], 1);
});

test("division leaves out y = 0: p(p − 1) pairs", () => {
  const ds = makeDataset({ operation: "x/y", p: 7 });
  assert.equal(ds.a.length, 42);
  assert.ok(!ds.b.includes(0));
});

test("S5 tasks have 120 × 120 pairs and 120 classes", () => {
  const ds = makeDataset({ operation: "a∘b∘a^-1", trainFraction: 0.3 });
  assert.equal(ds.numClasses, 120);
  assert.equal(ds.a.length, 14400);
  assert.equal(ds.trainIndices.length, 4320);
});

test("the same seed gives the same split; another seed another", () => {
  const s = (seed: number) => Array.from(makeDataset({ operation: "x*y", p: 11, seed }).trainIndices);
  assert.deepEqual(s(5), s(5));
  assert.notDeepEqual(s(5), s(6));
});

test("label noise changes exactly that share of training labels, never validation ones", () => {
  const ds = makeDataset({ operation: "x+y", p: 23, trainFraction: 0.5, seed: 2, labelNoise: 0.2 });
  let changed = 0;
  for (let i = 0; i < ds.a.length; i++) {
    if (ds.label[i] !== ds.answer[i]) {
      changed++;
      assert.equal(ds.isTrain[i], 1);
      assert.ok(ds.label[i] >= 0 && ds.label[i] < 23);
    }
  }
  assert.equal(changed, Math.round(0.2 * ds.trainIndices.length));
});

test("bad arguments are named, with what was expected and received", () => {
  const refused = (config: unknown, message: RegExp) => assert.throws(() => makeDataset(config as never), message);
  refused({ operation: "x^4" }, /makeDataset: invalid config:\n  operation: expected one of "x\+y", .*; received "x\^4" \(a string\)/);
  refused({ operation: "x/y", p: 9 }, /makeDataset: invalid config:\n  p: expected a prime for "x\/y" \(division\); received 9/);
  refused({ operation: "x+y", trainFraction: 1 }, /trainFraction: expected number to be less than 1; received 1 \(a number\)/);
  refused({ operation: "x+y", labelNoise: -0.1 }, /labelNoise: expected number to be greater or equal to 0; received -0.1 \(a number\)/);
  refused({ operation: "x+y", p: 1.5 }, /p: expected integer; received 1.5 \(a number\)/);
  // called directly, as the notebooks do: a string where a number belongs, an unknown field
  refused({ operation: "x+y", p: 7, trainFraction: "0.5" }, /makeDataset: invalid config:\n  trainFraction: expected number; received "0.5" \(a string\)/);
  refused({ operation: "x+y", p: 7, trainFrac: 0.5 }, /makeDataset: invalid config:\n  trainFrac: unexpected property \(expected one of operation, p, trainFraction, seed, relabel, labelNoise; did you mean trainFraction\?\); received 0.5 \(a number\)/);
  refused(null, /makeDataset: invalid config:\n  \(the whole config\): expected object; received null/);
});

test("isPrime", () => {
  assert.deepEqual([1, 2, 3, 4, 5, 9, 97, 113, 121].map(isPrime), [false, true, true, false, true, false, true, true, false]);
});

test("relabel: every token read through one seeded permutation π, so π(x) + π(y) answers π(x + y); the split holds the same pairs", () => {
  const plain = makeDataset({ operation: "x+y", p: 11, trainFraction: 0.4, seed: 2 });
  const moved = makeDataset({ operation: "x+y", p: 11, trainFraction: 0.4, seed: 2, relabel: 5 });
  const pi = relabelling(11, 5);
  assert.deepEqual([...pi].sort((u, v) => u - v), Array.from({ length: 11 }, (_, i) => i), "π is a permutation");
  assert.notDeepEqual(pi, Array.from({ length: 11 }, (_, i) => i));
  for (let i = 0; i < plain.a.length; i++) {
    assert.deepEqual([moved.a[i], moved.b[i], moved.answer[i]], [pi[plain.a[i]], pi[plain.b[i]], pi[plain.answer[i]]]);
  }
  assert.deepEqual(moved.trainIndices, plain.trainIndices);
  assert.deepEqual(moved.valIndices, plain.valIndices);
  // Out of residue order: the answer is no longer (a + b) mod p for most pairs.
  const agree = Array.from(moved.a, (a, i) => (a + moved.b[i]) % 11 === moved.answer[i]).filter(Boolean).length;
  assert.ok(agree < moved.a.length / 4, `${agree} of ${moved.a.length} pairs still add up`);
  assert.equal(moved.config.relabel, 5);
  assert.equal(plain.config.relabel, null);
});

test("relabel of division keeps the table (y = 0 read as π(0) is still skipped) and refuses a value that is not a seed", () => {
  const moved = makeDataset({ operation: "x/y", p: 7, relabel: 1 });
  const pi = relabelling(7, 1);
  assert.equal(moved.a.length, 42);
  assert.ok(moved.b.every((b) => b !== pi[0]));
  assert.throws(() => makeDataset({ operation: "x+y", p: 7, relabel: -1 }), /makeDataset: invalid config:\n  relabel: /);
});
