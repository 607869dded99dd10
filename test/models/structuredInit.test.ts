import assert from "node:assert/strict";
import { test } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { fourierNorms } from "../../src/analysis/fourier/fourierNorms";
import { EmbeddingMLP } from "../../src/models/EmbeddingMLP";
import { gromovWeights } from "../../src/models/gromovSolution";
import { accuracy } from "../../src/train/crossEntropy";
import { allPairs, assertClose } from "../helpers";

const values = (m: EmbeddingMLP, name: string) => Array.from(m.params[name].dataSync());

test("a Fourier init without noise puts the embeddings' whole spectrum on the chosen frequencies; W_out keeps its random init", () => {
  const model = new EmbeddingMLP({ numClasses: 31, width: 64, seed: 5, init: { kind: "fourier", frequencies: [3, 7], noise: 0 } });
  const plain = new EmbeddingMLP({ numClasses: 31, width: 64, seed: 5 });
  for (const name of ["embed.E1", "embed.E2"]) {
    const norms = fourierNorms(model.params[name]);
    const top = Math.max(...norms);
    norms.forEach((n, k) => {
      if (k === 3 || k === 7) assert.ok(n > 0.5 * top, `${name}: frequency ${k} carries ${n} of ${top}`);
      else assert.ok(n < 1e-4 * top, `${name}: frequency ${k} should be empty; norm ${n}`);
    });
  }
  assert.deepEqual(values(model, "unembed.W_out"), values(plain, "unembed.W_out"));
  tf.dispose([model, plain].flatMap((m) => Object.values(m.params)));
});

test("a Fourier init with noise σ adds noise of that size (off-frequency energy ≈ σ²·p per unit) and is reproducible from its seed", () => {
  const make = () => new EmbeddingMLP({ numClasses: 31, width: 256, seed: 9, init: { kind: "fourier", frequencies: [5], noise: 0.2 } });
  const [a, b] = [make(), make()];
  assert.deepEqual(values(a, "embed.E1"), values(b, "embed.E1"));
  // cos(2π·5x/31 + φ) exactly, minus the table: the noise; its standard deviation is σ
  const E1 = a.params["embed.E1"].arraySync() as number[][];
  const residuals: number[] = [];
  for (let j = 0; j < 256; j++) {
    // fit the unit's phase from its frequency-5 coefficients, then subtract the cosine
    let c = 0;
    let s = 0;
    for (let x = 0; x < 31; x++) {
      c += E1[x][j] * Math.cos((2 * Math.PI * 5 * x) / 31);
      s += E1[x][j] * Math.sin((2 * Math.PI * 5 * x) / 31);
    }
    const phase = Math.atan2(-s, c);
    for (let x = 0; x < 31; x++) residuals.push(E1[x][j] - Math.cos((2 * Math.PI * 5 * x) / 31 + phase));
  }
  const std = Math.sqrt(residuals.reduce((t, r) => t + r * r, 0) / residuals.length);
  assert.ok(Math.abs(std - 0.2) < 0.01, `noise standard deviation ${std}, asked 0.2`);
  tf.dispose([a, b].flatMap((m) => Object.values(m.params)));
});

test("a Gromov blend of 1 is the closed-form solution (100% on all pairs, quadratic); 0 is the random init; ½ the midpoint", () => {
  const p = 31;
  const make = (blend: number) => new EmbeddingMLP({ numClasses: p, width: 512, activation: "quadratic", seed: 2, init: { kind: "gromov", blend } });
  const [zero, half, one] = [make(0), make(0.5), make(1)];
  const random = new EmbeddingMLP({ numClasses: p, width: 512, activation: "quadratic", seed: 2 });
  const solution = gromovWeights(p, 512, { seed: 2 });
  for (const name of ["embed.E1", "embed.E2", "unembed.W_out"]) {
    assert.deepEqual(values(zero, name), values(random, name), `${name} at blend 0`);
    assertClose(values(one, name), Array.from(solution[name].dataSync()), 1e-6, 1e-6, `${name} at blend 1`);
    const mid = Array.from(solution[name].dataSync(), (v, i) => 0.5 * v + 0.5 * values(random, name)[i]);
    assertClose(values(half, name), mid, 1e-5, 1e-6, `${name} at blend ½`);
  }
  const acc = tf.tidy(() => {
    const { a, b, y } = allPairs(p);
    return accuracy(one.forward({ a, b }), y).dataSync()[0];
  });
  assert.equal(acc, 1);
  tf.dispose([zero, half, one, random].flatMap((m) => Object.values(m.params)));
  tf.dispose(Object.values(solution));
});

test("a Fourier init given a count draws that many distinct frequencies from its seed, and says when p has fewer", () => {
  const model = new EmbeddingMLP({ numClasses: 31, width: 60, seed: 4, init: { kind: "fourier", frequencies: 3, noise: 0 } });
  const norms = fourierNorms(model.params["embed.E1"]);
  const used = norms.map((n, k) => [n, k]).filter(([n]) => n > 1e-3 * Math.max(...norms)).map(([, k]) => k);
  assert.equal(used.length, 3, `frequencies carrying the embedding: ${used}`);
  const again = new EmbeddingMLP({ numClasses: 31, width: 60, seed: 4, init: { kind: "fourier", frequencies: 3, noise: 0 } });
  assert.deepEqual(values(again, "embed.E1"), values(model, "embed.E1"));
  assert.throws(() => new EmbeddingMLP({ numClasses: 13, init: { kind: "fourier", frequencies: 7 } }), /EmbeddingMLP: init.frequencies asks for 7 distinct frequencies; p = 13 has 6/);
  tf.dispose([model, again].flatMap((m) => Object.values(m.params)));
});

test("bad structured inits are named: frequencies out of range, a missing field, a blend outside [0, 1]", () => {
  assert.throws(() => new EmbeddingMLP({ numClasses: 31, init: { kind: "fourier", frequencies: [3, 16] } }), /EmbeddingMLP: init.frequencies must lie in \[1, 15\] for p = 31; received 16/);
  assert.throws(() => new EmbeddingMLP({ numClasses: 31, init: { kind: "fourier" } as never }), /EmbeddingMLP: invalid config:[\s\S]*init/);
  assert.throws(() => new EmbeddingMLP({ numClasses: 31, init: { kind: "gromov", blend: 1.5 } }), /EmbeddingMLP: invalid config:[\s\S]*init/);
});
