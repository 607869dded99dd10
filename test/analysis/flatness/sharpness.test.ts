import assert from "node:assert/strict";
import { test } from "node:test";
import { boxMaximize } from "../../../src/analysis/flatness/boxMaximize";
import { Objective } from "../../../src/analysis/flatness/FlatLoss";
import { hessianTopEigenvalue, hessianTopEigenvalueOf } from "../../../src/analysis/flatness/hessianTopEigenvalue";
import { sharpness, sharpnessOf } from "../../../src/analysis/flatness/sharpness";
import { makeDataset } from "../../../src/data/makeDataset";
import { Random } from "../../../src/data/random";
import { EmbeddingMLP } from "../../../src/models/EmbeddingMLP";

/** f(x) = ½ Σ h_i x_i², minimum at 0. */
function quadratic(h: Float32Array): Objective {
  return {
    x0: new Float32Array(h.length),
    value: (x) => 0.5 * h.reduce((s, hi, i) => s + hi * x[i] * x[i], 0),
    valueAndGrad: (x) => ({ value: 0.5 * h.reduce((s, hi, i) => s + hi * x[i] * x[i], 0), grad: h.map((hi, i) => hi * x[i]) }),
  };
}

test("boxMaximize reaches the maximum of a concave function inside the box and a vertex of a convex one", () => {
  const concave = boxMaximize((y) => ({ value: -((y[0] - 0.3) ** 2) - (y[1] + 0.2) ** 2, grad: [-2 * (y[0] - 0.3), -2 * (y[1] + 0.2)] }), [0, 0], [-1, -1], [1, 1], 10);
  assert.ok(Math.abs(concave.y[0] - 0.3) < 1e-6 && Math.abs(concave.y[1] + 0.2) < 1e-6, `${concave.y}`);
  const convex = boxMaximize((y) => ({ value: y[0] ** 2 + 2 * y[1] ** 2, grad: [2 * y[0], 4 * y[1]] }), [0.1, -0.1], [-1, -2], [1, 2], 10);
  assert.deepEqual(convex.y, [1, -2]);
  assert.equal(convex.value, 9);
});

/** The random subspace sharpnessOf draws: `dims` columns of n entries uniform in [−1, 1], each normalised. */
function subspace(n: number, dims: number, seed: number): Float32Array[] {
  const r = new Random(seed);
  return Array.from({ length: dims }, () => {
    const c = new Float32Array(n).map(() => 2 * r.next() - 1);
    const norm = Math.sqrt(c.reduce((s, v) => s + v * v, 0));
    return c.map((v) => v / norm);
  });
}

test("openai/grok's minimised φ: the loss's fall to the box vertex against its gradient, (f − min f)/(1 − f) · 100", () => {
  // f(x) = ½ Σ h_i (x_i − m_i)², at x = 0 (f ≈ 0.05): over a box of ε = 1e-3 the linear term
  // dominates, so the minimum is the vertex y_k = −ε · sign((Aᵀ∇f)_k), and φ is eq. 4 there.
  const n = 2000;
  const r = new Random(11);
  const h = new Float32Array(n).map(() => 1 + r.next());
  const m = new Float32Array(n).map(() => 0.01 * (2 * r.next() - 1));
  const f = (x: Float32Array) => 0.5 * h.reduce((s, hi, i) => s + hi * (x[i] - m[i]) ** 2, 0);
  const objective: Objective = {
    x0: new Float32Array(n),
    value: f,
    valueAndGrad: (x) => ({ value: f(x), grad: h.map((hi, i) => hi * (x[i] - m[i])) }),
  };
  const result = sharpnessOf(objective, { epsilon: 1e-3, dims: 4, seed: 3, variant: "minimised" });
  const A = subspace(n, 4, 3);
  const grad = h.map((hi, i) => -hi * m[i]);
  const vertex = A.map((c) => -1e-3 * Math.sign(c.reduce((s, v, i) => s + v * grad[i], 0)));
  assert.deepEqual(result.y.map((v) => Number(v.toExponential(9))), vertex);
  const at = new Float32Array(n);
  A.forEach((c, k) => c.forEach((v, i) => (at[i] += vertex[k] * v)));
  const f0 = f(new Float32Array(n));
  const expected = (100 * (f0 - f(at))) / (1 - f0);
  assert.equal(result.variant, "minimised");
  assert.ok(expected > 0 && Math.abs(result.phi - expected) <= 1e-5 * expected, `φ ${result.phi} vs ${expected}`);
  assert.ok(result.boxLoss < result.loss && !result.belowResolution);
  // Keskar's maximised φ of the same network is the rise instead, at the opposite vertex's side.
  const rise = sharpnessOf(objective, { epsilon: 1e-3, dims: 4, seed: 3 });
  assert.ok(rise.variant === "maximised" && rise.boxLoss > rise.loss && rise.phi > 0);
});

