/**
 * Whether an embedding's units trace circles: how much of each column (a unit's value over the p
 * residues, e.g. one hidden neuron of E1) is a single sinusoid cos(w_k x + φ) — a unit that is one
 * sinusoid puts the residues on a circle in the (cos, sin) plane of its frequency, as in Gromov's
 * solution and the neurons of a grokked network.
 *
 *   share_c = max_k P_c(k) / Σ_k P_c(k)      (P_c: the column's Fourier power at k = 1 … K, K = ⌊(p−1)/2⌋)
 *   score   = (Σ_c var_c · share_c / Σ_c var_c − H_K / K) / (1 − H_K / K)
 *
 * H_K / K (H_K the K-th harmonic number) is the exact expected largest share for a column of
 * independent Gaussian values (the largest of K Dirichlet(1, …, 1) parts), so the score is ~0 for
 * random weights, 1 when every unit is one sinusoid, and it is compared with a null model
 * (`circularity(permuteRows(E))`, nullModel.ts) in the notebooks.
 *
 * Why this and not the projection of the rows on their own frequency-k plane (circleCoordinates):
 * that plane's directions Σ_y e_y cos(w_k y) contain e_x itself, so random rows already come out in
 * circular order (circular correlation 0.95 with no training), and leaving x out reverses the bias
 * where the embedding has nothing at k; and a per-frequency variance share of the rows cannot tell
 * a grokked MLP from random weights, because the MLP spreads its neurons over all frequencies (a
 * flat spectrum over rows, single frequencies per neuron). Columns are meaningful units for the
 * MLP's neurons (ReLU gives them a privileged basis); for a transformer's residual stream, apply
 * it to the neuron-basis map (W_E · W_in) rather than to W_E's arbitrary coordinates.
 */
import * as tf from "@tensorflow/tfjs";
import { fourierBasis, fourierCoefficients } from "../fourier/fourierBasis";
import { matrixRows, Rows } from "./matrixRows";

export interface Circularity {
  /** ~0 for random weights, 1 when every unit is a single sinusoid of the residue. */
  score: number;
  /** The variance-weighted mean largest share, before the null is taken off. */
  meanShare: number;
  /** The expected largest share of a random column, H_K / K. */
  nullShare: number;
  /** Per column: its largest share and the frequency that holds it. */
  units: { share: number; frequency: number }[];
}

/**
 * @example
 * circularity(model.params["embed.E1"]).score; // ≈ 0 at initialisation, ≈ 1 for gromovWeights
 */
export function circularity(embedding: tf.Tensor | Rows): Circularity {
  const rows = matrixRows(embedding, "circularity", "embedding");
  const p = rows.length;
  if (p < 5) throw new Error(`circularity: embedding needs at least 5 rows (residues); received ${p}`);
  if (rows.every((r) => r.every((v, j) => v === rows[0][j]))) {
    throw new Error(`circularity: embedding must vary over the residues; received ${p} identical rows`);
  }
  const basis = fourierBasis(p);
  const K = basis.maxFrequency;
  const coeffs = fourierCoefficients(basis, rows); // [1 + 2K (+1 if p even)][d]: const, cos 1, sin 1, …
  const d = rows[0].length;
  const units: Circularity["units"] = [];
  let weighted = 0;
  let total = 0;
  for (let c = 0; c < d; c++) {
    let sum = 0;
    let best = 0;
    let frequency = 0;
    for (let k = 1; k <= K; k++) {
      const power = coeffs[2 * k - 1][c] ** 2 + coeffs[2 * k][c] ** 2;
      sum += power;
      if (power > best) [best, frequency] = [power, k];
    }
    if (coeffs.length > 2 * K + 1) sum += coeffs[2 * K + 1][c] ** 2; // the Nyquist term of an even p
    const share = sum > 0 ? best / sum : 0;
    units.push({ share, frequency });
    weighted += sum * share;
    total += sum;
  }
  let harmonic = 0;
  for (let k = 1; k <= K; k++) harmonic += 1 / k;
  const nullShare = harmonic / K;
  const meanShare = weighted / total;
  return { score: (meanShare - nullShare) / (1 - nullShare), meanShare, nullShare, units };
}
