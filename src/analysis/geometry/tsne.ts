/**
 * t-SNE (van der Maaten & Hinton 2008), exact O(n²) version, seeded. Power et al. 2022 (Fig. 4)
 * project the output-layer weights of a modular-addition network with it. The npm packages
 * (tsne-js, @keckelt/tsne) draw from Math.random and cannot be seeded; druidjs (a maintained
 * dimensionality-reduction library) has a seeded t-SNE, but its affinities use plain rather than
 * squared distances, it exaggerates 4× for 100 iterations from a uniform random start with a fixed
 * step of 10, unlike the scikit-learn reference; the point sets here are small (p ≤ a few
 * hundred), so groklab carries this
 * short exact implementation, with scikit-learn's defaults and checked against scikit-learn
 * (trustworthiness of the layouts, test/analysis/tsne.test.ts):
 * Gaussian affinities with a per-point bandwidth found by bisection to the given perplexity,
 * symmetrised; Student-t similarities in 2-D; initial layout the PCA projection scaled to standard
 * deviation 10⁻⁴; gradient descent with momentum 0.5 → 0.8 and early exaggeration 12 for the first
 * 250 of 1,000 iterations, with gains; learning rate max(n / 48, 50) (scikit-learn's "auto").
 * A smaller learning rate leaves near-equidistant rows (random or trained high-dimensional
 * weights) collapsed on one spot after the early exaggeration: that was this module's bug.
 */
import * as tf from "@tensorflow/tfjs";
import { Random } from "../../data/random";
import { matrixRows, Rows } from "./matrixRows";
import { pca } from "./pca";
import { squaredDistances } from "./squaredDistances";
import { Static, Type } from "@sinclair/typebox";
import { resolveOptions } from "../../config/resolve";
import { Defaulted } from "../../config/Resolved";
import { SeedSchema } from "../../specs/Seed";

/** The options' schema: what tsne accepts (unknown options and values out of range are refused). */
export const TsneOptionsSchema = Type.Object(
  {
    perplexity: Defaulted(Type.Number({ exclusiveMinimum: 0, default: 30, description: "Effective number of neighbours, below the number of points (scikit-learn's 30)." })),
    iterations: Defaulted(Type.Integer({ minimum: 1, default: 1000, description: "Gradient iterations." })),
    learningRate: Type.Optional(Type.Number({ exclusiveMinimum: 0, description: 'Learning rate. Default max(n / 48, 50), scikit-learn\'s "auto".' })),
    init: Defaulted(Type.Union([Type.Literal("pca"), Type.Literal("random")], { default: "pca", description: 'Initial layout: "pca" (scikit-learn\'s) or "random" (seeded Gaussian).' })),
    seed: Defaulted(SeedSchema("Seed of a random initial layout.")),
  },
  { additionalProperties: false },
);

export type TsneOptions = Static<typeof TsneOptionsSchema>;

function affinities(rows: Rows, perplexity: number): Float64Array {
  const n = rows.length;
  const d2 = squaredDistances(rows);
  const P = new Float64Array(n * n);
  const target = Math.log(perplexity);
  for (let i = 0; i < n; i++) {
    let lo = 0;
    let hi = Infinity;
    let beta = 1;
    for (let it = 0; it < 100; it++) {
      let sum = 0;
      let dot = 0;
      for (let j = 0; j < n; j++) {
        if (j === i) continue;
        const v = Math.exp(-d2[i * n + j] * beta);
        P[i * n + j] = v;
        sum += v;
        dot += v * d2[i * n + j];
      }
      sum = Math.max(sum, 1e-300);
      const entropy = Math.log(sum) + (beta * dot) / sum;
      for (let j = 0; j < n; j++) P[i * n + j] /= sum;
      if (Math.abs(entropy - target) < 1e-5) break;
      if (entropy > target) {
        lo = beta;
        beta = hi === Infinity ? beta * 2 : (beta + hi) / 2;
      } else {
        hi = beta;
        beta = (beta + lo) / 2;
      }
    }
  }
  const sym = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) sym[i * n + j] = Math.max((P[i * n + j] + P[j * n + i]) / (2 * n), 1e-12);
  return sym;
}

