/**
 * Several runs on one log-step axis: one metric (default validation accuracy) per run, optionally
 * with training accuracy dotted in the same colour.
 */
import { PlotlyFigure } from "./PlotlyFigure";
import { LogRecord } from "../logs/LogRecord";
import { paletteColour } from "./palette";


/**
 * @example
 * compareRuns([{ name: "wd 1", records: a }, { name: "wd 0", records: b }], { withTrain: true });
 */
export function compareRuns(
  runs: { name: string; records: LogRecord[] }[],
  options: { title?: string; metric?: keyof LogRecord; withTrain?: boolean; logY?: boolean } = {},
): PlotlyFigure {
  const metric = options.metric ?? "valAccuracy";
  const data = runs.flatMap((run, i) => {
    const shown = run.records.filter((r) => r.step > 0);
    const colour = paletteColour(i);
    const main = { type: "scatter", mode: "lines", name: `${run.name}: ${metric}`, x: shown.map((r) => r.step), y: shown.map((r) => r[metric]), line: { color: colour } };
    const train = { type: "scatter", mode: "lines", name: `${run.name}: trainAccuracy`, x: shown.map((r) => r.step), y: shown.map((r) => r.trainAccuracy), line: { color: colour, dash: "dot" } };
    return options.withTrain ? [main, train] : [main];
  });
  return {
    data,
    layout: {
      title: { text: options.title ?? `${metric} of ${runs.length} runs` },
      xaxis: { type: "log", title: { text: "optimisation step" } },
      yaxis: { title: { text: metric }, type: options.logY ? "log" : "linear" },
      legend: { orientation: "h", y: -0.2 },
    },
  };
}
