import assert from "node:assert/strict";
import { test } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { fourierBasis } from "../../src/analysis/fourier/fourierBasis";
import { fourierNorms, fourierSparsity, keyFrequencies } from "../../src/analysis/fourier/fourierNorms";
import { neuronFrequencies } from "../../src/analysis/fourier/neuronFrequencies";
import { assertClose } from "../helpers";

test("the Fourier basis of Z_p is orthonormal (odd and even p)", () => {
  for (const p of [7, 8]) {
    const { vectors } = fourierBasis(p);
    assert.equal(vectors.length, p);
    for (let i = 0; i < p; i++) {
      for (let j = 0; j < p; j++) {
        const d = vectors[i].reduce((s, v, x) => s + v * vectors[j][x], 0);
        assert.ok(Math.abs(d - (i === j ? 1 : 0)) < 1e-12, `⟨${i}, ${j}⟩ = ${d}`);
      }
    }
  }
  assert.deepEqual(fourierBasis(5).labels, ["const", "cos 1", "sin 1", "cos 2", "sin 2"]);
});

test("an embedding built from cos/sin of chosen frequencies returns exactly those key frequencies", () => {
  const p = 31;
  const chosen = [3, 7, 12];
  // columns: cos and sin of each chosen frequency, plus a weak frequency 5 (below max/4), plus a constant
  const rows = Array.from({ length: p }, (_, x) => [
    ...chosen.flatMap((k, i) => [(i + 1) * Math.cos((2 * Math.PI * k * x) / p), (i + 1) * Math.sin((2 * Math.PI * k * x) / p)]),
    0.1 * Math.cos((2 * Math.PI * 5 * x) / p),
    4,
  ]);
  const norms = fourierNorms(rows);
  assert.deepEqual(keyFrequencies(norms), chosen);
  // norm at k: ‖(i+1)·cos‖ = (i+1)·√(p/2), and the same for sin
  chosen.forEach((k, i) => assertClose([norms[k]], [(i + 1) * Math.sqrt(p)], 1e-9));
  assertClose([norms[0]], [4 * Math.sqrt(p)], 1e-9);
  assert.ok(norms[1] < 1e-9);
});

test("sparsity: one frequency gives IPR 1; a flat spectrum gives 1/K and Gini 0", () => {
  assertClose([fourierSparsity([0, 0, 3, 0, 0]).ipr], [1]);
  const flat = fourierSparsity([5, 1, 1, 1, 1]);
  assertClose([flat.ipr, flat.gini], [0.25, 0], 1e-12, 1e-12);
  assert.ok(fourierSparsity([0, 0, 0, 0, 9]).gini > 0.7);
});

test("neurons of a known 2-D signal are assigned their frequency with all the variance", () => {
  const p = 13;
  // neuron 0: cos(w3 (a + b)); neuron 1: sin(w5 a)·cos(w5 b) + 0.5; neuron 2: cos(w2 a) + cos(w4 b) (two frequencies, half each)
  const w = (k: number) => (2 * Math.PI * k) / p;
  const grid: number[][] = [];
  for (let a = 0; a < p; a++) {
    for (let b = 0; b < p; b++) {
      grid.push([Math.cos(w(3) * (a + b)), Math.sin(w(5) * a) * Math.cos(w(5) * b) + 0.5, Math.cos(w(2) * a) + Math.cos(w(4) * b)]);
    }
  }
  const nf = neuronFrequencies(tf.tensor2d(grid), p);
  assert.deepEqual(nf.frequency.slice(0, 2), [3, 5]);
  assertClose(nf.best, [1, 1, 0.5], 1e-5, 1e-5);
  assertClose([nf.shareAbove], [2 / 3]);
});
