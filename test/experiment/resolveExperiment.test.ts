import assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { test } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { resolveExperiment } from "../../src/experiment/resolveExperiment";
import { estimateMemory } from "../../src/experiment/estimateMemory";
import { runExperiment } from "../../src/experiment/runExperiment";
import { buildModel } from "../../src/models/buildModel";
import { makeDataset } from "../../src/data/makeDataset";
import { crossEntropy } from "../../src/train/crossEntropy";

const base = () => ({
  data: { operation: "x+y", p: 97 },
  model: { kind: "mlp" },
  train: { steps: 100 },
  run: { dir: path.join(fs.mkdtempSync(path.join(os.tmpdir(), "groklab-exp-")), "run") },
});
type Config = any; // deliberately loose: these configs are wrong on purpose
const refused = (edit: (c: Config) => void, message: RegExp) => {
  const c: Config = JSON.parse(JSON.stringify(base()));
  edit(c);
  assert.throws(() => resolveExperiment(c), message);
};

test("defaults are filled in once, from the schemas, and numClasses comes from the dataset", () => {
  const c = resolveExperiment({ ...base(), model: { kind: "nanda" } });
  assert.equal(c.model.numClasses, 97);
  assert.deepEqual(c.model, { kind: "nanda", numClasses: 97, dModel: 128, heads: 4, dHead: 32, dMlp: 512, seed: 0 });
  assert.deepEqual(c.train.optimizer, { lr: 1e-3, beta1: 0.9, beta2: 0.98, eps: 1e-8, weightDecay: 1, decay: "all" });
  assert.deepEqual(c.train.evaluation, { every: 100, perDecade: 10 });
  assert.equal(c.train.batchSize, "full");
  assert.deepEqual(c.data, { operation: "x+y", p: 97, trainFraction: 0.5, seed: 0, relabel: null, labelNoise: 0 });
  assert.deepEqual(c.run.checkpointsPerDecade, 3);
  assert.equal(resolveExperiment({ ...base(), data: { operation: "a∘b" }, model: { kind: "power" } }).model.numClasses, 120);
});

test("a string where a number belongs is refused, never coerced, naming the field", () => {
  refused((c) => (c.train.optimizer = { lr: "0.001" }), /runExperiment: invalid config:\n  train\.optimizer\.lr: expected number; received "0\.001" \(a string\)/);
  refused((c) => (c.train.steps = "100"), /train\.steps: expected integer; received "100" \(a string\)/);
});

test("steps 0 and a batch larger than the training set are refused, naming the field and the limit", () => {
  refused((c) => (c.train.steps = 0), /runExperiment: invalid config:\n  train\.steps: expected integer to be greater or equal to 1; received 0 \(a number\)/);
  // x+y mod 11 at the default share 0.5: 60 of 121 pairs train
  refused((c) => Object.assign(c, { data: { operation: "x+y", p: 11 }, train: { steps: 5, batchSize: 1000 } }), /train\.batchSize: expected at most the 60 training pairs \(data\.trainFraction 0\.5 of 121\), or "full"; received 1000/);
  assert.equal(resolveExperiment({ ...base(), data: { operation: "x+y", p: 11 }, train: { steps: 5, batchSize: 60 } }).train.batchSize, 60);
});

test("unknown fields and unknown model kinds are refused with what is allowed", () => {
  refused((c) => (c.train.stepz = 5), /train\.stepz: unexpected property \(expected one of steps, batchSize, .*; did you mean steps\?\); received 5 \(a number\)/);
  refused((c) => (c.model = { kind: "cnn" }), /model\.kind: expected one of "mlp", "nanda", "power"; received "cnn" \(a string\)/);
  refused((c) => (c.model = { kind: "power", width: 3 }), /model\.width: unexpected property/);
  refused((c) => (c.data.operation = "x%y"), /data\.operation: expected one of "x\+y", "x-y"/);
  refused((c) => delete (c as any).run, /run: expected required property; received nothing/);
});

