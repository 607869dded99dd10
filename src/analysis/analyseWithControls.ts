/**
 * A run's trained network analysed beside its two standing controls: the same run's initial
 * weights (the seeded start, rebuilt from config.json) and the null model (the trained weights with
 * the residues of the embeddings and unembedding permuted). Every network is measured on the trained
 * state's key frequencies (restricted and excluded loss), as Nanda et al. follow the final keys; an
 * optional `measure` reads anything else of each network before it is disposed.
 */
import { Dataset } from "../data/makeDataset";
import { Model } from "../models/Model";
import { RunFolder } from "../runs/RunFolder";
import { analyseModel, ModelAnalysis } from "./analyseModel";
import { nullModel } from "./geometry/nullModel";

/** One network's analysis, with what `measure` read of it. */
export interface ControlledNetwork<T> {
  analysis: ModelAnalysis;
  measured: T;
}

export interface ControlledAnalysis<T> {
  /** The folder's last checkpoint. */
  trained: ControlledNetwork<T>;
  initial: ControlledNetwork<T>;
  /** The trained weights, residues permuted (nullModel, seed 1). */
  null: ControlledNetwork<T>;
  /** The trained state's key frequencies (the loss keys of all three). */
  keys: number[];
  /** The trained checkpoint's step. */
  step: number;
}

/**
 * @example
 * const c = analyseWithControls(RunFolder.open(dir), dataset, { measure: (m) => circularity(neuronInputMap(m, p)).score });
 * c.trained.analysis.neurons.shareAbove; c.initial.measured; c.null.analysis.keys;
 */
export function analyseWithControls<T = undefined>(folder: RunFolder, dataset: Dataset, options: { measure?: (model: Model) => T } = {}): ControlledAnalysis<T> {
  const steps = folder.checkpointSteps();
  if (steps.length === 0) throw new Error(`analyseWithControls: "${folder.dir}" holds no checkpoint`);
  const trained = folder.model();
  const initial = folder.model(0);
  const permuted = nullModel(trained, () => folder.model());
  try {
    const keys = analyseModel(trained, dataset).keys;
    const of = (model: Model): ControlledNetwork<T> => ({ analysis: analyseModel(model, dataset, { keys }), measured: options.measure?.(model) as T });
    return { trained: of(trained), initial: of(initial), null: of(permuted), keys, step: steps[steps.length - 1] };
  } finally {
    [trained, initial, permuted].forEach((m) => m.dispose());
  }
}
