/**
 * The minibatch size a training config's `batchSize` means for a training set of `trainSize`
 * pairs: "full" is all of them, "power" Power et al.'s min(512, ⌈N/2⌉), a number at most N (a
 * larger one is refused: clipping it silently left config.json saying a batch the run never used).
 * The rule lives here once; resolveExperiment and train word it for their fields with batchSizeProblem.
 */

/**
 * Why `batchSize` cannot be used on `trainSize` training pairs, or null; `pairs` words them
 * ("the 60 training pairs (data.trainFraction 0.5 of 121)").
 */
export function batchSizeProblem(batchSize: "full" | "power" | number, trainSize: number, pairs = `the ${trainSize} training pairs`): string | null {
  if (typeof batchSize === "number" && batchSize > trainSize) return `expected at most ${pairs}, or "full"; received ${batchSize}`;
  return null;
}

export function batchSizeOf(batchSize: "full" | "power" | number, trainSize: number): number {
  if (!(Number.isInteger(trainSize) && trainSize >= 1)) throw new Error(`batchSizeOf: trainSize must be a positive integer, received ${trainSize}`);
  if (batchSize === "full") return trainSize;
  if (batchSize === "power") return Math.min(512, Math.ceil(trainSize / 2));
  if (!(Number.isInteger(batchSize) && batchSize >= 1)) throw new Error(`batchSizeOf: batchSize must be "full", "power" or a positive integer, received ${JSON.stringify(batchSize)}`);
  const problem = batchSizeProblem(batchSize, trainSize);
  if (problem) throw new Error(`batchSizeOf: batchSize: ${problem}`);
  return batchSize;
}
