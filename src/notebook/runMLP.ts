/**
 * One embedding-MLP experiment as notebooks run them in sweeps: make the dataset and the model,
 * train with a progress bar, and return the log, its grokking events, and the trained model (the
 * caller disposes it).
 */
import { grokkingEvents, GrokkingEvents } from "../analysis/grokkingEvents";
import { Dataset, makeDataset, Operation } from "../data/makeDataset";
import { EmbeddingMLP } from "../models/EmbeddingMLP";
import { LogRecord } from "../logs/LogRecord";
import { train, TrainConfig } from "../train/train";
import { ProgressBar } from "./ProgressBar";

export interface MLPRunOptions {
  operation: Operation;
  p: number;
  trainFraction: number;
  /** Hidden width. Default 128. */
  width?: number;
  /** Training settings; defaults: AdamW lr 3e-3, weight decay 1, evaluation every 25 steps, stop at 99% validation for 4 evaluations. */
  train: Partial<TrainConfig> & { steps: number };
  /** Seed of split and initialisation. Default 0. */
  seed?: number;
  /** Progress-bar label. Default the operation. */
  label?: string;
}

export interface MLPRun {
  records: LogRecord[];
  events: GrokkingEvents;
  model: EmbeddingMLP;
  dataset: Dataset;
}

/**
 * @example
 * const r = await runMLP({ operation: "x+y", p: 31, trainFraction: 0.5, train: { steps: 3000 } });
 * r.events.generalisation; r.model.dispose();
 */
export async function runMLP(options: MLPRunOptions): Promise<MLPRun> {
  const seed = options.seed ?? 0;
  const dataset = makeDataset({ operation: options.operation, p: options.p, trainFraction: options.trainFraction, seed });
  const model = new EmbeddingMLP({ numClasses: options.p, width: options.width ?? 128, seed });
  const bar = new ProgressBar(options.train.steps, { label: options.label ?? options.operation, minIntervalMs: 1000 });
  const config: TrainConfig = {
    optimizer: { lr: 3e-3, weightDecay: 1 },
    evaluation: { every: 25 },
    stopAtValAccuracy: { valAccuracy: 0.99, patience: 4 },
    ...options.train,
  };
  const { records } = await train(model, dataset, config, (r) => bar.update(r.step, { "val acc": r.valAccuracy }));
  bar.close();
  return { records, events: grokkingEvents(records), model, dataset };
}
