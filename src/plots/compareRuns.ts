/**
 * Several runs on one log-step axis: one metric (default validation accuracy) per run, optionally
 * with training accuracy dotted in the same colour.
 */
import { PlotlyFigure } from "./PlotlyFigure";
import { legendBelow } from "./legendBelow";
import { LogRecord } from "../logs/LogRecord";
import { paletteColour } from "./palette";
import { optionsOf } from "../config/optionsOf";
import { validateOptions } from "../config/validateConfig";

/** What each metric of a log record is called on an axis. */
const METRIC_LABELS: Record<keyof LogRecord, string> = {
  step: "optimisation step", epoch: "epoch", trainLoss: "training loss", trainAccuracy: "training accuracy",
  valLoss: "validation loss", valAccuracy: "validation accuracy", weightNorm: "weight norm", lr: "learning rate", wallTime: "seconds of training",
};

const OPTIONS = optionsOf("title", "metric", "withTrain", "logY");

/**
 * @example
 * compareRuns([{ name: "wd 1", records: a }, { name: "wd 0", records: b }], { withTrain: true });
 */
export function compareRuns(
  runs: { name: string; records: LogRecord[] }[],
  options: { title?: string; metric?: keyof LogRecord; withTrain?: boolean; logY?: boolean } = {},
): PlotlyFigure {
  validateOptions(OPTIONS, options, "compareRuns");
  const metric = options.metric ?? "valAccuracy";
  // With the dotted training curves the axis holds both accuracies.
  const axisLabel = options.withTrain && metric === "valAccuracy" ? "accuracy" : METRIC_LABELS[metric];
  const data = runs.flatMap((run, i) => {
    const shown = run.records.filter((r) => r.step > 0);
    const colour = paletteColour(i);
    // One legend entry per run: its training curve shares the entry (and toggles with it).
    const main = { type: "scatter", mode: "lines", name: run.name, legendgroup: run.name, x: shown.map((r) => r.step), y: shown.map((r) => r[metric]), line: { color: colour } };
    const train = { type: "scatter", mode: "lines", name: `${run.name}: training accuracy`, legendgroup: run.name, showlegend: false, x: shown.map((r) => r.step), y: shown.map((r) => r.trainAccuracy), line: { color: colour, dash: "dot" } };
    return options.withTrain ? [main, train] : [main];
  });
  return {
    data,
    layout: {
      title: { text: options.title ?? `${METRIC_LABELS[metric]} of ${runs.length} runs` },
      xaxis: { type: "log", title: { text: "optimisation step" } },
      yaxis: { title: { text: axisLabel }, type: options.logY ? "log" : "linear" },
      ...legendBelow(runs.map((run) => run.name)),
    },
  };
}
