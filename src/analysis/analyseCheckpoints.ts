/**
 * Every checkpoint of a run folder analysed in one call (the per-checkpoint loop of a training-log
 * analysis): the model is rebuilt from config.json once and loaded at each checkpoint; each is
 * analysed with analyseModel on the frequencies of the final state (Nanda et al. follow the final
 * key frequencies through training), and gives a table row, the slider's frame (spectrum and PCA
 * of the residue embedding) and the progress-measure series.
 */
import { Dataset } from "../data/makeDataset";
import { RunFolder } from "../runs/RunFolder";
import { analyseModel, ModelAnalysis } from "./analyseModel";
import { pca } from "./geometry/pca";
import { Type } from "@sinclair/typebox";
import { validateOptions } from "../config/validateConfig";

/** One frame of the checkpoint slider (plots/checkpointSlider): a checkpoint's spectrum and residue projection. */
export interface CheckpointSnapshot {
  step: number;
  /** Fourier norms per frequency (fourierNorms). */
  spectrum: number[];
  /** [p][2] projection of the residues (PCA or circleCoordinates). */
  points: number[][];
}

export interface CheckpointsAnalysis {
  /** Key frequencies of the last checkpoint, used for every restricted/excluded loss. */
  keys: number[];
  steps: number[];
  /** analyseModel of each checkpoint, in step order. */
  analyses: ModelAnalysis[];
  /** One row per checkpoint: step, validation accuracy, key frequencies, single-frequency neurons, losses. */
  table: Record<string, unknown>[];
  /** The checkpoint slider's frames. */
  snapshots: CheckpointSnapshot[];
}

/**
 * @example
 * const c = analyseCheckpoints(RunFolder.open("runs/nanda"), dataset);
 * await show(c.table); await show(checkpointSlider(records, c.snapshots));
 */
/** What analyseCheckpoints accepts. */
export const AnalyseCheckpointsOptionsSchema = Type.Object({ steps: Type.Optional(Type.Array(Type.Integer({ minimum: 0 }))) }, { additionalProperties: false });

export function analyseCheckpoints(folder: RunFolder, dataset: Dataset, options: { steps?: number[] } = {}): CheckpointsAnalysis {
  validateOptions(AnalyseCheckpointsOptionsSchema, options, "analyseCheckpoints");
  const steps = folder.checkpointStepsFor("analyseCheckpoints", options.steps);
  if (steps.length === 0) throw new Error(`analyseCheckpoints: "${folder.dir}" holds no checkpoint`);
  const records = folder.records;
  const model = folder.model();
  try {
    const keys = analyseModel(model, dataset).keys;
    const analyses = steps.map((step) => {
      folder.loadWeights(model, step);
      return analyseModel(model, dataset, { keys });
    });
    const table = analyses.map((m, i) => ({
      step: steps[i],
      valAccuracy: records.find((r) => r.step === steps[i])?.valAccuracy ?? null,
      keyFrequencies: m.keys.join(" "),
      singleFrequencyNeurons: m.neurons.shareAbove,
      restrictedLoss: m.loss.restricted,
      excludedLoss: m.loss.excluded,
      trainLoss: m.loss.fullTrain,
    }));
    const snapshots = analyses.map((m, i) => ({ step: steps[i], spectrum: m.norms, points: pca(m.embedding, 2).points }));
    return { keys, steps, analyses, table, snapshots };
  } finally {
    model.dispose();
  }
}
