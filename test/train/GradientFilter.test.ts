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
    const held = kind.startsWith("EMA") ? 1 : 3;
    assert.equal(tf.memory().numTensors, before + held, "state: μ, or the window of gradients");
    filter.dispose();
    assert.equal(tf.memory().numTensors, before);
  });
}

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
