/**
 * The micro-grokking table (issue 12): for each intervention, over its seeds, the steps and wall
 * seconds until validation accuracy stays ≥ 95% and ≥ 99% (grokkingSteps, `sustain` evaluations
 * in a row), median and range, with censored runs counted as such; and the speed-up of the median
 * steps to 99% against the tuned baseline: the best, by that median, of the `baselines` (the same
 * optimizer over a learning-rate and weight-decay grid).
 */
import { LogRecord } from "../../logs/LogRecord";
import { grokkingSteps } from "../events/grokkingSteps";
import { SeedSummary, seedSummary } from "../statistics/seedSummary";
import { Static, Type } from "@sinclair/typebox";
import { resolveOptions } from "../../config/resolve";
import { Defaulted } from "../../config/Resolved";

export interface InterventionRun {
  /** The intervention's name (a sweep's `variant`). */
  intervention: string;
  seed: number;
  records: LogRecord[];
  /** Why the run failed, if it did (its seed then counts as not reached, and the row says so). */
  error?: string | null;
  /** Training before the run's log started (pre-training, pretrainSummary): its seconds count in seconds99, its steps are summarised apart. */
  before?: { steps: number; seconds: number } | null;
}

export interface InterventionRow {
  intervention: string;
  steps95: SeedSummary;
  steps99: SeedSummary;
  /** Wall seconds to 99%, including any training before the log (`before`). */
  seconds99: SeedSummary;
  /** Steps trained before the log (pre-training) over the seeds; null when no run of this row had any. */
  beforeSteps: SeedSummary | null;
  /** Tuned baseline's median steps to 99% over this one's; null when either is censored. */
  speedUp: number | null;
  /** Whether this row is the tuned baseline. */
  baseline: boolean;
  /** The distinct errors of its failed runs. */
  errors: string[];
}

export type InterventionTableOptions = Static<typeof InterventionTableOptionsSchema>;

/**
 * @example
 * interventionTable(runs, { baselines: ["AdamW lr 1e-3", "AdamW lr 3e-3"] });
 */
/** What interventionTable accepts. */
export const InterventionTableOptionsSchema = Type.Object(
  {
    baselines: Type.Array(Type.String(), { minItems: 1, description: "The interventions that make up the baseline grid (e.g. plain AdamW at several lr and wd)." }),
    sustain: Defaulted(Type.Integer({ minimum: 1, default: 3, description: "Evaluations in a row above the threshold." })),
  },
  { additionalProperties: false },
);

export function interventionTable(runs: InterventionRun[], options: InterventionTableOptions): InterventionRow[] {
  const { sustain } = resolveOptions(InterventionTableOptionsSchema, options, "interventionTable");
  const names = [...new Set(runs.map((r) => r.intervention))];
  const missing = options.baselines.filter((b) => !names.includes(b));
  if (missing.length) throw new Error(`interventionTable: baselines ${missing.map((m) => `"${m}"`).join(", ")} are not among the runs' interventions (${names.join(", ")})`);
  const rows = names.map((intervention) => {
    const mine = runs.filter((r) => r.intervention === intervention);
    const at = (threshold: number) => mine.map((r) => grokkingSteps(r.records, { threshold, sustain }).generalisation);
    const steps99 = at(0.99);
    const seconds99 = mine.map((r, i) => {
      const wall = steps99[i] === null ? undefined : r.records.find((x) => x.step === steps99[i])?.wallTime;
      return wall === undefined ? null : wall + (r.before?.seconds ?? 0);
    });
    const errors = [...new Set(mine.map((r) => r.error).filter((e): e is string => !!e))];
    const beforeSteps = mine.some((r) => r.before) ? seedSummary(mine.map((r) => r.before?.steps ?? 0)) : null;
    return { intervention, steps95: seedSummary(at(0.95)), steps99: seedSummary(steps99), seconds99: seedSummary(seconds99), beforeSteps, speedUp: null as number | null, baseline: false, errors };
  });
  const candidates = rows.filter((r) => options.baselines.includes(r.intervention) && r.steps99.median !== null);
  const best = candidates.sort((a, b) => a.steps99.median! - b.steps99.median!)[0];
  for (const row of rows) {
    row.baseline = row === best;
    row.speedUp = best && row.steps99.median !== null ? best.steps99.median! / row.steps99.median : null;
  }
  return rows;
}

/** Median steps to a level over seeds, pre-training steps included: Infinity when censored (for sorting). */
export function totalSteps(r: InterventionRow, at: "steps95" | "steps99" = "steps99"): number {
  return r[at].median === null ? Infinity : r[at].median! + (r.beforeSteps?.median ?? 0);
}
