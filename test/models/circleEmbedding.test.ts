import assert from "node:assert/strict";
import { test } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { selectBackend } from "../../src/backend/selectBackend";
import { circularity } from "../../src/analysis/geometry/circularity";
import { analyseModel } from "../../src/analysis/analyseModel";
import { nullModel } from "../../src/analysis/geometry/nullModel";
import { makeDataset } from "../../src/data/makeDataset";
import { circleTable } from "../../src/models/circleEmbedding";
import { EmbeddingMLP } from "../../src/models/EmbeddingMLP";
import { weightOf } from "../../src/models/Model";
import { crossEntropy } from "../../src/train/crossEntropy";
import { allPairs, assertClose, availableBackends, fixture } from "../helpers";

interface CircleFixture {
  p: number;
  circles: number;
  width: number;
  weights: Record<string, number[]>;
  E1: number[];
  E2: number[];
  logits: number[];
  labels: number[];
  loss: number;
  grads: Record<string, number[]>;
}

const f = fixture<CircleFixture>("circleMLP");
const config = { numClasses: f.p, width: f.width, embedding: { kind: "circle" as const, circles: f.circles } };

function shapeOf(name: string): number[] {
  if (name.endsWith(".basis")) return [2 * f.circles, f.width];
  if (name === "unembed.W_out") return [f.width, f.p];
  return [f.circles];
}

function fromFixture(): EmbeddingMLP {
  const weights = Object.fromEntries(Object.entries(f.weights).map(([n, v]) => [n, tf.tensor(v, shapeOf(n))]));
  const model = new EmbeddingMLP(config, weights);
  tf.dispose(Object.values(weights));
  return model;
}

for (const backend of availableBackends()) {
  test(`circle embeddings on ${backend}: tables, logits, loss and every parameter's gradient match PyTorch autograd`, async () => {
    await selectBackend(backend);
    const model = fromFixture();
    const { a, b } = allPairs(f.p);
    const labels = tf.tensor1d(f.labels, "int32");
    tf.tidy(() => {
      assertClose(weightOf(model, "embed.E1").dataSync(), f.E1, 1e-4, 1e-5, "E1");
      assertClose(weightOf(model, "embed.E2").dataSync(), f.E2, 1e-4, 1e-5, "E2");
      assertClose(model.forward({ a, b }).dataSync(), f.logits, 1e-4, 1e-5, "logits");
      const { value, grads } = tf.variableGrads(() => crossEntropy(model.forward({ a, b }), labels), Object.values(model.params));
      assertClose([value.dataSync()[0]], [f.loss], 1e-5, 1e-6, "loss");
      for (const [name, g] of Object.entries(f.grads)) assertClose(grads[model.params[name].name].dataSync(), g, 1e-3, 1e-5, `d loss / d ${name}`);
    });
    tf.dispose([a, b, labels]);
    model.dispose();
  });
}

test("circleTable puts residue x at cos/sin(2π f x / p + φ) times the basis: one integer frequency traces one circle", async () => {
  await selectBackend("cpu");
  // K = 1, f = 3, φ = 0.5, basis = identity rows: E[x] = (cos(2π·3x/11 + 0.5), sin(...))
  const E = circleTable(tf.tensor1d([3]), tf.tensor1d([0.5]), tf.tensor2d([[1, 0], [0, 1]]), 11);
  const rows = E.arraySync();
  for (let x = 0; x < 11; x++) {
    const angle = (2 * Math.PI * 3 * x) / 11 + 0.5;
    assertClose(rows[x], [Math.cos(angle), Math.sin(angle)], 1e-5, 1e-6, `row ${x}`);
  }
  // a 2-D table on one circle: each column is one sinusoid of the residue
  assert.ok(circularity(E).score > 0.99, `circularity ${circularity(E).score}`);
  E.dispose();
  assert.throws(() => circleTable(tf.tensor1d([1, 2]), tf.tensor1d([0]), tf.tensor2d([[1], [1], [1], [1]]), 11), /circleTable: expected phase \[2\]/);
});

test("a circle-embedding MLP at initialisation: entries of E have variance ≈ 1, analyseModel reads the computed tables, nullModel refuses clearly", async () => {
  await selectBackend("cpu");
  const model = new EmbeddingMLP({ numClasses: 31, width: 256, seed: 4, embedding: { kind: "circle", circles: 8 } });
  assert.deepEqual(Object.keys(model.params).sort(), [
    "embed.E1.basis", "embed.E1.frequency", "embed.E1.phase", "embed.E2.basis", "embed.E2.frequency", "embed.E2.phase", "unembed.W_out",
  ]);
  const values = Array.from(tf.tidy(() => weightOf(model, "embed.E1").dataSync() as Float32Array));
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
  assert.ok(variance > 0.8 && variance < 1.2, `variance ${variance}`);
  const m = analyseModel(model, makeDataset({ operation: "x+y", p: 31, trainFraction: 0.5 }));
  assert.equal(m.embedding.length, 31);
  assert.equal(m.embedding[0].length, 256);
  assertClose(m.embedding.flat(), values, 1e-6, 1e-6, "analyseModel's embedding rows");
  assert.throws(() => nullModel(model, () => model), /nullModel: the model computes embed\.E1, embed\.E2 from other parameters/);
  assert.throws(() => new EmbeddingMLP({ numClasses: 11, embedding: { kind: "circle" }, init: { kind: "gromov", blend: 1 } }), /EmbeddingMLP: init "gromov" sets embedding tables/);
  model.dispose();
});
