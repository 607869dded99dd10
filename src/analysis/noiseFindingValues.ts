/**
 * The noise comparison as the claims ledger reads it (notebook 07's saved finding): for the
 * control (the paper's own minibatches, no added noise) and each noise kind, the step from which
 * validation accuracy stayed ≥ 99% (null: censored) and the last logged validation accuracy (the
 * evidence that remains when every run is censored), each the median over the role's seeds (steps
 * as seedSummary takes it: null once half the seeds or more are censored).
 */
import { LogRecord } from "../logs/LogRecord";
import { seedSummary } from "./seedSummary";

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
 * noiseFindingValues({ control: [seed0, seed1], smallerBatch: [seed0, seed1], weightNoise: run, gradientNoise: run }); // runs of runSweepLive
 * // { controlSteps: 3890, controlFinal: 0.997, smallerBatchSteps: null, smallerBatchFinal: 0.41, … }
 */
export function noiseFindingValues(runs: Partial<Record<string, NoiseRun | NoiseRun[]>>): Record<string, number | null> {
  const values: Record<string, number | null> = {};
  for (const role of ["control", ...NOISE_KINDS] as const) {
    const given = runs[role];
    const seeds = given === undefined ? [] : Array.isArray(given) ? given : [given];
    if (seeds.length === 0) throw new Error(`noiseFindingValues: expected a run (or one a seed) for "${role}" (the control and each of ${NOISE_KINDS.join(", ")}); received none`);
    const finals = seeds.map((run) => {
      const last = run.records.at(-1);
      if (!last) throw new Error(`noiseFindingValues: a "${role}" run has an empty log; expected at least one evaluation`);
      return last.valAccuracy;
    });
    values[`${role}Steps`] = seedSummary(seeds.map((run) => run.events.generalisation)).median;
    values[`${role}Final`] = median(finals);
  }
  return values;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
