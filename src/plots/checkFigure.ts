/**
 * What a figure's data can show, checked before it is displayed: each trace's values finite (JSON
 * turns NaN and ±Infinity into null, which plotly.js silently leaves out), some points at all, and
 * not every point on one spot. `null` itself is a gap that figure builders put on purpose (it
 * breaks a line into segments), so only NaN and ±Infinity count as dropped values; a trace of no
 * values at all (a legend entry for a phase no run has) is fine unless the whole figure is empty.
 * `show` puts the findings above the figure as a visible note, and the rendered-notebook check
 * fails on a degenerate figure.
 */
import { PlotlyFigure } from "./PlotlyFigure";

export interface FigureIssue {
  /** Index of the trace in figure.data. */
  trace: number;
  /** The trace's name, or "trace i". */
  name: string;
  /** "degenerate": the trace cannot show its data; "nonFinite": some values were dropped. */
  kind: "degenerate" | "nonFinite";
  message: string;
}

/** Numbers of an array, nested arrays flattened; strings (categories) and null (gaps) are not counted. */
function numbersOf(value: unknown): { finite: number[]; missing: number; total: number } {
  const finite: number[] = [];
  let missing = 0;
  let total = 0;
  const walk = (v: unknown) => {
    if (Array.isArray(v) || ArrayBuffer.isView(v)) {
      Array.from(v as ArrayLike<unknown>).forEach(walk);
      return;
    }
    if (typeof v === "string" || v === null || v === undefined) return;
    total++;
    if (typeof v === "number" && Number.isFinite(v)) finite.push(v);
    else missing++;
  };
  walk(value);
  return { finite, missing, total };
}

/** True when values are all one number, up to rounding, or all within 1e-15 of 0 (a collapsed layout). */
function onOneSpot(xs: number[]): boolean {
  const scale = Math.max(...xs.map(Math.abs));
  return scale < 1e-15 || Math.max(...xs) - Math.min(...xs) <= 1e-12 * scale;
}
const AXES: Record<string, string[]> = { heatmap: ["z"], contour: ["z"], surface: ["z"], histogram: ["x"], pie: ["values"], scatter3d: ["x", "y", "z"] };

/**
 * @example
 * checkFigure(residueProjection(points, { colourMod: 8 })); // [] when every trace can show its points
 */
export function checkFigure(figure: PlotlyFigure): FigureIssue[] {
  const issues: FigureIssue[] = [];
  figure.data.forEach((trace, i) => {
    const type = typeof trace.type === "string" ? trace.type : "scatter";
    const name = typeof trace.name === "string" && trace.name !== "" ? trace.name : `trace ${i}`;
    const axes = (AXES[type] ?? ["x", "y"]).filter((a) => trace[a] !== undefined);
    const data = Object.fromEntries(axes.map((a) => [a, numbersOf(trace[a])]));
    const say = (kind: FigureIssue["kind"], message: string) => issues.push({ trace: i, name, kind, message });
    const numeric = axes.filter((a) => data[a].total > 0);
    for (const a of numeric) {
      const { finite, missing, total } = data[a];
      if (finite.length === 0) say("degenerate", `${a}: no finite value among ${total}`);
      else if (missing > 0) say("nonFinite", `${a}: ${missing} of ${total} values are NaN or ±Infinity and are not drawn`);
    }
    const points = Math.max(0, ...numeric.map((a) => data[a].finite.length));
    if (numeric.length >= 2 && points >= 3 && numeric.every((a) => onOneSpot(data[a].finite))) {
      say("degenerate", `all ${points} points at one spot (${numeric.map((a) => `${a} = ${data[a].finite[0]}`).join(", ")}): a collapsed layout`);
    }
  });
  const anyPoint = figure.data.some((trace) => Object.values(AXES).flat().concat("x", "y").some((a) => numbersOf(trace[a]).finite.length > 0));
  if (figure.data.length === 0 || !anyPoint) issues.push({ trace: -1, name: "figure", kind: "degenerate", message: "no trace holds a finite value: nothing to draw" });
  return issues;
}
