/**
 * One experiment from one config: validate it (resolveExperiment), open its run folder with that
 * same resolved config (so config.json can rebuild the model), build the dataset and the model,
 * pre-train when the config says so (pretrain.ts), and train. A folder holding a partial run of the same config is resumed from its last
 * checkpoint; a finished one is read back without training; another config is refused.
 */
import { Dataset, makeDataset } from "../data/makeDataset";
import { LogRecord } from "../logs/LogRecord";
import { Model } from "../models/Model";
import { RunFolder } from "../runs/RunFolder";
import { OnEvaluation, train, TrainResult } from "../train/train";
import { buildModel } from "../models/buildModel";
import { resolveExperiment, ResolvedExperiment } from "./resolveExperiment";
import { pretrain } from "./pretrain";
import { optionsOf } from "../config/optionsOf";
import { validateOptions } from "../config/validateConfig";

const OPTIONS = optionsOf("onEvaluation", "signal", "fresh", "onStart");

export interface RunExperimentOptions {
  /** Called at each evaluation with the record and the model (return "stop" to end the run). */
  onEvaluation?: OnEvaluation;
  /** Aborting it stops the run at the next step boundary, with a checkpoint there (resumable). */
  signal?: AbortSignal;
  /** Delete what the run folder holds and start again. Default false (resume, or read back a finished run). */
  fresh?: boolean;
  /** Called once the run folder is open with this config accepted (before pre-training or training; not for a finished run read back). */
  onStart?: (dir: string) => void;
}

export interface ExperimentRun {
  dir: string;
  /** The config with every default filled in, as config.json holds it. */
  config: ResolvedExperiment;
  /** Every record of the run, including those of earlier sessions. */
  records: LogRecord[];
  stoppedBy: TrainResult["stoppedBy"];
  /** The trained model (the caller disposes it). */
  model: Model;
  dataset: Dataset;
  /** The step this session started from: 0 for a new run, the checkpoint's step when resumed. */
  startStep: number;
  /** True when the folder held a finished run and nothing was trained. */
  alreadyFinished: boolean;
}

/**
 * @example
 * const r = await runExperiment({
 *   data: { operation: "x+y", p: 97, trainFraction: 0.5 },
 *   model: { kind: "mlp", width: 512 },
 *   train: { steps: 3000, optimizer: { lr: 3e-3, weightDecay: 1 } },
 *   run: { dir: "runs/mlp-97" },
 * });
 * r.records.at(-1)!.valAccuracy; r.model.dispose();
 */
export async function runExperiment(input: unknown, options: RunExperimentOptions = {}): Promise<ExperimentRun> {
  validateOptions(OPTIONS, options, "runExperiment");
  const config = resolveExperiment(input);
  const { dir, checkpointsPerDecade, checkpointEveryMinutes, checkpointEvery } = config.run;
  const run = new RunFolder(dir, config, { resume: !options.fresh, overwrite: options.fresh === true, checkpointsPerDecade, checkpointEveryMinutes, checkpointEvery });
  const dataset = makeDataset(config.data);
  const outcome = run.outcome();
  if (outcome?.status === "finished") {
    run.close();
    const stoppedBy = outcome.stoppedBy as TrainResult["stoppedBy"];
    return { dir, config, records: run.records, stoppedBy, model: run.model(), dataset, startStep: outcome.step, alreadyFinished: true };
  }
  let model: Model;
  try {
    run.setOutcome(null); // a failed run is tried again
    model = buildModel(config.model);
    options.onStart?.(dir);
  } catch (err) {
    run.close();
    throw err;
  }
  const startStep = run.checkpointSteps().at(-1) ?? 0;
  try {
    // pre-training (config.pretrain) happens before the target's first checkpoint; a run stopped during it starts it again
    if (config.pretrain && startStep === 0 && (await pretrain(model, config, dir, options.signal)) === null) {
      run.close();
      return { dir, config, records: [], stoppedBy: "signal", model, dataset, startStep, alreadyFinished: false };
    }
    const result = await train(model, dataset, config.train, options.onEvaluation, run, options.signal);
    return { dir, config, records: result.records, stoppedBy: result.stoppedBy, model, dataset, startStep, alreadyFinished: false };
  } catch (err) {
    model.dispose();
    throw err;
  }
}
