/**
 * Sharpness φ (Keskar et al., `sharpness`) at every checkpoint of a run folder, beside the
 * validation accuracy logged at that step: the networks of one run at different training lengths,
 * as Power et al.'s φ-vs-accuracy comparison mixes them. The model is rebuilt once and loaded at
 * each checkpoint.
 */
import { Dataset } from "../data/makeDataset";
import { RunFolder } from "../train/RunFolder";
import { sharpness, SharpnessOptions } from "./sharpness";

export interface CheckpointSharpness {
  step: number;
  phi: number;
  /** Validation accuracy of the log at this step (null if the step was not evaluated). */
  valAccuracy: number | null;
  trainLoss: number | null;
}

/**
 * @param steps checkpoints to measure (default: all of the folder's)
 * @example
 * sharpnessAtCheckpoints(RunFolder.open("runs/wd1"), dataset, { seed: 1 }); // [{ step: 10, phi: 2.1, valAccuracy: 0.02 }, …]
 */
export function sharpnessAtCheckpoints(folder: RunFolder, dataset: Dataset, options: SharpnessOptions & { steps?: number[] } = {}): CheckpointSharpness[] {
  const { steps: wanted, ...sharpnessOptions } = options;
  const steps = folder.checkpointStepsFor("sharpnessAtCheckpoints", wanted);
  const records = folder.records;
  const model = folder.model();
  try {
    return steps.map((step) => {
      folder.loadWeights(model, step);
      const record = records.find((r) => r.step === step);
      return { step, phi: sharpness(model, dataset, sharpnessOptions).phi, valAccuracy: record?.valAccuracy ?? null, trainLoss: record?.trainLoss ?? null };
    });
  } finally {
    model.dispose();
  }
}