test("the minimised φ at a minimum is zero, and flagged as below its resolution", () => {
  const h = new Float32Array(500).map((_, i) => 1 + (i % 7));
  const result = sharpnessOf(quadratic(h), { dims: 3, seed: 2, variant: "minimised" });
  assert.equal(result.phi, 0);
  assert.equal(result.belowResolution, true);
});

test("φ of a quadratic at its minimum is 100 · ½ yᵀ(AᵀHA)y at a vertex of the box", () => {
  const n = 2000;
  const r = new Random(5);
  const h = new Float32Array(n).map(() => 1 + r.next());
  const result = sharpnessOf(quadratic(h), { epsilon: 1e-3, dims: 4, seed: 3 });
  // Rebuild A as sharpnessOf does (same seed). At x = 0 the box is |y_i| ≤ ε, and a convex function
  // is maximised at a vertex: the maximiser must end on one, with φ the formula's value there.
  const A = subspace(n, 4, 3);
  const f = (y: number[]) => {
    const x = new Float32Array(n);
    A.forEach((c, k) => c.forEach((v, i) => (x[i] += y[k] * v)));
    return 0.5 * h.reduce((s, hi, i) => s + hi * x[i] * x[i], 0);
  };
  assert.ok(result.y.every((v) => Math.abs(Math.abs(v) - 1e-3) < 1e-12), `ends on a vertex: ${result.y}`);
  const expected = 100 * f(result.y);
  assert.ok(Math.abs(result.phi - expected) <= 1e-4 * expected, `φ ${result.phi} vs ${expected}`);
  const vertices = Array.from({ length: 16 }, (_, m) => f([0, 1, 2, 3].map((k) => ((m >> k) & 1 ? 1e-3 : -1e-3))));
  assert.ok(result.phi >= 100 * Math.min(...vertices) && result.phi <= 100 * Math.max(...vertices) * (1 + 1e-4));
  // Diagonal approximation: AᵀHA ≈ diag(aₖᵀHaₖ) ≈ mean(h)·I, so φ ≈ 100 · ½ · 4ε² · 1.5 = 3e-4.
  assert.ok(Math.abs(result.phi - 3e-4) < 0.5e-4, `${result.phi}`);
});

test("the top Hessian eigenvalue of a quadratic is its largest curvature", () => {
  const h = new Float32Array([1, 3, 7, 2, 0.5]);
  const { eigenvalue } = hessianTopEigenvalueOf(quadratic(h), { iterations: 60, h: 1e-2 });
  assert.ok(Math.abs(eigenvalue - 7) < 1e-2, `${eigenvalue}`);
});

test("on a model, maximisation beats the starting point and the weights are restored", () => {
  const model = new EmbeddingMLP({ numClasses: 7, width: 8, seed: 0 });
  const before = Array.from(model.params["embed.E1"].dataSync());
  const s = sharpness(model, makeDataset({ operation: "x+y", p: 7 }), { epsilon: 1e-2 });
  assert.ok(s.boxLoss > s.loss && s.phi > 0, JSON.stringify(s));
  assert.deepEqual(Array.from(model.params["embed.E1"].dataSync()), before);
  model.dispose();
});

