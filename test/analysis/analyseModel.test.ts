import assert from "node:assert/strict";
import { test } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { analyseModel } from "../../src/analysis/analyseModel";
import { makeDataset } from "../../src/data/makeDataset";
import { EmbeddingMLP } from "../../src/models/EmbeddingMLP";
import { gromovWeights } from "../../src/models/gromovSolution";
import { NandaTransformer } from "../../src/models/NandaTransformer";

test("on Gromov's solution: its key frequencies, each neuron on its frequency, full accuracy, restricted loss ≈ loss", () => {
  const p = 23;
  const w = gromovWeights(p, 400, { frequencies: [3, 8], seed: 2 });
  const model = new EmbeddingMLP({ numClasses: p, width: 400, activation: "quadratic" }, w);
  tf.dispose(Object.values(w));
  const before = tf.memory().numTensors;
  const m = analyseModel(model, makeDataset({ operation: "x+y", p, seed: 0 }));
  assert.equal(tf.memory().numTensors, before, "no tensor left behind");
  assert.deepEqual(m.keys, [3, 8]);
  assert.ok(m.accuracy >= 0.99, `${m.accuracy}`);
  // (cos(wa+φ1) + cos(wb+φ2))²: the (k, k) product carries variance 1, the (2k, 0) and (0, 2k) squares 1/8 each,
  // so each neuron explains 1 / 1.25 = 0.8 of its variance with its own frequency (below Nanda's 0.85 bar).
  assert.ok(m.neurons.frequency.every((f) => f === 3 || f === 8));
  m.neurons.best.forEach((b) => assert.ok(Math.abs(b - 0.8) < 1e-3, `${b}`));
  assert.equal(m.neurons.shareAbove, 0);
  assert.ok(m.loss.restricted <= m.loss.full * 1.1 + 1e-3);
  model.dispose();
});

test("works on a transformer (residue rows of W_E, last-position MLP neurons)", () => {
  const model = new NandaTransformer({ numClasses: 7, dModel: 16, heads: 2, dMlp: 32 });
  const m = analyseModel(model, makeDataset({ operation: "x+y", p: 7 }));
  assert.equal(m.norms.length, 4);
  assert.equal(m.neurons.fve.length, 32);
  assert.ok(Number.isFinite(m.loss.excluded));
  model.dispose();
});

test("every model declares its roles by name, and analyseModel reads them (no guessing from parameter names)", async () => {
  const { buildModel } = await import("../../src/models/buildModel");
  const ds = makeDataset({ operation: "x+y", p: 7 });
  for (const spec of [{ kind: "mlp", numClasses: 7, width: 8 }, { kind: "nanda", numClasses: 7, dModel: 8, heads: 2, dMlp: 12 }, { kind: "power", numClasses: 7, dModel: 8, heads: 2, dFF: 12, layers: 2 }] as const) {
    const model = buildModel(spec);
    const { embedding, embeddingB, unembedding, neurons } = model.roles;
    for (const name of [embedding, embeddingB, unembedding]) assert.ok(name in model.params, `${spec.kind}: ${name} is a parameter`);
    const cache = new Map();
    tf.dispose(model.forward({ a: tf.tensor1d([1], "int32"), b: tf.tensor1d([2], "int32") }, cache));
    assert.ok(cache.has(neurons), `${spec.kind}: the forward pass records ${neurons}`);
    cache.forEach((t: { dispose(): void }) => t.dispose());
    const m = analyseModel(model, ds);
    assert.equal(m.neurons.frequency.length, spec.kind === "mlp" ? 8 : 12, `${spec.kind}: one entry per neuron`);
    model.dispose();
  }
});

test("each structure measure beside its null: Gromov's solution against the same weights with the residues permuted", async () => {
  const { circularity } = await import("../../src/analysis/geometry/circularity");
  const { nullModel: makeNull } = await import("../../src/analysis/geometry/nullModel");
  const p = 23;
  const ds = makeDataset({ operation: "x+y", p, trainFraction: 0.5, seed: 0 });
  const w = gromovWeights(p, 256);
  const model = new EmbeddingMLP({ numClasses: p, width: 256, activation: "quadratic" }, w);
  const nullModel = makeNull(model, () => new EmbeddingMLP({ numClasses: p, width: 256, activation: "quadratic" }));
  const [a, n] = [analyseModel(model, ds), analyseModel(nullModel, ds)];
  assert.equal(a.accuracy, 1);
  assert.ok(n.accuracy < 0.2, `null accuracy ${n.accuracy}`);
  // x² neurons also carry cos(2w a) and cos(2w b), so no neuron reaches 85% of one frequency; their best share still separates.
  const meanBest = (m: typeof a) => m.neurons.best.reduce((s, v) => s + v, 0) / m.neurons.best.length;
  assert.ok(meanBest(a) > 3 * meanBest(n), `neurons' best fraction of variance ${meanBest(a)} vs null ${meanBest(n)}`);
  assert.ok(circularity(a.embedding).score > 0.99 && Math.abs(circularity(n.embedding).score) < 0.1, "circularity");
  assert.ok(a.loss.restricted < 0.1 * n.loss.restricted, `restricted loss ${a.loss.restricted} vs null ${n.loss.restricted}`);
  // The spectrum alone does not tell them apart: both spread over every frequency.
  assert.equal(a.keys.length, n.keys.length);
  [model, nullModel].forEach((m) => m.dispose());
  tf.dispose(Object.values(w));
});
