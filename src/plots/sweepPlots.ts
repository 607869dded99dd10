/**
 * Figures of sweeps over hyper-parameters: a heatmap of one number per cell (e.g. steps to grok
 * over weight decay × training fraction, censored cells marked), and a phase diagram (Liu et al.
 * 2022, Fig. 6) with one marker per run coloured by its phase.
 */
import { Phase } from "../analysis/events/classifyPhase";
import { PlotlyFigure } from "./PlotlyFigure";

export interface SweepCell {
  x: number;
  y: number;
  /** The value, or null when censored (e.g. never grokked within budget). */
  value: number | null;
}

/**
 * @example
 * sweepHeatmap(cells, { x: "weight decay", y: "training fraction", value: "steps to 99% validation" });
 */
export function sweepHeatmap(cells: SweepCell[], labels: { x: string; y: string; value: string; title?: string }): PlotlyFigure {
  const xs = [...new Set(cells.map((c) => c.x))].sort((a, b) => a - b);
  const ys = [...new Set(cells.map((c) => c.y))].sort((a, b) => a - b);
  const at = (x: number, y: number) => cells.find((c) => c.x === x && c.y === y);
  // Censored cells are drawn in grey at the top of the colour bar (labelled "not within budget"),
  // so a sweep where little or nothing generalised still shows every cell, and z has no gaps.
  const values = cells.map((c) => c.value).filter((v): v is number => v !== null);
  const lo = values.length ? Math.min(...values) : 0;
  const hi = values.length ? Math.max(...values) : 1;
  const top = hi + 0.1 * (hi - lo || 1);
  const share = (hi - lo) / (top - lo);
  const colorscale = [...VIRIDIS.map((c, k) => [(share * k) / (VIRIDIS.length - 1), c]), [share + 1e-9, "#d9d9d9"], [1, "#d9d9d9"]];
  const z = ys.map((y) => xs.map((x) => {
    const c = at(x, y);
    return c === undefined ? null : (c.value ?? top);
  }));
  const text = ys.map((y) => xs.map((x) => {
    const c = at(x, y);
    return c === undefined ? "" : c.value === null ? "not within budget" : String(c.value);
  }));
  const ticks = values.length ? [lo, hi, top] : [top];
  return {
    data: [{
      type: "heatmap", x: xs.map(String), y: ys.map(String), z, text, texttemplate: "%{text}", hovertemplate: "%{x}, %{y}: %{text}<extra></extra>",
      colorscale, zmin: lo, zmax: top, hoverongaps: false,
      colorbar: { title: { text: labels.value }, tickvals: ticks, ticktext: ticks.map((t) => (t === top ? "not within budget" : String(t))) },
    }],
    layout: {
      title: { text: labels.title ?? `${labels.value} over ${labels.x} × ${labels.y}` },
      xaxis: { title: { text: labels.x }, type: "category" },
      yaxis: { title: { text: labels.y }, type: "category" },
    },
  };
}

/** Plotly's Viridis, as explicit stops so that the censored grey can follow it. */
const VIRIDIS = ["#440154", "#482878", "#3e4989", "#31688e", "#26828e", "#1f9e89", "#35b779", "#6ece58", "#b5de2b", "#fde725"];

const PHASE_COLOURS: Record<Phase, string> = { comprehension: "#2ca02c", grokking: "#1f77b4", memorisation: "#ff7f0e", confusion: "#d62728" };

/**
 * @example
 * phaseDiagram(runs.map((r) => ({ x: r.lr, y: r.wd, phase: classifyPhase(grokkingSteps(r.records)) })), { x: "learning rate", y: "weight decay" });
 */
export function phaseDiagram(points: { x: number; y: number; phase: Phase }[], labels: { x: string; y: string; title?: string; logX?: boolean; logY?: boolean }): PlotlyFigure {
  const phases: Phase[] = ["comprehension", "grokking", "memorisation", "confusion"];
  return {
    data: phases.map((phase) => {
      const mine = points.filter((p) => p.phase === phase);
      return { type: "scatter", mode: "markers", name: phase, x: mine.map((p) => p.x), y: mine.map((p) => p.y), marker: { color: PHASE_COLOURS[phase], size: 14, symbol: "square" } };
    }),
    layout: {
      title: { text: labels.title ?? `Phases over ${labels.x} × ${labels.y}` },
      xaxis: { title: { text: labels.x }, ...gridAxis(points.map((p) => p.x), labels.logX ?? false) },
      yaxis: { title: { text: labels.y }, ...gridAxis(points.map((p) => p.y), labels.logY ?? false) },
    },
  };
}

/**
 * A phase diagram's axis: the grid's values as ticks (when there are few), and a range padded by
 * half a grid step beyond the outermost values, so that the large square markers of the edge runs
 * (weight decay 0, say) are drawn whole rather than cut by the plot's edge. Log axes pad in decades.
 */
function gridAxis(values: number[], log: boolean): Record<string, unknown> {
  const shown = log ? values.filter((v) => v > 0) : values.filter(Number.isFinite);
  const distinct = [...new Set(shown)].sort((a, b) => a - b);
  if (distinct.length === 0) return { type: log ? "log" : "linear" };
  const at = distinct.map((v) => (log ? Math.log10(v) : v));
  const lo = at[0], hi = at[at.length - 1];
  const step = distinct.length > 1 ? Math.min(...at.slice(1).map((v, i) => v - at[i])) : 1;
  const pad = Math.max(step / 2, (hi - lo) * 0.08);
  return {
    type: log ? "log" : "linear",
    range: [lo - pad, hi + pad],
    ...(distinct.length <= 12 ? { tickvals: distinct } : {}),
  };
}
