/**
 * Which frequency each neuron uses (Nanda et al. 2023, §5.1): the 2-D Fourier transform of a
 * neuron's activation over all pairs (a, b), and the fraction of its variance (all but the
 * constant term) explained by the terms of one frequency k: those whose a- and b-frequencies are
 * both in {0, k}. A neuron "is" the frequency with the largest fraction; Nanda et al. count the
 * neurons whose fraction exceeds 0.85 (433 of 512 in their main run).
 */
import * as tf from "@tensorflow/tfjs";
import { fourierBasis } from "./fourierBasis";
import { fourier2d } from "./fourierTensors";

export interface NeuronFrequencies {
  /** Fraction of variance explained, [neuron][k] for k = 0 … maxFrequency (k = 0: a-only/b-only constant terms are excluded). */
  fve: number[][];
  /** Best frequency of each neuron. */
  frequency: number[];
  /** Its fraction of variance explained. */
  best: number[];
  /** Share of neurons whose best fraction exceeds `threshold`. */
  shareAbove: number;
  threshold: number;
}

/**
 * @param activations [p·p, neurons]: activations at (a, b), a-major (e.g. cache "hidden.post", or
 *   "blocks.0.mlp.post" at the last position)
 * @example
 * const nf = neuronFrequencies(cache.get("hidden.post"), 97);
 * nf.shareAbove; // share of single-frequency neurons
 */
export function neuronFrequencies(activations: tf.Tensor2D, p: number, threshold = 0.85): NeuronFrequencies {
  const basis = fourierBasis(p);
  const K = basis.maxFrequency;
  const fve = tf.tidy(() => {
    const C = fourier2d(activations, p); // [n, p, p]
    const n = C.shape[0];
    const S = C.square().reshape([n, p * p]); // [n, p·p]
    const masks = new Float32Array(p * p * (K + 1));
    for (let i = 0; i < p; i++) {
      for (let j = 0; j < p; j++) {
        const fi = basis.frequency[i];
        const fj = basis.frequency[j];
        if (fi === 0 && fj === 0) continue;
        const k = fi === 0 ? fj : fj === 0 ? fi : fi === fj ? fi : -1;
        if (k >= 1 && k <= K) masks[(i * p + j) * (K + 1) + k] = 1;
      }
    }
    const total = S.sum(1, true).sub(S.slice([0, 0], [n, 1])); // all but the constant·constant term
    const explained = tf.matMul(S, tf.tensor2d(masks, [p * p, K + 1])); // [n, K+1]
    return explained.div(total.add(1e-30)).arraySync() as number[][];
  });
  const frequency = fve.map((row) => row.indexOf(Math.max(...row.slice(1)), 1));
  const best = fve.map((row, i) => row[frequency[i]]);
  return { fve, frequency, best, shareAbove: best.filter((b) => b > threshold).length / best.length, threshold };
}
