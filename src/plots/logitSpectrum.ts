/**
 * The figure of the logits' 2-D Fourier spectrum (norms from `logitSpectrumNorms`): a heatmap over
 * (basis function of a) × (basis function of b).
 */
import { fourierBasis } from "../analysis/fourier/fourierBasis";
import { PlotlyFigure } from "./PlotlyFigure";
import { optionsOf } from "../config/optionsOf";
import { validateOptions } from "../config/validateConfig";

const OPTIONS = optionsOf("title");

/**
 * @param norms [p, p] from logitSpectrumNorms
 * @example
 * logitSpectrum(logitSpectrumNorms(model.forward({ a, b }), 97), 97);
 */
export function logitSpectrum(norms: number[][], p: number, options: { title?: string } = {}): PlotlyFigure {
  validateOptions(OPTIONS, options, "logitSpectrum");
  if (norms.length !== p || norms.some((r) => r.length !== p)) {
    throw new Error(`logitSpectrum: norms must be [${p}, ${p}] (logitSpectrumNorms); received ${norms.length} rows`);
  }
  const labels = fourierBasis(p).labels;
  return {
    data: [{ type: "heatmap", z: norms, x: labels, y: labels, colorscale: "Viridis", colorbar: { title: { text: "norm" } } }],
    layout: {
      title: { text: options.title ?? "2-D Fourier spectrum of the logits" },
      xaxis: { title: { text: "basis function of b" }, showticklabels: p <= 23 },
      yaxis: { title: { text: "basis function of a" }, showticklabels: p <= 23, autorange: "reversed" },
    },
  };
}
