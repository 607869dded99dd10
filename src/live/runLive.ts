/**
 * One experiment from a notebook cell, shown as it trains: runExperiment with a progress bar and
 * live training curves (ProgressBar, LiveFigure over trainingCurves), the wiring a user would
 * otherwise write by hand. Like runExperiment it resumes a partial run of the same config from its
 * folder and reads a finished one back; the curves end with every record of the run.
 */
import { LogRecord } from "../logs/LogRecord";
import { numClassesOf } from "../data/makeDataset";
import { trainingCurves } from "../plots/trainingCurves";
import { resolveExperiment } from "../experiment/resolveExperiment";
import { ExperimentRun, runExperiment, RunExperimentOptions } from "../experiment/runExperiment";
import { optionsOf } from "../config/optionsOf";
import { validateOptions } from "../config/validateConfig";
import { LiveFigure } from "./LiveFigure";
import { ProgressBar } from "./ProgressBar";

const OPTIONS = optionsOf("onEvaluation", "signal", "fresh", "onStart", "title", "label");

export interface RunLiveOptions extends RunExperimentOptions {
  /** The live figure's title. Default: the operation, p and model kind. */
  title?: string;
  /** The progress bar's label. Default "training". */
  label?: string;
}

/**
 * @example
 * const run = await gl.runLive(config);   // bar and live curves while it trains
 * gl.grokkingSteps(run.records); run.model.dispose();
 */
export async function runLive(input: unknown, options: RunLiveOptions = {}): Promise<ExperimentRun> {
  validateOptions(OPTIONS, options, "runLive");
  const { title, label = "training", onEvaluation, ...rest } = options;
  const config = resolveExperiment(input, { owner: "runLive" });
  const where = numClassesOf(config.data) === config.data.p ? ` mod ${config.data.p}` : " on S5";
  const shown = title ?? `${config.data.operation}${where}, ${config.model.kind}: live`;
  const records: LogRecord[] = [];
  const bar = new ProgressBar(config.train.steps, { label });
  const live = new LiveFigure(() => trainingCurves(records, { title: shown }));
  let run: ExperimentRun;
  try {
    run = await runExperiment(config, {
      ...rest,
      onEvaluation: async (record, model) => {
        records.push(record);
        bar.update(record.step, { "train acc": record.trainAccuracy, "val acc": record.valAccuracy });
        await live.refresh();
        return onEvaluation?.(record, model);
      },
    });
  } catch (err) {
    bar.close();
    await live.close().catch(() => undefined); // the run's error is the one to report
    throw err;
  }
  records.splice(0, records.length, ...run.records);
  bar.close(run.records.at(-1)?.step);
  await live.close();
  return run;
}
