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
  const { buildModel } = await import("../../src/experiment/buildModel");
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
