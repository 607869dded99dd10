/**
 * Sharpness φ against validation accuracy across runs, with the Spearman correlation in the
 * title (Power et al. 2022, §3.4: ρ = −0.79548 over their networks).
 */
import { spearman } from "../analysis/spearman";
import { PlotlyFigure } from "./PlotlyFigure";

/**
 * @example
 * sharpnessScatter(runs.map((r) => ({ phi: r.phi, valAccuracy: r.valAccuracy, label: r.name })));
 */
export function sharpnessScatter(points: { phi: number; valAccuracy: number; label?: string }[], options: { title?: string } = {}): PlotlyFigure {
  const s = points.length >= 3 ? spearman(points.map((p) => p.phi), points.map((p) => p.valAccuracy)) : null;
  const stat = s ? `Spearman ρ = ${s.rho.toFixed(3)} (p = ${s.pValue.toPrecision(2)}, n = ${s.n})` : `n = ${points.length}: too few runs for a correlation`;
  return {
    data: [{ type: "scatter", mode: "markers", x: points.map((p) => p.phi), y: points.map((p) => p.valAccuracy), text: points.map((p) => p.label ?? ""), marker: { size: 9 } }],
    layout: {
      title: { text: `${options.title ?? "Sharpness φ vs validation accuracy"}<br><sub>${stat}</sub>` },
      xaxis: { title: { text: "sharpness φ (Keskar et al., ε = 1e-3)" }, type: "log" },
      yaxis: { title: { text: "validation accuracy" }, range: [0, 1.05] },
    },
  };
}
