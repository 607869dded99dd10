/**
 * Sharpness φ (Keskar et al., `sharpness`) at every checkpoint of a run folder, beside the
 * validation accuracy logged at that step: the networks of one run at different training lengths,
 * as Power et al.'s φ-vs-accuracy comparison mixes them. The model is rebuilt once and loaded at
 * each checkpoint.
 */
import { Dataset } from "../../data/makeDataset";
import { RunFolder } from "../../runs/RunFolder";
import { sharpness, SharpnessOptionsSchema } from "./sharpness";
import { Static, Type } from "@sinclair/typebox";
import { validateOptions } from "../../config/validateConfig";

export interface CheckpointSharpness {
  step: number;
  phi: number;
  /** φ's resolution at this checkpoint, and whether φ is at or below it (not a measured value). */
  resolution: number;
  belowResolution: boolean;
  /** Validation accuracy of the log at this step (null if the step was not evaluated). */
  valAccuracy: number | null;
  trainLoss: number | null;
  /** Training accuracy of the log at this step (null if the step was not evaluated). */
  trainAccuracy: number | null;
}

export type CheckpointSharpnessOptions = Static<typeof CheckpointSharpnessOptionsSchema>;

/**
 * @example
 * sharpnessAtCheckpoints(RunFolder.open("runs/wd1"), dataset, { seed: 1 }); // [{ step: 10, phi: 2.1, valAccuracy: 0.02 }, …]
 * sharpnessAtCheckpoints(folder, dataset, { minTrainAccuracy: 0.99 }); // only the networks that fit their data
 */
/** What sharpnessAtCheckpoints accepts: sharpness's options, the steps and minTrainAccuracy. */
export const CheckpointSharpnessOptionsSchema = Type.Object(
  {
    ...SharpnessOptionsSchema.properties,
    steps: Type.Optional(Type.Array(Type.Integer({ minimum: 0 }), { description: "Checkpoints to measure. Default: all of the folder's." })),
    minTrainAccuracy: Type.Optional(
      Type.Number({
        minimum: 0,
        maximum: 1,
        description: "Measure only the checkpoints whose logged training accuracy is at least this (networks that fit their training set); the others, unevaluated steps included, are skipped. Default: none.",
      }),
    ),
  },
  { additionalProperties: false },
);

export function sharpnessAtCheckpoints(folder: RunFolder, dataset: Dataset, options: CheckpointSharpnessOptions = {}): CheckpointSharpness[] {
  validateOptions(CheckpointSharpnessOptionsSchema, options, "sharpnessAtCheckpoints");
  const { steps: wanted, minTrainAccuracy, ...sharpnessOptions } = options;
  const records = folder.records;
  const fits = (step: number) => minTrainAccuracy === undefined || (records.find((r) => r.step === step)?.trainAccuracy ?? -1) >= minTrainAccuracy;
  const steps = folder.checkpointStepsFor("sharpnessAtCheckpoints", wanted).filter(fits);
  const model = folder.model();
  try {
    return steps.map((step) => {
      folder.loadWeights(model, step);
      const record = records.find((r) => r.step === step);
      const s = sharpness(model, dataset, sharpnessOptions);
      return {
        step, phi: s.phi, resolution: s.resolution, belowResolution: s.belowResolution,
        valAccuracy: record?.valAccuracy ?? null, trainLoss: record?.trainLoss ?? null, trainAccuracy: record?.trainAccuracy ?? null,
      };
    });
  } finally {
    model.dispose();
  }
}
