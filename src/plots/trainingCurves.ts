/**
 * Accuracy and loss of a run against the step on a log axis (Power et al. 2022, Fig. 1), with the
 * memorisation and generalisation steps marked. Pure: returns a Plotly figure.
 */
import { GrokkingSteps } from "../analysis/events/grokkingSteps";
import { PlotlyFigure } from "./PlotlyFigure";
import { legendBelow } from "./legendBelow";
import { LogRecord } from "../logs/LogRecord";
import { optionsOf } from "../config/optionsOf";
import { validateOptions } from "../config/validateConfig";

export interface TrainingCurvesOptions {
  /** Figure title. Default "Training curves". */
  title?: string;
  /** Events to mark with vertical lines. */
  steps?: GrokkingSteps;
}

const TRAIN = "#1f77b4";
const VAL = "#d62728";

const OPTIONS = optionsOf("title", "steps");

/**
 * @example
 * await show(trainingCurves(records, { title: "x+y mod 97", steps: grokkingSteps(records) }));
 */
export function trainingCurves(records: LogRecord[], options: TrainingCurvesOptions = {}): PlotlyFigure {
  validateOptions(OPTIONS, options, "trainingCurves");
  const shown = records.filter((r) => r.step > 0); // a log axis has no 0
  const x = shown.map((r) => r.step);
  const line = (y: number[], name: string, color: string, yaxis: string, dash = "solid") => ({
    type: "scatter",
    mode: "lines",
    x,
    y,
    name,
    yaxis,
    line: { color, dash },
  });
  // On a log axis plotly.js 3 places shapes at data values but annotations at log10 of them.
  const shapes: Record<string, unknown>[] = [];
  const annotations: Record<string, unknown>[] = [];
  const mark = (step: number | null | undefined, label: string) => {
    if (step === null || step === undefined || step <= 0) return;
    shapes.push({ type: "line", xref: "x", yref: "paper", x0: step, x1: step, y0: 0, y1: 1, line: { color: "#888", dash: "dot" } });
    annotations.push({ xref: "x", yref: "paper", x: Math.log10(step), y: 1.02, text: `${label} ${step}`, showarrow: false, font: { size: 11 } });
  };
  mark(options.steps?.memorisation, "train ≥ θ at");
  mark(options.steps?.generalisation, "val ≥ θ at");
  const legend = legendBelow(["train accuracy", "validation accuracy", "train loss", "validation loss"], { top: 60 });
  return {
    data: [
      line(shown.map((r) => r.trainAccuracy), "train accuracy", TRAIN, "y"),
      line(shown.map((r) => r.valAccuracy), "validation accuracy", VAL, "y"),
      line(shown.map((r) => r.trainLoss), "train loss", TRAIN, "y2", "dot"),
      line(shown.map((r) => r.valLoss), "validation loss", VAL, "y2", "dot"),
    ],
    layout: {
      title: { text: options.title ?? "Training curves" },
      xaxis: { type: "log", title: { text: "optimisation step" }, anchor: "y2" }, // drawn under the loss panel
      yaxis: { title: { text: "accuracy" }, domain: [0.45, 1], range: [0, 1.05] },
      yaxis2: { title: { text: "loss" }, domain: [0, 0.38], type: "log" },
      shapes,
      annotations,
      ...legend,
      margin: { ...legend.margin, r: 20 },
    },
  };
}