test("iterations 0, epsilon 0 and unknown options of sharpness are refused, on a model and on any objective", () => {
  const f = quadratic(new Float32Array([1, 2, 3, 4, 5, 6, 7, 8]));
  assert.throws(() => sharpnessOf(f, { iterations: 0 }), /^Error: sharpness: invalid options:\n  iterations: expected integer to be greater or equal to 1; received 0 \(a number\)$/);
  assert.throws(() => sharpnessOf(f, { epsilon: 0 }), /epsilon: expected number to be greater than 0; received 0/);
  assert.throws(() => sharpnessOf(f, { epsilonn: 1e-3 } as never), /epsilonn: unexpected property \(expected one of epsilon, dims, iterations, seed, variant; did you mean epsilon\?\)/);
  const model = new EmbeddingMLP({ numClasses: 5, width: 4 });
  const ds = makeDataset({ operation: "x+y", p: 5 });
  assert.throws(() => sharpness(model, ds, { iterations: 0 }), /sharpness: invalid options/);
  assert.throws(() => sharpness(model, ds, { steps: 3 } as never), /sharpness: invalid options:\n  steps: unexpected property/);
  assert.throws(() => hessianTopEigenvalue(model, ds, { iterations: 0 }), /hessianTopEigenvalue: invalid options:\n  iterations: expected integer to be greater or equal to 1/);
  model.dispose();
});

test("a subspace at least as large as the parameters is refused", () => {
  const f = quadratic(new Float32Array([1, 2, 3, 4, 5, 6, 7, 8]));
  assert.throws(() => sharpnessOf(f, { dims: 8 }), /sharpness: dims \(the random subspace\) must be smaller than the parameter count 8; received 8/);
  assert.ok(Number.isFinite(sharpnessOf(f, { dims: 7 }).phi));
});

test("φ of a tiny loss is measured as of a large one: the search stops relative to f, so c·f gives c times the rise; a flat loss is below resolution", () => {
  // f(x) = c (1 + Σ (x_i − t_i)²) around x0 = 0: the same landscape at every scale c.
  const n = 40;
  const target = Float32Array.from({ length: n }, (_, i) => Math.sin(i + 1));
  const scaled = (c: number): Objective => {
    const value = (x: Float32Array) => c * (1 + x.reduce((s, v, i) => s + (v - target[i]) ** 2, 0));
    return { x0: new Float32Array(n), value, valueAndGrad: (x) => ({ value: value(x), grad: x.map((v, i) => 2 * c * (v - target[i])) }) };
  };
  const one = sharpnessOf(scaled(1), { seed: 3 });
  const tiny = sharpnessOf(scaled(1e-9), { seed: 3 });
  const rise = (s: { boxLoss: number; loss: number }, c: number) => (s.boxLoss - s.loss) / c;
  assert.ok(rise(one, 1) > 0);
  assert.ok(Math.abs(rise(tiny, 1e-9) / rise(one, 1) - 1) < 1e-3, `rise/c: ${rise(tiny, 1e-9)} at c = 1e-9, ${rise(one, 1)} at c = 1`);
  assert.ok(tiny.evaluations > 3, `the search ran (${tiny.evaluations} evaluations)`);
  assert.equal(tiny.belowResolution, false);
  assert.ok(tiny.phi > tiny.resolution && tiny.resolution > 0);
  const flat: Objective = { x0: new Float32Array(n), value: () => 1e-9, valueAndGrad: () => ({ value: 1e-9, grad: new Float32Array(n) }) };
  const f = sharpnessOf(flat, { seed: 3 });
  assert.equal(f.phi, 0);
  assert.equal(f.belowResolution, true);
});
