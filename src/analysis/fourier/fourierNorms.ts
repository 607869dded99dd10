/**
 * How much of an embedding lies at each frequency of Z_p, and which frequencies are "key"
 * (Nanda et al. 2023): the norm of the embedding's cos and sin components at frequency k;
 * key frequencies are those whose norm exceeds max/4.
 */
import * as tf from "@tensorflow/tfjs";
import { fourierBasis, fourierCoefficients } from "./fourierBasis";
import { matrixRows, Rows } from "../geometry/matrixRows";

/**
 * Norm per frequency k = 0 … ⌊p/2⌋ of an embedding [p, d] (rows are residues).
 * @example
 * fourierNorms(model.params["embed.E1"]); // [‖const‖, ‖k=1‖, ‖k=2‖, …]
 */
export function fourierNorms(embedding: tf.Tensor | Rows): number[] {
  const rows = matrixRows(embedding, "fourierNorms", "embedding");
  const basis = fourierBasis(rows.length);
  const coeffs = fourierCoefficients(basis, rows);
  const squares = new Array<number>(Math.floor(rows.length / 2) + 1).fill(0);
  coeffs.forEach((c, i) => (squares[basis.frequency[i]] += c.reduce((s, v) => s + v * v, 0)));
  return squares.map(Math.sqrt);
}

/**
 * Frequencies k ≥ 1 whose norm exceeds `ratio` (default 1/4) of the largest such norm.
 * @example
 * keyFrequencies(fourierNorms(W_E)); // e.g. [14, 35, 41, 42, 52] for Nanda's main run
 */
export function keyFrequencies(norms: number[], ratio = 0.25): number[] {
  if (!(ratio > 0 && ratio < 1)) throw new Error(`keyFrequencies: ratio must be in (0, 1); received ${ratio}`);
  const max = Math.max(...norms.slice(1));
  return norms.map((n, k) => (k >= 1 && n > ratio * max ? k : -1)).filter((k) => k >= 1);
}

/**
 * Sparsity of the spectrum (k ≥ 1): inverse participation ratio Σn⁴ / (Σn²)² (1 / number of
 * frequencies in use: 1 for a single frequency, 1/K for a flat spectrum) and the Gini coefficient
 * of the norms (0 flat, → 1 concentrated).
 */
export function fourierSparsity(norms: number[]): { ipr: number; gini: number } {
  const n = norms.slice(1);
  const sq = n.map((v) => v * v);
  const s2 = sq.reduce((a, b) => a + b, 0);
  const ipr = s2 > 0 ? sq.reduce((a, b) => a + b * b, 0) / (s2 * s2) : 0;
  const sorted = [...n].sort((a, b) => a - b);
  const total = sorted.reduce((a, b) => a + b, 0);
  const k = sorted.length;
  const gini = total > 0 ? sorted.reduce((acc, v, i) => acc + (2 * (i + 1) - k - 1) * v, 0) / (k * total) : 0;
  return { ipr, gini };
}
