/**
 * The numbers of a grokking curve that the claims ledger reads (Power et al.'s Fig. 1 and the
 * synthesis's phases): the events (grokkingEvents), validation accuracy when training memorised
 * against chance (1/p), and the weight norm at memorisation, at the start of the transition and at
 * the end. Each "at" value is the first evaluation at or after that step.
 */
import { LogRecord } from "../../logs/LogRecord";
import { grokkingEvents, GrokkingEventsOptions } from "./grokkingEvents";

export interface GrokkingSummary {
  memorisation: number | null;
  generalisation: number | null;
  transitionStart: number | null;
  transitionEnd: number | null;
  lastStep: number;
  /** 1 / number of classes. */
  chance: number;
  valAtMemorisation: number | null;
  normAtMemorisation: number | null;
  /** At the transition's start, or at generalisation when no transition was found. */
  normAtTransition: number | null;
  normAtEnd: number | null;
}

function at(records: LogRecord[], step: number | null, key: "valAccuracy" | "weightNorm"): number | null {
  if (step === null) return null;
  const r = records.find((x) => x.step >= step && Number.isFinite(x[key]));
  return r ? r[key] : null;
}

/**
 * @param classes the number of answers (p for Z_p): chance accuracy is 1/classes
 * @example
 * const s = grokkingSummary(records, 97);
 * s.valAtMemorisation; // 0.012: at chance (0.0103) when training accuracy reached 99%
 */
export function grokkingSummary(records: LogRecord[], classes: number, options: GrokkingEventsOptions = {}): GrokkingSummary {
  if (!Array.isArray(records) || records.length === 0) throw new Error(`grokkingSummary: records must be a non-empty log; received ${Array.isArray(records) ? "no records" : typeof records}`);
  if (!Number.isInteger(classes) || classes < 2) throw new Error(`grokkingSummary: classes must be an integer ≥ 2 (p); received ${classes}`);
  const ev = grokkingEvents(records, options);
  const transitionStart = ev.generalisation === null ? null : (ev.transition?.start ?? null);
  const last = [...records].reverse().find((r) => Number.isFinite(r.weightNorm));
  return {
    memorisation: ev.memorisation,
    generalisation: ev.generalisation,
    transitionStart,
    transitionEnd: ev.generalisation === null ? null : (ev.transition?.end ?? null),
    lastStep: ev.lastStep,
    chance: 1 / classes,
    valAtMemorisation: at(records, ev.memorisation, "valAccuracy"),
    normAtMemorisation: at(records, ev.memorisation, "weightNorm"),
    normAtTransition: at(records, transitionStart ?? ev.generalisation, "weightNorm"),
    normAtEnd: last ? last.weightNorm : null,
  };
}
