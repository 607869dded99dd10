/**
 * The noise comparison as the claims ledger reads it (notebook 07's saved finding): for the
 * control (the paper's own minibatches, no added noise) and each noise kind, the step from which
 * validation accuracy stayed ≥ 99% (null: censored) and the last logged validation accuracy (the
 * evidence that remains when every run is censored).
 */
import { LogRecord } from "../logs/LogRecord";

/** The noise kinds compared with the control, in the ledger's order. */
export const NOISE_KINDS = ["smallerBatch", "weightNoise", "gradientNoise"] as const;
export type NoiseKind = (typeof NOISE_KINDS)[number];

/** What one run contributes (a sweep's run as runSweepLive or readSweep return it): its steps to 99% (null if censored) and its log. */
export interface NoiseRun {
  events: { generalisation: number | null };
  records: LogRecord[];
}

/** The value names of the finding: `${role}Steps` and `${role}Final` for the control and each kind. */
export function noiseValueNames(): string[] {
  return ["control", ...NOISE_KINDS].flatMap((role) => [`${role}Steps`, `${role}Final`]);
}

/**
 * @example
 * noiseFindingValues({ control: runs[0], smallerBatch: runs[1], weightNoise: runs[2], gradientNoise: runs[3] }); // runs of runSweepLive
 * // { controlSteps: 3800, controlFinal: 0.99, smallerBatchSteps: null, smallerBatchFinal: 0.41, … }
 */
export function noiseFindingValues(runs: Partial<Record<string, NoiseRun>>): Record<string, number | null> {
  const values: Record<string, number | null> = {};
  for (const role of ["control", ...NOISE_KINDS] as const) {
    const run = runs[role];
    if (!run) throw new Error(`noiseFindingValues: expected a run for "${role}" (the control and each of ${NOISE_KINDS.join(", ")}); received none`);
    const last = run.records.at(-1);
    if (!last) throw new Error(`noiseFindingValues: the "${role}" run has an empty log; expected at least one evaluation`);
    values[`${role}Steps`] = run.events.generalisation;
    values[`${role}Final`] = last.valAccuracy;
  }
  return values;
}
