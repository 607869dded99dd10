/**
 * A rough upper estimate of the memory an experiment needs, to refuse sizes that cannot fit before
 * anything is written: parameters with their gradient and AdamW state (and a Grokfast filter's),
 * plus the activations alive at the peak — a training step keeps every activation of its batch
 * for the backward pass, and an evaluation runs the model on a whole split at once.
 * Counts are float32 elements per example, per model kind (context 3 for Nanda's "a b =",
 * 5 for Power's "<eos> a op b =").
 */
import { numPairsOf } from "../data/makeDataset";
import { batchSizeOf } from "../train/batchSizeOf";
import { ExperimentConfig } from "../specs/ExperimentConfig";

export interface MemoryEstimate {
  /** Total bytes. */
  bytes: number;
  parameters: number;
  /** Bytes of parameters, gradients and optimizer/filter state. */
  stateBytes: number;
  /** Bytes of the activations at the peak (the larger of a training step and an evaluation). */
  activationBytes: number;
  /** What the peak is: "a training step of B pairs" or "an evaluation of N pairs". */
  peak: string;
}

type Resolved = ExperimentConfig & { model: { numClasses: number } };

function sizes(config: Resolved): { parameters: number; perExample: number } {
  const m = config.model;
  const c = m.numClasses;
  switch (m.kind) {
    case "mlp": {
      const w = m.width!;
      return { parameters: 3 * c * w, perExample: 4 * w + 4 * c };
    }
    case "nanda": {
      const [d, h, dh, f, ctx] = [m.dModel!, m.heads!, m.dHead!, m.dMlp!, 3];
      return { parameters: (c + 1 + ctx) * d + 4 * h * d * dh + 2 * d * f + f + d + d * c, perExample: ctx * (30 * d + 5 * f + 8 * h * ctx) + 4 * c };
    }
    case "power": {
      const [L, d, h, f, ctx] = [m.layers!, m.dModel!, m.heads!, m.dFF!, 5];
      return { parameters: (c + 3) * d + L * (4 * d * d + 2 * d * f + 4 * d) + d * c, perExample: L * ctx * (36 * d + 5 * f + 8 * h * ctx) + 4 * ctx * d + 4 * c };
    }
  }
}

/**
 * @example
 * estimateMemory(resolveExperiment(config)).bytes; // about 60 MB for the MLP on p = 97
 */
export function estimateMemory(config: Resolved): MemoryEstimate {
  const { parameters, perExample } = sizes(config);
  const filter = config.train.gradientFilter;
  const filterSlots = !filter ? 0 : filter.kind === "ema" ? 1 : filter.window!;
  const stateBytes = 4 * parameters * (4 + filterSlots);
  const pairs = numPairsOf(config.data);
  const trainPairs = Math.floor(config.data.trainFraction! * pairs);
  const batch = batchSizeOf(config.train.batchSize!, trainPairs);
  const largestSplit = Math.max(trainPairs, pairs - trainPairs);
  const trainBytes = 4 * 2 * batch * perExample; // activations and their gradients
  const evalBytes = 4 * largestSplit * perExample;
  const activationBytes = Math.max(trainBytes, evalBytes);
  const peak = trainBytes >= evalBytes ? `a training step of ${batch} pairs` : `an evaluation of ${largestSplit} pairs`;
  return { bytes: stateBytes + activationBytes + 16 * pairs, parameters, stateBytes, activationBytes, peak };
}