/** scikit-learn's initial layouts: the PCA projection, or Gaussian, scaled to std 10⁻⁴ on the first axis. */
function initialLayout(rows: Rows, init: "pca" | "random", seed: number): number[][] {
  let Y: number[][];
  if (init === "pca" && rows[0].length >= 2) {
    Y = pca(rows, 2).points.map((p) => [p[0], p[1]]);
  } else if (init === "pca" || init === "random") {
    const random = new Random(seed);
    Y = rows.map(() => [random.normal(), random.normal()]);
  } else {
    throw new Error(`tsne: init must be "pca" or "random"; received ${JSON.stringify(init)}`);
  }
  const mean = Y.reduce((s, y) => s + y[0], 0) / Y.length;
  const std = Math.sqrt(Y.reduce((s, y) => s + (y[0] - mean) ** 2, 0) / Y.length) || 1;
  return Y.map((y) => [(1e-4 * y[0]) / std, (1e-4 * y[1]) / std]);
}

/**
 * @example
 * tsne(model.params["unembed.W_out"].transpose(), { perplexity: 15, seed: 0 }); // [[x, y], …] per residue
 */
export function tsne(data: tf.Tensor | Rows, options: TsneOptions = {}): number[][] {
  const rows = matrixRows(data, "tsne", "data");
  const n = rows.length;
  if (n < 4) throw new Error(`tsne: needs at least 4 points; received ${n}`);
  const { iterations, seed, init, perplexity, learningRate: given } = resolveOptions(TsneOptionsSchema, options, "tsne");
  const learningRate = given ?? Math.max(n / 48, 50);
  if (!(perplexity > 0 && perplexity < n)) {
    throw new Error(`tsne: perplexity must be in (0, ${n}), below the number of points (${n}); received ${perplexity}`);
  }
  if (!(learningRate > 0)) throw new Error(`tsne: learningRate must be > 0; received ${learningRate}`);
  if (new Set(rows.map((r) => r.join())).size < 2) throw new Error(`tsne: data must hold at least two different rows; received ${n} identical rows`);
  const P = affinities(rows, perplexity);
  const Y = initialLayout(rows, init, seed);
  const velocity = Y.map(() => [0, 0]);
  const gains = Y.map(() => [1, 1]);
  const num = new Float64Array(n * n);
  for (let it = 0; it < iterations; it++) {
    const exaggeration = it < 250 ? 12 : 1;
    const momentum = it < 250 ? 0.5 : 0.8;
    let sumQ = 0;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const v = 1 / (1 + (Y[i][0] - Y[j][0]) ** 2 + (Y[i][1] - Y[j][1]) ** 2);
        num[i * n + j] = num[j * n + i] = v;
        sumQ += 2 * v;
      }
    }
    for (let i = 0; i < n; i++) {
      const grad = [0, 0];
      for (let j = 0; j < n; j++) {
        if (j === i) continue;
        const w = (exaggeration * P[i * n + j] - Math.max(num[i * n + j] / sumQ, 1e-12)) * num[i * n + j];
        grad[0] += 4 * w * (Y[i][0] - Y[j][0]);
        grad[1] += 4 * w * (Y[i][1] - Y[j][1]);
      }
      for (let k = 0; k < 2; k++) {
        gains[i][k] = velocity[i][k] * grad[k] < 0 ? gains[i][k] + 0.2 : Math.max(gains[i][k] * 0.8, 0.01); // scikit-learn: grow where the step reverses
        velocity[i][k] = momentum * velocity[i][k] - learningRate * gains[i][k] * grad[k];
      }
    }
    for (let i = 0; i < n; i++) for (let k = 0; k < 2; k++) Y[i][k] += velocity[i][k];
  }
  const mean = [0, 1].map((k) => Y.reduce((s, y) => s + y[k], 0) / n);
  return Y.map((y) => [y[0] - mean[0], y[1] - mean[1]]);
}
