/**
 * Neurons × frequency: each neuron's fraction of variance explained by each frequency
 * (neuronFrequencies), neurons sorted by their best frequency (Nanda et al. 2023, Fig. 6).
 */
import { NeuronFrequencies } from "../analysis/fourier/neuronFrequencies";
import { PlotlyFigure } from "./PlotlyFigure";
import { optionsOf } from "../config/optionsOf";
import { validateOptions } from "../config/validateConfig";

const OPTIONS = optionsOf("title");

/**
 * @example
 * neuronFrequencyHeatmap(neuronFrequencies(cache.get("hidden.post"), 97));
 */
export function neuronFrequencyHeatmap(nf: NeuronFrequencies, options: { title?: string } = {}): PlotlyFigure {
  validateOptions(OPTIONS, options, "neuronFrequencyHeatmap");
  const order = nf.frequency.map((f, i) => [f, -nf.best[i], i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map((t) => t[2]);
  const K = nf.fve[0].length - 1;
  return {
    data: [
      {
        type: "heatmap",
        z: order.map((i) => nf.fve[i].slice(1)),
        x: Array.from({ length: K }, (_, k) => k + 1),
        y: order.map((_, r) => r),
        zmin: 0,
        zmax: 1,
        colorscale: "Blues",
        colorbar: { title: { text: "FVE" } },
      },
    ],
    layout: {
      title: {
        text:
          options.title ??
          `Neuron × frequency: ${(100 * nf.shareAbove).toFixed(1)}% of ${nf.best.length} neurons above ${nf.threshold} for one frequency`,
      },
      xaxis: { title: { text: "frequency k" } },
      yaxis: { title: { text: "neuron (sorted by frequency)" }, showticklabels: false },
    },
  };
}
