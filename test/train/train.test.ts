import assert from "node:assert/strict";
import { test } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { grokkingSteps } from "../../src/analysis/events/grokkingSteps";
import { libtorchAddon } from "../../src/backend/libtorchAddon";
import { selectBackend } from "../../src/backend/selectBackend";
import { makeDataset } from "../../src/data/makeDataset";
import { EmbeddingMLP } from "../../src/models/EmbeddingMLP";
import { train } from "../../src/train/train";
import { assertClose } from "../helpers";
import { TrainConfig } from "../../src/specs/TrainConfig";

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
  await assert.rejects(train(model, ds, { steps: -1 }), /train: invalid config:\n  steps: expected integer to be greater or equal to 1; received -1/);
  await assert.rejects(train(model, ds, { steps: 1, batchSize: 0 }), /train: invalid config:\n  batchSize: expected one of "full", "power", an integer ≥ 1; received 0/);
  model.dispose();
});

test("outputScale α: the logged losses are those of α·logits (hand-checked on the initial model); accuracy is α-free", async () => {
  await selectBackend("cpu");
  const ds = makeDataset({ operation: "x+y", p: 11, trainFraction: 0.5, seed: 0 });
  const expected = tf.tidy(() => {
    const probe = new EmbeddingMLP({ numClasses: 11, width: 16, seed: 3 });
    const idx = Array.from(ds.valIndices);
    const logits = probe.forward({ a: tf.tensor1d(idx.map((i) => ds.a[i]), "int32"), b: tf.tensor1d(idx.map((i) => ds.b[i]), "int32") });
    const y = idx.map((i) => ds.answer[i]);
    // mean over rows of logsumexp(α·z) − α·z[y], by hand
    const z = logits.arraySync() as number[][];
    const ce = (alpha: number) => z.reduce((s, row, r) => s + Math.log(row.reduce((t, v) => t + Math.exp(alpha * v), 0)) - alpha * row[y[r]], 0) / z.length;
    probe.dispose();
    return { plain: ce(1), scaled: ce(4) };
  });
  const run = async (outputScale: number) => {
    const model = new EmbeddingMLP({ numClasses: 11, width: 16, seed: 3 });
    const { records } = await train(model, ds, { steps: 1, outputScale });
    model.dispose();
    return records[0];
  };
  const [plain, scaled] = [await run(1), await run(4)];
  assertClose([plain.valLoss, scaled.valLoss], [expected.plain, expected.scaled], 1e-5);
  assert.equal(plain.valAccuracy, scaled.valAccuracy);
  await assert.rejects(run(0), /train: invalid config:\n  outputScale: expected number to be greater than 0; received 0/);
});

test("fixedWeightNorm holds the parameters' norm at the target after every update (Omnigrok), and the run still learns", async () => {
  await selectBackend("cpu");
  const ds = makeDataset({ operation: "x+y", p: 11, trainFraction: 0.5, seed: 0 });
  const model = new EmbeddingMLP({ numClasses: 11, width: 32, seed: 1 });
  const { records } = await train(model, ds, { steps: 200, fixedWeightNorm: 12, optimizer: { lr: 1e-2, weightDecay: 0 }, evaluation: { every: 50, perDecade: 0 } });
  model.dispose();
  assert.notEqual(records[0].weightNorm.toFixed(3), "12.000", "step 0 is the unconstrained initial state");
  for (const r of records.slice(1)) assertClose([r.weightNorm], [12], 1e-5, 0, `weight norm at step ${r.step}`);
  assert.ok(records.at(-1)!.trainLoss < records[0].trainLoss, `training loss ${records[0].trainLoss} → ${records.at(-1)!.trainLoss}`);
  await assert.rejects(train(new EmbeddingMLP({ numClasses: 11, width: 8 }), ds, { steps: 1, fixedWeightNorm: -1 }), /fixedWeightNorm: expected number to be greater than 0; received -1/);
});

test("train.muon moves the hidden matrices with Muon and the embeddings, unembedding and LayerNorms with AdamW", async () => {
  await selectBackend("cpu");
  const { PowerTransformer } = await import("../../src/models/PowerTransformer");
  const ds = makeDataset({ operation: "x+y", p: 7, trainFraction: 0.6, seed: 0 });
  const changed = async (muonLr: number) => {
    const model = new PowerTransformer({ numClasses: 7, dModel: 8, heads: 2, dFF: 16, seed: 1 });
    const before = Object.fromEntries(Object.entries(model.params).map(([k, v]) => [k, Array.from(v.dataSync())]));
    await train(model, ds, { steps: 5, muon: { lr: muonLr }, optimizer: { lr: 1e-3, weightDecay: 1 }, evaluation: { every: 5, perDecade: 0 } });
    const moved = Object.entries(model.params).filter(([k, v]) => Array.from(v.dataSync()).some((x, i) => x !== before[k][i])).map(([k]) => k);
    model.dispose();
    return moved.sort();
  };
  const hidden = ["attn.W_Q", "attn.W_K", "attn.W_V", "attn.W_O", "mlp.W_in", "mlp.W_out"].flatMap((m) => [`blocks.0.${m}`, `blocks.1.${m}`]).sort();
  const withoutMuon = await changed(0); // Muon's learning rate 0: its parameters stay put (no decay either: lr·wd = 0)
  assert.ok(hidden.every((h) => !withoutMuon.includes(h)), `moved with Muon's lr 0: ${withoutMuon.filter((m) => hidden.includes(m))}`);
  assert.ok(["embed.W_E", "unembed.W_U", "blocks.0.ln1.w"].every((n) => withoutMuon.includes(n)), `AdamW's parameters moved: ${withoutMuon}`);
  const withMuon = await changed(0.02);
  assert.ok(hidden.every((h) => withMuon.includes(h)), `hidden matrices moved by Muon: ${withMuon}`);
});
