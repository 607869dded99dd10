/**
 * Nanda et al.'s (2023) three phases of grokking, with boundaries measured on a run's log:
 * - memorisation, from step 0 until training accuracy stays ≥ 99% (grokkingEvents.memorisation);
 * - circuit formation, until validation accuracy begins its rise (the start of grokkingEvents'
 *   transition): the generalising circuit forms while test performance still looks memorised;
 * - cleanup, until validation loss has fallen to within `factor` of its final value and stays
 *   there: weight decay removes the memorising components, test loss falls sharply.
 * Nanda et al. report 0–1.4k, 1.4k–9.4k and 9.4k–14k epochs for p = 113, 30%, full batch. A boundary
 * that the log does not reach is null; cleanup's end is null too when it falls in the log's last
 * `tail` share (the loss may still be falling there).
 */
import { LogRecord } from "../../logs/LogRecord";
import { grokkingEvents } from "./grokkingEvents";
import { Type } from "@sinclair/typebox";
import { validateOptions } from "../../config/validateConfig";

export interface NandaPhases {
  memorisationEnd: number | null;
  circuitFormationEnd: number | null;
  cleanupEnd: number | null;
  lastStep: number;
}

/**
 * @example
 * nandaPhases(runLog("runs/nanda").records); // { memorisationEnd: 1400, circuitFormationEnd: 9400, cleanupEnd: 14000, lastStep: 20000 }
 */
/** What nandaPhases accepts. */
export const NandaPhasesOptionsSchema = Type.Object(
  { factor: Type.Optional(Type.Number({ exclusiveMinimum: 1 })), tail: Type.Optional(Type.Number({ minimum: 0, exclusiveMaximum: 1 })) },
  { additionalProperties: false },
);

export function nandaPhases(records: LogRecord[], options: { factor?: number; tail?: number } = {}): NandaPhases {
  validateOptions(NandaPhasesOptionsSchema, options, "nandaPhases");
  const { factor = 2, tail = 0.1 } = options;
  if (!Array.isArray(records) || records.length < 3) throw new Error(`nandaPhases: records must be a log of three or more evaluations; received ${Array.isArray(records) ? records.length : typeof records}`);
  const ev = grokkingEvents(records);
  const memorisationEnd = ev.memorisation;
  const circuitFormationEnd = ev.generalisation === null || memorisationEnd === null ? null : Math.max(memorisationEnd, ev.transition?.start ?? ev.generalisation);
  const logged = records.filter((r) => Number.isFinite(r.valLoss));
  const last = logged[logged.length - 1];
  let cleanupEnd: number | null = null;
  if (circuitFormationEnd !== null && last) {
    const bound = factor * last.valLoss;
    for (let i = logged.length - 1; i >= 0 && logged[i].valLoss <= bound; i--) cleanupEnd = logged[i].step;
    if (cleanupEnd !== null && cleanupEnd < circuitFormationEnd) cleanupEnd = circuitFormationEnd;
    if (cleanupEnd !== null && cleanupEnd > ev.lastStep - tail * ev.lastStep) cleanupEnd = null;
  }
  return { memorisationEnd, circuitFormationEnd, cleanupEnd, lastStep: ev.lastStep };
}
