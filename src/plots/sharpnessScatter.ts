/**
 * Sharpness φ against validation accuracy across runs, with the Spearman correlation in the
 * title (Power et al. 2022, §3.4: ρ = −0.79548 over their networks).
 */
import { spearman } from "../analysis/spearman";
import { PlotlyFigure } from "./PlotlyFigure";

export interface SharpnessScatterOptions {
  title?: string;
  /**
   * φ at or below this cannot sit on the log axis as measured (φ = 0 is common for a flat
   * network: no step in the box raised the loss beyond float32 rounding); such points are drawn
   * at the floor as a trace of their own, named so. The correlation uses the measured values.
   * Default 1e-9.
   */
  floor?: number;
}

/**
 * @example
 * sharpnessScatter(runs.map((r) => ({ phi: r.phi, valAccuracy: r.valAccuracy, label: r.name })));
 */
export function sharpnessScatter(points: { phi: number; valAccuracy: number; label?: string }[], options: SharpnessScatterOptions = {}): PlotlyFigure {
  const floor = options.floor ?? 1e-9;
  if (!(floor > 0)) throw new Error(`sharpnessScatter: options.floor must be a positive number (the log axis cannot show 0 or less), received ${floor}`);
  const s = points.length >= 3 ? spearman(points.map((p) => p.phi), points.map((p) => p.valAccuracy)) : null;
  const stat = s ? `Spearman ρ = ${s.rho.toFixed(3)} (p = ${s.pValue.toPrecision(2)}, n = ${s.n})` : `n = ${points.length}: too few runs for a correlation`;
  const above = points.filter((p) => p.phi > floor);
  const below = points.filter((p) => !(p.phi > floor));
  const trace = (ps: typeof points, name: string, symbol: string) => ({
    type: "scatter", mode: "markers", name, x: ps.map((p) => Math.max(p.phi, floor)), y: ps.map((p) => p.valAccuracy),
    text: ps.map((p) => `${p.label ?? ""}${p.phi > floor ? "" : ` (φ = ${p.phi.toPrecision(2)})`}`), marker: { size: 9, symbol },
  });
  return {
    data: [trace(above, "φ as measured", "circle"), ...(below.length > 0 ? [trace(below, `φ ≤ ${floor} (drawn at ${floor})`, "triangle-left")] : [])],
    layout: {
      title: { text: `${options.title ?? "Sharpness φ vs validation accuracy"}<br><sub>${stat}</sub>` },
      xaxis: { title: { text: "sharpness φ (Keskar et al., ε = 1e-3)" }, type: "log" },
      yaxis: { title: { text: "validation accuracy" }, range: [0, 1.05] },
      showlegend: below.length > 0,
    },
  };
}
