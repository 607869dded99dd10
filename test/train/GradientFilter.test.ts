import assert from "node:assert/strict";
import { test } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { makeGradientFilter } from "../../src/train/GradientFilter";
import { assertClose, fixture } from "../helpers";

interface FiltersFixture {
  grads: number[][];
  ema: number[][];
  ma: number[][];
}

const f = fixture<FiltersFixture>("filters");

for (const [kind, config, expected] of [
  ["EMA (α 0.8, λ 2)", { kind: "ema", alpha: 0.8, lambda: 2 }, f.ema],
  ["MA (window 3, λ 5)", { kind: "ma", window: 3, lambda: 5 }, f.ma],
] as const) {
  test(`Grokfast ${kind} matches the reference filter step by step, without leaking`, () => {
    const filter = makeGradientFilter(config);
    const before = tf.memory().numTensors;
    f.grads.forEach((g, i) => {
      const out = tf.tidy(() => filter.apply({ w: tf.tensor(g, [2, 3]) }).w.dataSync());
      assertClose(out, expected[i], 1e-5, 1e-6, `step ${i}`);
    });
    const held = kind.startsWith("EMA") ? 1 : 3 + 2;
    assert.equal(tf.memory().numTensors, before + held, "state: μ, or the window of gradients, their sum and its age");
    filter.dispose();
    assert.equal(tf.memory().numTensors, before);
  });
}

test("Grokfast MA's running sum stays the window's mean over many windows (Gaussian gradients of an MLP's embedding size)", () => {
  // 350 steps of a window of 100: the sum is updated incrementally and recomputed every 100 steps;
  // the reference is the definition, the mean of the last 100 gradients, summed in float64.
  const window = 100;
  const lambda = 5;
  const shape: [number, number] = [97, 64];
  const n = shape[0] * shape[1];
  const filter = makeGradientFilter({ kind: "ma", window: window, lambda: lambda });
  const seen: Float32Array[] = [];
  const before = tf.memory().numTensors;
  let worst = 0;
  for (let step = 0; step < 350; step++) {
    const g = tf.tidy(() => tf.randomNormal(shape, 0, 1, "float32", step).add(step % 7 === 0 ? 3 : 0));
    seen.push(g.dataSync() as Float32Array);
    const out = tf.tidy(() => filter.apply({ w: g }).w.dataSync());
    g.dispose();
    if (seen.length < window) {
      assert.deepEqual(Array.from(out), Array.from(seen[step]), `step ${step}: unfiltered until the window is full`);
      continue;
    }
    const last = seen.slice(-window);
    for (let i = 0; i < n; i++) {
      let mean = 0;
      for (const s of last) mean += s[i];
      const expected = seen[step][i] + (lambda * mean) / window;
      worst = Math.max(worst, Math.abs(out[i] - expected));
    }
    assert.equal(tf.memory().numTensors, before + window + 2, `step ${step}: the window, its sum and the sum's age, nothing more`);
  }
  assert.ok(worst < 2e-5, `largest deviation from the float64 mean: ${worst}`);
  filter.dispose();
  assert.equal(tf.memory().numTensors, before);
});

test("filter state survives a state()/setState() round trip", () => {
  const a = makeGradientFilter({ kind: "ma", window: 3, lambda: 5 });
  const b = makeGradientFilter({ kind: "ma", window: 3, lambda: 5 });
  tf.tidy(() => f.grads.slice(0, 4).forEach((g) => a.apply({ w: tf.tensor(g, [2, 3]) })));
  b.setState(a.state());
  const next = (x: typeof a) => tf.tidy(() => Array.from(x.apply({ w: tf.tensor(f.grads[4], [2, 3]) }).w.dataSync()));
  assert.deepEqual(next(b), next(a));
  a.dispose();
  b.dispose();
});

test("bad settings are named", () => {
  assert.throws(() => makeGradientFilter({ kind: "ema", alpha: 1 }), /makeGradientFilter: invalid config:\n  alpha: expected number to be less than 1; received 1/);
  assert.throws(() => makeGradientFilter({ kind: "ma", window: 0 }), /makeGradientFilter: invalid config:\n  window: expected integer to be greater or equal to 1; received 0/);
  assert.throws(() => makeGradientFilter({ kind: "lowpass" } as never), /makeGradientFilter: invalid config:\n  kind: expected one of "ema", "ma"; received "lowpass"/);
});
