/**
 * Representation quality index (Liu et al. 2022, "Towards understanding grokking: an effective
 * theory of representation learning"): the share of parallelograms (i, j, m, n), i + j = m + n,
 * (i, j) ≠ (m, n), whose standardised embeddings close up: mean over dimensions of
 * (e_i + e_j − e_m − e_n)² < δ (default 0.01). Embeddings are centred and divided by their
 * overall standard deviation first.
 *
 * It measures linear (parallelogram) structure: 1 for e_x = x·v, about 0 for random embeddings.
 * With `modular: true` the sums are taken mod p; a perfect circle (Fourier) representation does
 * not close parallelograms, so on modular tasks read it beside the Fourier measures.
 */
import * as tf from "@tensorflow/tfjs";
import { matrixRows, Rows } from "./matrixRows";
import { Static, Type } from "@sinclair/typebox";
import { resolveOptions } from "../../config/resolve";
import { Defaulted } from "../../config/Resolved";

/** What rqi accepts. */
export const RqiOptionsSchema = Type.Object(
  {
    delta: Defaulted(Type.Number({ exclusiveMinimum: 0, default: 0.01, description: "Closeness threshold δ." })),
    modular: Defaulted(Type.Boolean({ default: false, description: "Compare sums mod p (number of rows) instead of as integers." })),
  },
  { additionalProperties: false },
);

export type RqiOptions = Static<typeof RqiOptionsSchema>;

/**
 * @example
 * rqi(model.params["embed.E1"]); // 0 … 1
 */
export function rqi(embedding: tf.Tensor | Rows, options: RqiOptions = {}): number {
  const { delta, modular } = resolveOptions(RqiOptionsSchema, options, "rqi");
  const rows = matrixRows(embedding, "rqi", "embedding");
  const p = rows.length;
  const d = rows[0].length;
  const mean = Array.from({ length: d }, (_, j) => rows.reduce((s, r) => s + r[j], 0) / p);
  const centred = rows.map((r) => r.map((v, j) => v - mean[j]));
  const std = Math.sqrt(centred.reduce((s, r) => s + r.reduce((t, v) => t + v * v, 0), 0) / (p * d)) || 1;
  const e = centred.map((r) => r.map((v) => v / std));
  // Pairs (i ≤ j) grouped by their sum; parallelograms are two different pairs of one group.
  const groups = new Map<number, [number, number][]>();
  for (let i = 0; i < p; i++) {
    for (let j = i; j < p; j++) {
      const s = modular ? (i + j) % p : i + j;
      (groups.get(s) ?? groups.set(s, []).get(s)!).push([i, j]);
    }
  }
  let total = 0;
  let good = 0;
  for (const pairs of groups.values()) {
    const sums = pairs.map(([i, j]) => e[i].map((v, k) => v + e[j][k]));
    for (let x = 0; x < sums.length; x++) {
      for (let y = x + 1; y < sums.length; y++) {
        let dist = 0;
        for (let k = 0; k < d; k++) dist += (sums[x][k] - sums[y][k]) ** 2;
        total++;
        if (dist / d < delta) good++;
      }
    }
  }
  return total ? good / total : 0;
}
