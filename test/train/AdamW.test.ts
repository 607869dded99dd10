import assert from "node:assert/strict";
import { test } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { AdamW } from "../../src/train/AdamW";
import { selectBackend } from "../../src/backend/selectBackend";
import { assertClose, availableBackends, fixture } from "../helpers";

interface AdamWFixture {
  config: { lr: number; beta1: number; beta2: number; eps: number; weightDecay: number };
  w0: number[];
  u0: number[];
  grads: { w: number[]; u: number[] }[];
  steps: { w: number[]; u: number[] }[];
}

test("one step matches the hand computation (decoupled decay, bias correction)", () => {
  // w = 1, g = 0.5, lr 0.1, wd 0.1, β = (0.9, 0.999): w·(1 − 0.01) − 0.1·(0.5 / (√0.25 + ε)) = 0.89
  const w = tf.variable(tf.scalar(1), true, "hand.w");
  const opt = new AdamW({ lr: 0.1, weightDecay: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-8 });
  opt.applyGradients({ "hand.w": tf.scalar(0.5) });
  assertClose(w.dataSync(), [0.89], 1e-6, 1e-7);
  opt.dispose();
  w.dispose();
});

test("five steps match torch.optim.AdamW 1.13, with and without decay, on every backend (fused on libtorch)", async () => {
  const f = fixture<AdamWFixture>("adamw");
  for (const backend of availableBackends()) {
    await selectBackend(backend);
    const w = tf.variable(tf.tensor(f.w0, [3, 4]), true, "fx.w");
    const u = tf.variable(tf.tensor(f.u0, [5]), true, "fx.u");
    const opt = new AdamW({ ...f.config, decay: (name) => name !== "fx.u" });
    const before = tf.memory().numTensors;
    f.grads.forEach((g, i) => {
      tf.tidy(() => opt.applyGradients({ "fx.w": tf.tensor(g.w, [3, 4]), "fx.u": tf.tensor(g.u, [5]) }));
      assertClose(w.dataSync(), f.steps[i].w, 2e-6, 1e-7, `${backend}: w after step ${i + 1}`);
      assertClose(u.dataSync(), f.steps[i].u, 2e-6, 1e-7, `${backend}: u after step ${i + 1}`);
      if (i > 0) assert.equal(tf.memory().numTensors, before + 4, `${backend}: live tensors (4 moment slots)`);
    });
    opt.dispose();
    tf.dispose([w, u]);
  }
  await selectBackend("cpu");
});

test("the optimizer state round-trips through getWeights/setWeights", async () => {
  const wa = tf.variable(tf.tensor([1, 2, 3]), true, "rt.a");
  const wb = tf.variable(tf.tensor([1, 2, 3]), true, "rt.b");
  const a = new AdamW({ lr: 0.01 });
  tf.tidy(() => a.applyGradients({ "rt.a": tf.tensor([0.1, -0.2, 0.3]) }));
  wb.assign(wa);
  const state = await a.getWeights();
  const b = new AdamW({ lr: 0.01 });
  await b.setWeights(state.map(({ name, tensor }) => ({ name: name.replace("rt.a", "rt.b"), tensor })));
  assert.equal(b.step, 1);
  tf.tidy(() => a.applyGradients({ "rt.a": tf.tensor([0.5, 0.5, -0.5]) }));
  tf.tidy(() => b.applyGradients({ "rt.b": tf.tensor([0.5, 0.5, -0.5]) }));
  assert.deepEqual(Array.from(wb.dataSync()), Array.from(wa.dataSync()));
  tf.dispose([state[0].tensor, wa, wb]);
  a.dispose();
  b.dispose();
});

test("bad hyper-parameters are named with the value received", () => {
  assert.throws(() => new AdamW({ lr: -1 }), /AdamW: invalid config:\n  lr: expected number to be greater or equal to 0; received -1/);
  assert.throws(() => new AdamW({ beta2: 1 }), /AdamW: invalid config:\n  beta2: expected number to be less than 1; received 1/);
  assert.throws(() => new AdamW({ weightDecay: NaN }), /AdamW: invalid config:\n  weightDecay: expected number; received NaN/);
});

test("1,000 steps leave the number of live tensors flat", () => {
  const w = tf.variable(tf.randomNormal([16, 16]), true, "leak.w");
  const opt = new AdamW();
  const step = () => opt.minimize(() => tf.sum(tf.square(w)) as tf.Scalar, false, [w]);
  step();
  const before = tf.memory().numTensors;
  for (let i = 0; i < 1000; i++) step();
  assert.equal(tf.memory().numTensors, before);
  opt.dispose();
  w.dispose();
});

test("decay rules see parameter names without the registration prefix; matricesOnly skips vectors", async () => {
  const { matricesOnly } = await import("../../src/train/AdamW");
  const m = tf.variable(tf.ones([2, 2]), true, "model77/blocks.0.mlp.W_in");
  const v = tf.variable(tf.ones([2]), true, "model77/blocks.0.ln1.w");
  const seen: string[] = [];
  const opt = new AdamW({ lr: 0.1, weightDecay: 1, decay: (name, variable) => (seen.push(name), matricesOnly(name, variable)) });
  tf.tidy(() => opt.applyGradients({ [m.name]: tf.zeros([2, 2]), [v.name]: tf.zeros([2]) }));
  assert.deepEqual(seen, ["blocks.0.mlp.W_in", "blocks.0.ln1.w"]);
  assertClose(m.dataSync(), [0.9, 0.9, 0.9, 0.9]); // zero gradient: only the decay w·(1 − lr·wd) moved it
  assertClose(v.dataSync(), [1, 1]);
  opt.dispose();
  tf.dispose([m, v]);
});
