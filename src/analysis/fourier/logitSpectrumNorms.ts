/**
 * The 2-D Fourier spectrum of the logits over (a, b): the norm, over output classes, of each
 * (basis in a) × (basis in b) coefficient (Nanda et al. 2023, Fig. 4). A modular-addition network
 * puts its weight on cos/sin(w_k a)·cos/sin(w_k b) for its key frequencies.
 */
import * as tf from "@tensorflow/tfjs";
import { fourier2d } from "./fourierTensors";

/**
 * Norms [p, p] (row: basis function of a, column: basis function of b), for `logitSpectrum`.
 * @param logits [p·p, p] over all pairs, a-major
 * @example
 * logitSpectrum(logitSpectrumNorms(model.forward({ a, b }), 97), 97);
 */
export function logitSpectrumNorms(logits: tf.Tensor2D, p: number): number[][] {
  return tf.tidy(() => fourier2d(logits, p).square().sum(0).sqrt().arraySync() as number[][]);
}
