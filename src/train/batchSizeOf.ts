/**
 * The minibatch size a training config's `batchSize` means for a training set of `trainSize`
 * pairs: "full" is all of them, "power" Power et al.'s min(512, ⌈N/2⌉), a number at most N (a
 * larger one is refused: clipping it silently left config.json saying a batch the run never used).
 */
export function batchSizeOf(batchSize: "full" | "power" | number, trainSize: number): number {
  if (!(Number.isInteger(trainSize) && trainSize >= 1)) throw new Error(`batchSizeOf: trainSize must be a positive integer, received ${trainSize}`);
  if (batchSize === "full") return trainSize;
  if (batchSize === "power") return Math.min(512, Math.ceil(trainSize / 2));
  if (!(Number.isInteger(batchSize) && batchSize >= 1)) throw new Error(`batchSizeOf: batchSize must be "full", "power" or a positive integer, received ${JSON.stringify(batchSize)}`);
  if (batchSize > trainSize) {
    throw new Error(`batchSizeOf: batchSize must be at most the ${trainSize} training pairs, or "full" for all of them; received ${batchSize}`);
  }
  return batchSize;
}
