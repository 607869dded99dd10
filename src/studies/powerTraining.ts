/**
 * Power et al.'s training recipe as notebooks 01, 05 and 07 run it: their transformer on a p-element
 * operation table, AdamW lr 10⁻³ with weight decay 1 and 10 warm-up steps, their minibatch
 * min(512, ⌈N/2⌉), and a run that stops once validation accuracy has held 99% for three evaluations.
 * A study varies it through its sweep's grid.
 */

export interface PowerTrainingParams {
  operation: "x/y" | "x+y" | "x-y";
  p: number;
  trainFraction: number;
  /** Steps a run may take. */
  budget: number;
  /** The fixed evaluation grid (the stopping rule reads it), and log-spaced evaluations a decade on top (0: none). */
  evaluateEvery: number;
  perDecade?: number;
}

/**
 * @example
 * runSweepLive({ base: powerTraining({ operation: "x/y", p: 97, trainFraction: 0.5, budget: 10000, evaluateEvery: 100 }), grid: { … } }, dir);
 */
export function powerTraining(params: PowerTrainingParams) {
  const { operation, p, trainFraction, budget, evaluateEvery, perDecade } = params;
  return {
    data: { operation, p, trainFraction, seed: 0 },
    model: { kind: "power" as const, seed: 0 },
    train: {
      steps: budget,
      batchSize: "power" as const,
      warmupSteps: 10,
      optimizer: { lr: 1e-3, weightDecay: 1 },
      evaluation: perDecade === undefined ? { every: evaluateEvery } : { every: evaluateEvery, perDecade },
      // Stop once validation accuracy holds 99% for three evaluations.
      stopAtValAccuracy: { valAccuracy: 0.99, patience: 3 },
    },
  };
}
