/**
 * Quantities measured at checkpoints (sharpness φ, restricted loss, RQI, …) against the step on a
 * log axis, each series on its own y axis side by side with validation accuracy.
 */
import { PlotlyFigure } from "./PlotlyFigure";
import { legendBelow } from "./legendBelow";
import { optionsOf } from "../config/optionsOf";
import { validateOptions } from "../config/validateConfig";

export interface StepSeries {
  name: string;
  steps: number[];
  values: number[];
  /** Put this series on the right-hand axis. */
  right?: boolean;
  logY?: boolean;
}

const OPTIONS = optionsOf("title", "leftLabel", "rightLabel");

/**
 * @example
 * stepSeries([{ name: "φ", steps, values: phis, logY: true }, { name: "val acc", steps, values: accs, right: true }]);
 */
export function stepSeries(series: StepSeries[], options: { title?: string; leftLabel?: string; rightLabel?: string } = {}): PlotlyFigure {
  validateOptions(OPTIONS, options, "stepSeries");
  const left = series.find((s) => !s.right);
  const right = series.find((s) => s.right);
  return {
    data: series.map((s) => ({ type: "scatter", mode: "lines+markers", name: s.name, x: s.steps, y: s.values, yaxis: s.right ? "y2" : "y" })),
    layout: {
      title: { text: options.title ?? series.map((s) => s.name).join(", ") },
      xaxis: { type: "log", title: { text: "optimisation step" } },
      yaxis: { title: { text: options.leftLabel ?? left?.name ?? "" }, type: left?.logY ? "log" : "linear" },
      yaxis2: { title: { text: options.rightLabel ?? right?.name ?? "" }, overlaying: "y", side: "right", type: right?.logY ? "log" : "linear", showgrid: false },
      ...legendBelow(series.map((s) => s.name)),
    },
  };
}
