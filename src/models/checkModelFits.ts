/**
 * The check every entry point that takes a model and a dataset makes first: the model reads and
 * predicts exactly the dataset's element tokens. A model of 7 classes on an 11-class dataset would
 * otherwise train (tfjs gathers out-of-range rows as zeros and the loss ignores the missing
 * classes) and report numbers that mean nothing.
 */
import type { Model } from "./Model";

/** What checkModelFits reads of a dataset (a groklab Dataset has it). */
export interface ClassesOf {
  numClasses: number;
  config: { operation: string };
}

/**
 * Throws, naming the caller, both class counts and the fix, when they differ.
 * @example
 * checkModelFits("train", model, dataset);
 * // train: the model has 7 classes (model.config.numClasses) but the dataset of x+y has 11; build the model with numClasses: dataset.numClasses
 */
export function checkModelFits(fn: string, model: Model, dataset: ClassesOf): void {
  const classes = model?.config?.numClasses;
  if (classes === dataset.numClasses) return;
  throw new Error(
    `${fn}: the model has ${typeof classes === "number" ? classes : `no numClasses (${JSON.stringify(classes)})`} classes (model.config.numClasses) ` +
      `but the dataset of ${dataset.config.operation} has ${dataset.numClasses}; build the model with numClasses: dataset.numClasses`,
  );
}
