import assert from "node:assert/strict";
import { test } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { grokkingSteps } from "../../src/analysis/grokkingSteps";
import { libtorchAddon } from "../../src/backend/libtorchAddon";
import { selectBackend } from "../../src/backend/selectBackend";
import { makeDataset } from "../../src/data/makeDataset";
import { EmbeddingMLP } from "../../src/models/EmbeddingMLP";
import { train, TrainConfig } from "../../src/train/train";

test("end to end: the MLP groks a+b mod 31 (70% data, width 256, lr 3e-3, wd 1) within 2,000 steps", async () => {
  // PyTorch 1.13 on the same setting (its own init, seed 0) reaches 99% validation at step 1,500
  // (bench/torch_mlp.py --p 31 --width 256 --lr 3e-3 --frac 0.7 --every 10); groklab seeds 0–2: 1,420–1,550.
  await selectBackend("wasm");
  const ds = makeDataset({ operation: "x+y", p: 31, trainFraction: 0.7, seed: 0 });
  const model = new EmbeddingMLP({ numClasses: 31, width: 256, seed: 0 });
  const { records, stoppedBy } = await train(model, ds, {
    steps: 2000,
    optimizer: { lr: 3e-3, weightDecay: 1 },
    stopAtValAccuracy: { valAccuracy: 0.99, patience: 1 },
    evaluation: { every: 10, perDecade: 0 },
  });
  model.dispose();
  const steps = grokkingSteps(records, { sustain: 1 });
  assert.equal(stoppedBy, "valAccuracy");
  assert.ok(steps.memorisation !== null && steps.memorisation < 300, `memorised at ${steps.memorisation}`);
  assert.ok(steps.generalisation !== null && steps.generalisation <= 2000, `generalised at ${steps.generalisation}`);
  assert.ok(steps.delay! > 500, `a real delay between memorisation and generalisation: ${steps.delay}`);
  await selectBackend("cpu");
});

function small(seed = 0) {
  return { ds: makeDataset({ operation: "x*y", p: 11, trainFraction: 0.5, seed }), model: new EmbeddingMLP({ numClasses: 11, width: 16, seed }) };
}

const MEMORY_CASES: Record<string, Partial<TrainConfig>> = {
  "full batch": {},
  "minibatch 8": { batchSize: 8 },
  "⊥Grad, Grokfast EMA, gradient noise, StableMax": { orthogonalGrad: true, gradientFilter: { kind: "ema" }, noise: { on: "gradients", std: 0.01 }, loss: "stablemax" },
  "Grokfast MA, weight noise": { gradientFilter: { kind: "ma", window: 10 }, noise: { on: "weights", std: 0.01 } },
};

for (const [what, extra] of Object.entries(MEMORY_CASES)) {
  test(`tf.memory().numTensors stays flat over 300 steps (${what})`, async () => {
    await selectBackend("cpu");
    const { ds, model } = small();
    const counts: number[] = [];
    await train(model, ds, { steps: 300, evaluation: { every: 50, perDecade: 0 }, ...extra }, () => {
      counts.push(tf.memory().numTensors);
    });
    assert.equal(new Set(counts.slice(1)).size, 1, `tensor counts at evaluations: ${counts}`);
    const after = tf.memory().numTensors;
    model.dispose();
    assert.equal(tf.memory().numTensors, after - 3, "only the model's 3 variables remain");
  });
}

test("tf.memory().numTensors stays flat over 300 steps on the libtorch backend", { skip: libtorchAddon().addon ? false : libtorchAddon().why }, async () => {
  await selectBackend("libtorch");
  const { ds, model } = small();
  const counts: number[] = [];
  await train(model, ds, { steps: 300, batchSize: 8, evaluation: { every: 50, perDecade: 0 } }, () => {
    counts.push(tf.memory().numTensors);
  });
  model.dispose();
  await selectBackend("cpu");
  assert.equal(new Set(counts.slice(1)).size, 1, `tensor counts at evaluations: ${counts}`);
});

test("warmup scales the learning rate linearly: the update before step 5 used 4/10 of it", async () => {
  const { ds, model } = small();
  const { records } = await train(model, ds, { steps: 12, warmupSteps: 10, optimizer: { lr: 0.01 }, evaluation: { every: 1 } });
  model.dispose();
  const lr = Object.fromEntries(records.map((r) => [r.step, r.lr]));
  assert.ok(Math.abs(lr[5] - 0.004) < 1e-12, `lr at 5: ${lr[5]}`);
  assert.equal(lr[12], 0.01);
});

test("a callback returning \"stop\" and a time budget both end the run cleanly", async () => {
  const a = small();
  const r1 = await train(a.model, a.ds, { steps: 1000, evaluation: { every: 10 } }, (r) => (r.step >= 30 ? "stop" : undefined));
  assert.equal(r1.stoppedBy, "callback");
  assert.equal(r1.records[r1.records.length - 1].step, 30);
  const r2 = await train(a.model, a.ds, { steps: 1000, maxSeconds: 0 });
  assert.equal(r2.stoppedBy, "maxSeconds");
  assert.equal(r2.records.length, 1);
  a.model.dispose();
});

test("a diverging run stops with an error that names the step and the learning rate", async () => {
  const { ds, model } = small();
  await assert.rejects(
    train(model, ds, { steps: 50, optimizer: { lr: 1e30, weightDecay: 0 }, evaluation: { every: 1 } }),
    /train: training loss became (NaN|Infinity) at step \d+; lower optimizer.lr \(1e\+30\)/,
  );
  model.dispose();
});

test("bad step counts and batch sizes are named", async () => {
  const { ds, model } = small();
  await assert.rejects(train(model, ds, { steps: -1 }), /train: invalid config:\n  steps: expected integer to be greater or equal to 0; received -1/);
  await assert.rejects(train(model, ds, { steps: 1, batchSize: 0 }), /train: invalid config:\n  batchSize: expected one of "full", "power", an integer ≥ 1; received 0/);
  model.dispose();
});
