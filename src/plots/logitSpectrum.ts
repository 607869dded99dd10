/**
 * The 2-D Fourier spectrum of the logits over (a, b): the norm, over output classes, of each
 * (basis in a) × (basis in b) coefficient (Nanda et al. 2023, Fig. 4). A modular-addition network
 * puts its weight on cos/sin(w_k a)·cos/sin(w_k b) for its key frequencies.
 */
import * as tf from "@tensorflow/tfjs";
import { fourierBasis } from "../analysis/fourierBasis";
import { fourier2d } from "../analysis/fourierTensors";
import { PlotlyFigure } from "../notebook/PlotlyFigure";

/** Norm over outputs of each 2-D Fourier coefficient: [p, p] (row: basis in a, column: basis in b). */
export function logitSpectrumNorms(logits: tf.Tensor2D, p: number): number[][] {
  return tf.tidy(() => fourier2d(logits, p).square().sum(0).sqrt().arraySync() as number[][]);
}

/**
 * @param logits [p·p, p] over all pairs, a-major
 * @example
 * logitSpectrum(model.forward({ a, b }), 97);
 */
export function logitSpectrum(logits: tf.Tensor2D, p: number, options: { title?: string } = {}): PlotlyFigure {
  const labels = fourierBasis(p).labels;
  return {
    data: [{ type: "heatmap", z: logitSpectrumNorms(logits, p), x: labels, y: labels, colorscale: "Viridis", colorbar: { title: { text: "norm" } } }],
    layout: {
      title: { text: options.title ?? "2-D Fourier spectrum of the logits" },
      xaxis: { title: { text: "basis function of b" }, showticklabels: p <= 23 },
      yaxis: { title: { text: "basis function of a" }, showticklabels: p <= 23, autorange: "reversed" },
    },
  };
}
