/**
 * The noise comparison as the claims ledger reads it (notebook 07's saved finding): for the
 * control (the paper's own minibatches, no added noise) and each noise kind, the step from which
 * validation accuracy stayed ≥ 99% (null: censored) and the last logged validation accuracy (the
 * evidence that remains when every run is censored), each the median over the role's seeds (steps
 * as seedSummary takes it: null once half the seeds or more are censored). Each noise kind also
 * gets the control's medians over that kind's own seeds (`${kind}ControlSteps`, `${kind}ControlFinal`),
 * so that a kind trained on fewer seeds than the control is compared seed for seed (every seed of a
 * kind needs its control run).
 */
import { LogRecord } from "../logs/LogRecord";
import { seedSummary } from "../analysis/statistics/seedSummary";

/** The noise kinds compared with the control, in the ledger's order. */
export const NOISE_KINDS = ["smallerBatch", "weightNoise", "gradientNoise"] as const;
export type NoiseKind = (typeof NOISE_KINDS)[number];

/** The finding's value names: each role's steps and final accuracy, and each kind's paired control. */
export type NoiseValueName = `${"control" | NoiseKind}${"Steps" | "Final"}` | `${NoiseKind}Control${"Steps" | "Final"}`;
export type NoiseValues = { [K in NoiseValueName]: number | null };

/** What one run contributes (a sweep's run as runSweepLive or readSweep return it): its steps to 99% (null if censored), its log and its seed (default 0). */
export interface NoiseRun {
  events: { generalisation: number | null };
  records: LogRecord[];
  seed?: number;
}

/** The value names of the finding: `${role}Steps` and `${role}Final` for the control and each kind, and `${kind}ControlSteps`, `${kind}ControlFinal` for each kind. */
export function noiseValueNames(): NoiseValueName[] {
  return [
    ...["control", ...NOISE_KINDS].flatMap((role) => [`${role}Steps`, `${role}Final`]),
    ...NOISE_KINDS.flatMap((kind) => [`${kind}ControlSteps`, `${kind}ControlFinal`]),
  ] as NoiseValueName[];
}

/**
 * @example
 * noiseFindingValues({ control: [seed0, seed1], smallerBatch: [seed0, seed1], weightNoise: run, gradientNoise: run }); // runs of runSweepLive, with their seeds
 * // { controlSteps: 3890, controlFinal: 0.997, smallerBatchSteps: null, …, weightNoiseControlSteps: 3981 (seed 0's control), … }
 */
export function noiseFindingValues(runs: Partial<Record<string, NoiseRun | NoiseRun[]>>): NoiseValues {
  const values = {} as NoiseValues;
  const of = (role: string): NoiseRun[] => {
    const given = runs[role];
    const seeds = given === undefined ? [] : Array.isArray(given) ? given : [given];
    if (seeds.length === 0) throw new Error(`noiseFindingValues: expected a run (or one a seed) for "${role}" (the control and each of ${NOISE_KINDS.join(", ")}); received none`);
    for (const run of seeds) {
      if (run.records.length === 0) throw new Error(`noiseFindingValues: a "${role}" run has an empty log; expected at least one evaluation`);
    }
    return seeds;
  };
  const steps = (rs: NoiseRun[]) => seedSummary(rs.map((run) => run.events.generalisation)).median;
  // Final accuracies are never censored, so seedSummary's median is the plain one.
  const final = (rs: NoiseRun[]) => seedSummary(rs.map((run) => run.records.at(-1)!.valAccuracy)).median;
  const control = of("control");
  values.controlSteps = steps(control);
  values.controlFinal = final(control);
  for (const kind of NOISE_KINDS) {
    const mine = of(kind);
    const seeds = new Set(mine.map((run) => run.seed ?? 0));
    const controlSeeds = new Set(control.map((run) => run.seed ?? 0));
    const unpaired = [...seeds].filter((seed) => !controlSeeds.has(seed));
    if (unpaired.length) throw new Error(`noiseFindingValues: expected a control run for each seed of "${kind}" (${[...seeds].join(", ")}); received none for seed ${unpaired.join(", ")} (the control's seeds: ${[...controlSeeds].join(", ")})`);
    const paired = control.filter((run) => seeds.has(run.seed ?? 0));
    values[`${kind}Steps`] = steps(mine);
    values[`${kind}Final`] = final(mine);
    values[`${kind}ControlSteps`] = steps(paired);
    values[`${kind}ControlFinal`] = final(paired);
  }
  return values;
}
