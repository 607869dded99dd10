/**
 * Nanda et al.'s progress measures at a run's checkpoints in one figure: the restricted loss (key
 * frequencies only), the excluded loss (training pairs, key frequencies removed) and the loss on all
 * pairs on a log axis, with the share of single-frequency neurons on the right. Pure.
 */
import { CheckpointsAnalysis } from "../analysis/analyseCheckpoints";
import { PlotlyFigure } from "./PlotlyFigure";
import { stepSeries } from "./stepSeries";

/**
 * @example
 * await show(progressMeasures(analyseCheckpoints(folder, dataset), { title: "Progress measures" }));
 */
export function progressMeasures(checkpoints: Pick<CheckpointsAnalysis, "steps" | "analyses">, options: { title?: string } = {}): PlotlyFigure {
  const { steps, analyses } = checkpoints;
  if (steps.length !== analyses.length) throw new Error(`progressMeasures: ${steps.length} steps for ${analyses.length} analyses; expected one analysis a step`);
  return stepSeries(
    [
      { name: "restricted loss (key frequencies only)", steps, values: analyses.map((m) => m.loss.restricted), logY: true },
      { name: "excluded loss (train, key frequencies removed)", steps, values: analyses.map((m) => m.loss.excluded), logY: true },
      { name: "loss on all pairs", steps, values: analyses.map((m) => m.loss.full), logY: true },
      { name: "single-frequency neurons", steps, values: analyses.map((m) => m.neurons.shareAbove), right: true },
    ],
    { title: options.title ?? "Progress measures at checkpoints", leftLabel: "loss", rightLabel: "share of neurons" },
  );
}
