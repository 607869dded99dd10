/**
 * Sharpness φ against validation accuracy across runs, with the Spearman correlation in the
 * title (Power et al. 2022, §3.4: ρ = −0.79548 over their networks).
 */
import { spearman } from "../analysis/statistics/spearman";
import { PlotlyFigure } from "./PlotlyFigure";
import { optionsOf } from "../config/optionsOf";
import { validateOptions } from "../config/validateConfig";

export interface SharpnessScatterOptions {
  title?: string;
  /**
   * φ at or below this cannot sit on the log axis as measured (φ = 0 is common for a flat
   * network: no step in the box raised the loss beyond float32 rounding); such points are drawn
   * at the floor as triangles, and the x axis's title says so. The correlation uses the measured values.
   * Default 1e-9.
   */
  floor?: number;
  /** The subtitle's statistic, when the caller has a better one than the t-approximated Spearman of the points (e.g. rankCorrelation's interval and permutation p). */
  statLine?: string;
}

const OPTIONS = optionsOf("title", "floor", "statLine");

/**
 * @example
 * sharpnessScatter(runs.map((r) => ({ phi: r.phi, valAccuracy: r.valAccuracy, label: r.name })));
 */
export function sharpnessScatter(points: { phi: number; valAccuracy: number; label?: string }[], options: SharpnessScatterOptions = {}): PlotlyFigure {
  validateOptions(OPTIONS, options, "sharpnessScatter");
  const floor = options.floor ?? 1e-9;
  if (!(floor > 0)) throw new Error(`sharpnessScatter: options.floor must be a positive number (the log axis cannot show 0 or less), received ${floor}`);
  const varies = (v: number[]) => new Set(v).size > 1;
  const [phis, accuracies] = [points.map((p) => p.phi), points.map((p) => p.valAccuracy)];
  const s = options.statLine === undefined && points.length >= 3 && varies(phis) && varies(accuracies) ? spearman(phis, accuracies) : null;
  const stat =
    options.statLine ??
    (s ? `Spearman ρ = ${s.rho.toFixed(3)} (p = ${s.pValue.toPrecision(2)}, n = ${s.n})` : points.length >= 3 ? `n = ${points.length}: no spread in φ or accuracy, no rank correlation` : `n = ${points.length}: too few runs for a correlation`);
  const floored = points.filter((p) => !(p.phi > floor)).length;
  // One trace (a trace of coincident floored points alone would draw as one spot): floored points
  // are triangles, and the x axis says what they mean.
  return {
    data: [{
      type: "scatter", mode: "markers", name: "networks", x: points.map((p) => Math.max(p.phi, floor)), y: points.map((p) => p.valAccuracy),
      text: points.map((p) => `${p.label ?? ""}${p.phi > floor ? "" : ` (φ = ${p.phi.toPrecision(2)})`}`),
      marker: { size: 9, symbol: points.map((p) => (p.phi > floor ? "circle" : "triangle-left")) },
    }],
    layout: {
      title: { text: `${options.title ?? "Sharpness φ vs validation accuracy"}<br><sub>${stat}</sub>` },
      xaxis: { title: { text: `sharpness φ (Keskar et al., ε = 1e-3)${floored ? `; ◄ at ${floor}: φ ≤ ${floor} (${floored} of ${points.length})` : ""}` }, type: "log" },
      yaxis: { title: { text: "validation accuracy" }, range: [0, 1.05] },
    },
  };
}