test("seeds the 32-bit generator cannot represent distinctly are refused", () => {
  refused((c) => (c.data.seed = 2 ** 32), /data\.seed: expected integer to be less or equal to 4294967295 \(a seed is an integer in \[0, 4294967295\], the generator's 32-bit state\); received 4294967296/);
  refused((c) => (c.model.seed = -1), /model\.seed: expected integer to be greater or equal to 0 .*received -1/);
  refused((c) => (c.train.seed = 0.5), /train\.seed: expected integer .*received 0\.5/);
});

test("heads that do not divide dModel are refused for every model that has heads", () => {
  refused((c) => (c.model = { kind: "nanda", heads: 3 }), /model\.heads: expected a divisor of model\.dModel \(128\); received 3/);
  refused((c) => (c.model = { kind: "nanda", heads: 3, dHead: 32 }), /model\.heads: expected a divisor of model\.dModel \(128\); received 3/);
  refused((c) => (c.model = { kind: "power", dModel: 100, heads: 8 }), /model\.heads: expected a divisor of model\.dModel \(100\); received 8/);
});

test("evaluation cadences that are negative or fractional are refused", () => {
  refused((c) => (c.train.evaluation = { every: -10 }), /train\.evaluation\.every: expected integer to be greater or equal to 0; received -10/);
  refused((c) => (c.train.evaluation = { every: 2.5 }), /train\.evaluation\.every: expected integer; received 2\.5/);
  refused((c) => (c.train.evaluation = { perDecade: -1 }), /train\.evaluation\.perDecade: expected integer to be greater or equal to 0/);
});

test("a model whose classes differ from the dataset's, and a split with an empty side, are refused", () => {
  refused((c) => (c.model = { kind: "mlp", numClasses: 113 }), /model\.numClasses: expected 97 \(the classes of x\+y mod 97\); received 113/);
  refused((c) => (c.data = { operation: "a∘b" } as never, (c.model = { kind: "mlp", numClasses: 97 })), /expected 120 \(the classes of a∘b on S5\)/);
  refused((c) => (c.data = { operation: "x/y", p: 91 }), /data\.p: expected a prime for "x\/y" \(division\); received 91/);
  refused((c) => (c.data = { operation: "x+y", p: 3, trainFraction: 0.05 }), /data\.trainFraction: expected a share leaving at least one of the 9 pairs on each side; received 0\.05 \(0 for training\)/);
});

test("sizes that would not fit in memory are refused up front with the estimate", () => {
  refused((c) => (c.data.p = 30011), /\(sizes\): this experiment needs about [\d.]+ GiB \([\d,]+ parameters with gradients and optimizer state: .*; activations of (a training step|an evaluation) of \d+ pairs: [\d.]+ GiB\); expected at most [\d.]+ GiB/);
  assert.throws(() => resolveExperiment(base(), { memoryLimit: 1e6 }), /needs about \d+ MiB .*expected at most 1 MiB/);
});

test("a refused config writes nothing", async () => {
  const c = base();
  await assert.rejects(runExperiment({ ...c, train: { steps: -1 } }), /train\.steps: expected integer to be greater or equal to 1; received -1/);
  assert.equal(fs.existsSync(c.run.dir), false);
});

/** Peak bytes of one training step and one evaluation of a split, measured by tf.profile. */
async function measuredPeak(config: ReturnType<typeof resolveExperiment>): Promise<number> {
  const ds = makeDataset(config.data);
  const model = buildModel(config.model);
  const idx = (ids: Int32Array) => ({ a: tf.tensor1d(Array.from(ids, (i) => ds.a[i]), "int32"), b: tf.tensor1d(Array.from(ids, (i) => ds.b[i]), "int32"), y: tf.tensor1d(Array.from(ids, (i) => ds.answer[i]), "int32") });
  const tr = idx(ds.trainIndices);
  const step = await tf.profile(() => {
    const { value, grads } = tf.variableGrads(() => crossEntropy(model.forward({ a: tr.a, b: tr.b }), tr.y), Object.values(model.params));
    tf.dispose([value, ...Object.values(grads)]);
  });
  tf.dispose([tr.a, tr.b, tr.y]);
  model.dispose();
  return step.peakBytes; // everything live at the peak: parameters, dataset tensors, activations, gradients
}

test("the memory estimate bounds what a training step really allocates, within a small factor", async () => {
  for (const model of [{ kind: "mlp", width: 128 }, { kind: "nanda", dModel: 32, heads: 4, dMlp: 64 }, { kind: "power", dModel: 32, heads: 4, dFF: 64 }]) {
    const config = resolveExperiment({ ...base(), data: { operation: "x+y", p: 23 }, model });
    const estimate = estimateMemory(config).bytes;
    const peak = await measuredPeak(config);
    assert.ok(estimate >= peak, `${model.kind}: estimate ${estimate} below the measured peak ${peak}`);
    console.log(`${model.kind}: estimate ${estimate}, measured peak ${peak}`);
    assert.ok(estimate <= 6 * peak, `${model.kind}: estimate ${estimate} more than 6x the measured peak ${peak}`);
  }
});

test("runExperiment and runSweep refuse options they do not know, before anything is written", async () => {
  const { runSweep } = await import("../../src/experiment/runSweep");
  const c = base();
  await assert.rejects(runExperiment(c, { frseh: true } as never), /runExperiment: invalid options:\n  frseh: unexpected property \(expected one of onEvaluation, signal, fresh, onStart; did you mean fresh\?\)/);
  assert.equal(fs.existsSync(c.run.dir), false);
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "groklab-sweep-")), "s");
  await assert.rejects(runSweep({ base: c, grid: { "data.seed": [0] } }, out, { worker: 2 } as never), /runSweep: invalid options:\n  worker: unexpected property .*did you mean workers\?/);
  assert.equal(fs.existsSync(out), false);
});
