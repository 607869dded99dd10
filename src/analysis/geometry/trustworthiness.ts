/**
 * Trustworthiness of a low-dimensional layout (Venna & Kaski 2001; scikit-learn's
 * `sklearn.manifold.trustworthiness`): how far the layout's k nearest neighbours of each point
 * are from being its nearest neighbours in the input, 1 when every layout neighbourhood is an
 * input neighbourhood, ~0.5 for a random layout.
 *   T(k) = 1 − 2 / (n k (2n − 3k − 1)) · Σ_i Σ_{j ∈ N_k(i) in the layout} max(0, r(i, j) − k),
 * r(i, j) the rank of j among i's neighbours in the input (1 = nearest). Euclidean distances.
 */
import * as tf from "@tensorflow/tfjs";
import { matrixRows, Rows } from "./matrixRows";
import { squaredDistances } from "./squaredDistances";

/** The other points of row i ordered by distance (ties by index, as a stable sort gives them). */
function neighbourOrder(d: Float64Array, n: number, i: number): number[] {
  return [...Array(n).keys()].filter((j) => j !== i).sort((a, b) => d[i * n + a] - d[i * n + b] || a - b);
}

/**
 * @example
 * trustworthiness(W_out_rows, tsne(W_out_rows, { perplexity: 15 }), 5); // e.g. 0.93
 */
export function trustworthiness(input: tf.Tensor | Rows, layout: tf.Tensor | Rows, neighbours = 5): number {
  const x = matrixRows(input, "trustworthiness", "input");
  const y = matrixRows(layout, "trustworthiness", "layout");
  const n = x.length;
  if (y.length !== n) throw new Error(`trustworthiness: layout must have one row per input row (${n}); received ${y.length}`);
  if (!Number.isInteger(neighbours) || neighbours < 1 || neighbours >= n / 2) {
    throw new Error(`trustworthiness: neighbours must be an integer in [1, n/2) = [1, ${n / 2}); received ${neighbours}`);
  }
  const dx = squaredDistances(x);
  const dy = squaredDistances(y);
  let penalty = 0;
  for (let i = 0; i < n; i++) {
    const rank = new Int32Array(n);
    neighbourOrder(dx, n, i).forEach((j, r) => (rank[j] = r + 1));
    for (const j of neighbourOrder(dy, n, i).slice(0, neighbours)) penalty += Math.max(0, rank[j] - neighbours);
  }
  return 1 - (2 / (n * neighbours * (2 * n - 3 * neighbours - 1))) * penalty;
}
