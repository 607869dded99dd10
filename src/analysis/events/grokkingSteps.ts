/**
 * Memorisation and generalisation steps of a run (Power et al. 2022, Fig. 1): the first
 * evaluation from which train (validation) accuracy stays ≥ θ for `sustain` evaluations.
 * A run whose validation never gets there is censored: `generalisation` is null.
 */
import { LogRecord } from "../../logs/LogRecord";
import { Static, Type } from "@sinclair/typebox";
import { resolveOptions } from "../../config/resolve";
import { Defaulted } from "../../config/Resolved";

export interface GrokkingSteps {
  /** First step of a sustained train accuracy ≥ threshold, or null. */
  memorisation: number | null;
  /** First step of a sustained validation accuracy ≥ threshold, or null (not grokked in budget). */
  generalisation: number | null;
  /** generalisation − memorisation, when both happened. */
  delay: number | null;
  /** Last step logged: the budget a censored run had. */
  lastStep: number;
}

/** What grokkingSteps accepts: unknown options, strings and values out of range are refused. */
export const GrokkingStepsOptionsSchema = Type.Object(
  {
    threshold: Defaulted(Type.Number({ exclusiveMinimum: 0, maximum: 1, default: 0.99, description: "Accuracy that counts as learned." })),
    sustain: Defaulted(Type.Integer({ minimum: 1, default: 3, description: "Evaluations in a row that must stay above it (fewer if the log ends)." })),
  },
  { additionalProperties: false },
);

export type GrokkingStepsOptions = Static<typeof GrokkingStepsOptionsSchema>;

/**
 * Step of the first run of `sustain` records with value(r) ≥ threshold (a run cut by the log's end
 * counts), among the records where the metric was logged: a sparse log (train and validation on
 * different steps, as PyTorch Lightning writes them) has NaN for the other metric, which neither
 * breaks nor extends a streak.
 */
export function firstSustained(all: LogRecord[], value: (r: LogRecord) => number, threshold: number, sustain: number): number | null {
  const records = all.filter((r) => !Number.isNaN(value(r)));
  for (let i = 0; i < records.length; i++) {
    let j = i;
    while (j < records.length && j - i < sustain && value(records[j]) >= threshold) j++;
    if (j - i === sustain || (j === records.length && j > i)) return records[i].step;
  }
  return null;
}

/**
 * @example
 * grokkingSteps(records); // { memorisation: 300, generalisation: 2600, delay: 2300, lastStep: 3000 }
 */
export function grokkingSteps(records: LogRecord[], options: GrokkingStepsOptions = {}): GrokkingSteps {
  const { threshold, sustain } = resolveOptions(GrokkingStepsOptionsSchema, options, "grokkingSteps");
  const memorisation = firstSustained(records, (r) => r.trainAccuracy, threshold, sustain);
  const generalisation = firstSustained(records, (r) => r.valAccuracy, threshold, sustain);
  return {
    memorisation,
    generalisation,
    delay: memorisation !== null && generalisation !== null ? generalisation - memorisation : null,
    lastStep: records.length ? records[records.length - 1].step : 0,
  };
}
