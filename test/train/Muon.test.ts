import assert from "node:assert/strict";
import { test } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { Muon } from "../../src/train/Muon";
import { assertClose, fixture } from "../helpers";

interface Fixture {
  start: Record<"W" | "H" | "u", number[]>;
  grads: Record<"W" | "H" | "u", number[]>[];
  after: Record<"W" | "H" | "u", number[]>[];
}

const SHAPES = { W: [6, 4], H: [2, 3, 5], u: [5] };

test("three Muon steps on a matrix and a per-head batch, with AdamW on a vector, equal the PyTorch reference", () => {
  const f = fixture<Fixture>("muon");
  const vars = Object.fromEntries(Object.entries(SHAPES).map(([k, s]) => [k, tf.variable(tf.tensor(f.start[k as "W"], s), true, `muon-test/${k}`)]));
  const opt = new Muon({ lr: 0.02, momentum: 0.95, nesterov: true, weightDecay: 0.1 }, { lr: 1e-3, weightDecay: 0.1 }, (_, v) => v.rank >= 2);
  const before = tf.memory().numTensors;
  f.grads.forEach((g, i) => {
    tf.tidy(() => opt.applyGradients(Object.fromEntries(Object.entries(SHAPES).map(([k, s]) => [`muon-test/${k}`, tf.tensor(g[k as "W"], s)]))));
    for (const k of Object.keys(SHAPES)) assertClose(vars[k].dataSync(), f.after[i][k as "W"], 1e-4, 1e-5, `${k} after step ${i + 1}`);
    if (i === 0) assert.equal(tf.memory().numTensors, before + 2 + 2, "the momenta of W and H and AdamW's m and v of u are all it adds");
  });
  opt.dispose();
  tf.dispose(Object.values(vars));
});

test("Muon's state goes through getWeights/setWeights: a restored optimizer takes the same next step", async () => {
  const f = fixture<Fixture>("muon");
  const run = async (restoreAfter?: number) => {
    const vars = Object.fromEntries(Object.entries(SHAPES).map(([k, s]) => [k, tf.variable(tf.tensor(f.start[k as "W"], s), true, `muon-restore/${k}`)]));
    let opt = new Muon({}, { lr: 1e-3, weightDecay: 0.1 }, (_, v) => v.rank >= 2);
    for (let i = 0; i < 3; i++) {
      if (i === restoreAfter) {
        const state = (await opt.getWeights()).map(({ name, tensor }) => ({ name, tensor: tensor.clone() }));
        opt.dispose();
        opt = new Muon({}, { lr: 1e-3, weightDecay: 0.1 }, (_, v) => v.rank >= 2);
        await opt.setWeights(state);
        tf.dispose(state.map((s) => s.tensor));
      }
      tf.tidy(() => opt.applyGradients(Object.fromEntries(Object.entries(SHAPES).map(([k, s]) => [`muon-restore/${k}`, tf.tensor(f.grads[i][k as "W"], s)]))));
    }
    const out = Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, Array.from(v.dataSync())]));
    opt.dispose();
    tf.dispose(Object.values(vars));
    return out;
  };
  const straight = await run();
  const restored = await run(2);
  assert.deepEqual(restored, straight);
});
