/**
 * Gromov 2023 ("Grokking modular arithmetic"): a closed-form solution of a+b mod p for the
 * embedding MLP with quadratic activation. Hidden unit k, with frequency f_k and phases φ1, φ2:
 *   E1[a, k] = cos(2π f_k a / p + φ1_k),  E2[b, k] = cos(2π f_k b / p + φ2_k),
 *   W_out[k, q] = cos(−2π f_k q / p − φ3_k),  φ3 = φ1 + φ2.
 * Squaring E1[a] + E2[b] yields cos(2πf(a+b)/p + φ1 + φ2); against W_out this leaves
 * ½ cos(2πf(a + b − q)/p) plus terms that random phases average out, which peaks at q = a + b.
 */
import * as tf from "@tensorflow/tfjs";
import { Random } from "../data/random";

export interface GromovOptions {
  /** Frequencies to use, cycled over the hidden units. Default: all 1 … ⌊(p−1)/2⌋. */
  frequencies?: number[];
  seed?: number;
}

/**
 * Weights for `new EmbeddingMLP({ numClasses: p, width, activation: "quadratic" }, weights)`.
 * @example
 * const w = gromovWeights(31, 512);
 * const model = new EmbeddingMLP({ numClasses: 31, width: 512, activation: "quadratic" }, w);
 */
export function gromovWeights(p: number, width: number, options: GromovOptions = {}): Record<string, tf.Tensor2D> {
  const frequencies = options.frequencies ?? Array.from({ length: Math.floor((p - 1) / 2) }, (_, i) => i + 1);
  if (frequencies.length === 0 || frequencies.some((f) => !Number.isInteger(f) || f < 1 || f > (p - 1) / 2)) {
    throw new Error(`gromovWeights: frequencies must be integers in [1, ${Math.floor((p - 1) / 2)}]; received ${frequencies.join(", ")}`);
  }
  const random = new Random(options.seed ?? 0);
  const E1 = new Float32Array(p * width);
  const E2 = new Float32Array(p * width);
  const W = new Float32Array(width * p);
  for (let k = 0; k < width; k++) {
    const w = (2 * Math.PI * frequencies[k % frequencies.length]) / p;
    const phi1 = 2 * Math.PI * random.next();
    const phi2 = 2 * Math.PI * random.next();
    for (let x = 0; x < p; x++) {
      E1[x * width + k] = Math.cos(w * x + phi1);
      E2[x * width + k] = Math.cos(w * x + phi2);
      W[k * p + x] = Math.cos(-w * x - phi1 - phi2);
    }
  }
  return {
    "embed.E1": tf.tensor2d(E1, [p, width]),
    "embed.E2": tf.tensor2d(E2, [p, width]),
    "unembed.W_out": tf.tensor2d(W, [width, p]),
  };
}
