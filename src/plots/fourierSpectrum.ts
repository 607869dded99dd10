/**
 * Fourier norms of embeddings per frequency (Nanda et al. 2023, Fig. 3), one bar series per
 * snapshot (e.g. before and after grokking), key frequencies marked.
 */
import { PlotlyFigure } from "./PlotlyFigure";
import { optionsOf } from "../config/optionsOf";
import { validateOptions } from "../config/validateConfig";

export interface SpectrumSeries {
  name: string;
  /** Norm per frequency k = 0 … ⌊p/2⌋ (fourierNorms). */
  norms: number[];
}

const OPTIONS = optionsOf("title", "keys", "includeConstant");

/**
 * @example
 * fourierSpectrum([{ name: "step 100", norms: before }, { name: "step 5000", norms: after }], { keys: [4, 9] });
 */
export function fourierSpectrum(series: SpectrumSeries[], options: { title?: string; keys?: number[]; includeConstant?: boolean } = {}): PlotlyFigure {
  validateOptions(OPTIONS, options, "fourierSpectrum");
  const from = options.includeConstant ? 0 : 1;
  const frequencies = Math.max(0, ...series.map((s) => s.norms.length - 1));
  return {
    data: series.map((s) => ({
      type: "bar",
      name: s.name,
      x: s.norms.slice(from).map((_, i) => i + from),
      y: s.norms.slice(from),
    })),
    layout: {
      title: { text: options.title ?? "Fourier norms of the embedding" },
      barmode: "group",
      xaxis: { title: { text: "frequency k (w_k = 2πk/p)" }, dtick: frequencies <= 20 ? 1 : 5 },
      yaxis: { title: { text: "norm" } },
      shapes: (options.keys ?? []).map((k) => ({
        type: "line", xref: "x", yref: "paper", x0: k, x1: k, y0: 0, y1: 1, line: { color: "#888", dash: "dot", width: 1 },
      })),
      annotations: (options.keys ?? []).map((k) => ({ xref: "x", yref: "paper", x: k, y: 1.04, text: `${k}`, showarrow: false, font: { size: 10 } })),
    },
  };
}
