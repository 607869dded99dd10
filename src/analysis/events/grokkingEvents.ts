/**
 * The events of a grokking run, measured from its log: memorisation and generalisation steps
 * (grokkingSteps), their delay and ratio, the transition window (the steepest rise of validation
 * accuracy against log10(step)), a censored flag when validation never got there, and drops after
 * grokking: a fall of at least `dropSize` below the best accuracy so far, called a "slingshot" when
 * accuracy recovers to θ later in the log and "ungrokking" when it does not.
 */
import { LogRecord } from "../../logs/LogRecord";
import { grokkingSteps, GrokkingSteps, GrokkingStepsOptionsSchema } from "./grokkingSteps";
import { Static, Type } from "@sinclair/typebox";
import { resolveOptions } from "../../config/resolve";
import { Defaulted } from "../../config/Resolved";

/** What grokkingEvents accepts (grokkingSteps's options, smoothing and dropSize). */
export const GrokkingEventsOptionsSchema = Type.Object(
  {
    ...GrokkingStepsOptionsSchema.properties,
    smoothing: Defaulted(Type.Integer({ minimum: 1, default: 3, description: "Moving-average window (evaluations) applied to validation accuracy before the slope." })),
    dropSize: Defaulted(Type.Number({ exclusiveMinimum: 0, maximum: 1, default: 0.1, description: "Size of a fall that counts as a drop." })),
  },
  { additionalProperties: false },
);

export type GrokkingEventsOptions = Static<typeof GrokkingEventsOptionsSchema>;

export interface Drop {
  metric: "trainAccuracy" | "valAccuracy";
  step: number;
  from: number;
  to: number;
  kind: "slingshot" | "ungrokking";
}

export interface GrokkingEvents extends GrokkingSteps {
  /** generalisation / memorisation, when both happened. */
  ratio: number | null;
  /** True when validation accuracy never reached θ: generalisation is censored at lastStep. */
  censored: boolean;
  /** Steps where smoothed validation accuracy rose from 10% to 90% of its rise, around the steepest point. */
  transition: { start: number; end: number; steepestStep: number; slopePerDecade: number } | null;
  drops: Drop[];
}

function movingAverage(values: number[], window: number): number[] {
  return values.map((_, i) => {
    const from = Math.max(0, i - window + 1);
    const part = values.slice(from, i + 1);
    return part.reduce((a, b) => a + b, 0) / part.length;
  });
}

function findDrops(records: LogRecord[], metric: Drop["metric"], after: number | null, threshold: number, dropSize: number): Drop[] {
  if (after === null) return [];
  const drops: Drop[] = [];
  let best = -Infinity;
  let inDrop = false;
  records.forEach((r, i) => {
    const v = r[metric];
    if (r.step < after || Number.isNaN(v)) return; // not logged at this step (sparse logs)
    if (!inDrop && v <= best - dropSize) {
      inDrop = true;
      const recovered = records.slice(i + 1).some((later) => later[metric] >= threshold); // NaN ≥ θ is false
      drops.push({ metric, step: r.step, from: best, to: v, kind: recovered ? "slingshot" : "ungrokking" });
    }
    if (inDrop && v >= threshold) inDrop = false;
    if (inDrop) drops[drops.length - 1].to = Math.min(drops[drops.length - 1].to, v);
    best = Math.max(best, v);
  });
  return drops;
}

/**
 * @example
 * const ev = grokkingEvents(readLog("runs/a/log.jsonl").records);
 * ev.transition; // { start: 900, end: 1300, steepestStep: 1100, slopePerDecade: 3.2 }
 */
export function grokkingEvents(records: LogRecord[], options: GrokkingEventsOptions = {}): GrokkingEvents {
  const { smoothing, dropSize, threshold, sustain } = resolveOptions(GrokkingEventsOptionsSchema, options, "grokkingEvents");
  const steps = grokkingSteps(records, { threshold, ...(sustain === undefined ? {} : { sustain }) });
  const logged = records.filter((r) => r.step > 0 && !Number.isNaN(r.valAccuracy));
  const acc = movingAverage(logged.map((r) => r.valAccuracy), smoothing);
  const x = logged.map((r) => Math.log10(r.step));
  let transition: GrokkingEvents["transition"] = null;
  let steepest = -1;
  let slope = 0;
  for (let i = 1; i < logged.length; i++) {
    const s = (acc[i] - acc[i - 1]) / (x[i] - x[i - 1]);
    if (s > slope) [slope, steepest] = [s, i];
  }
  if (steepest > 0) {
    const lo = Math.min(...acc.slice(0, steepest));
    const hi = Math.max(...acc.slice(steepest));
    let start = steepest - 1;
    while (start > 0 && acc[start - 1] < acc[start] && acc[start] > lo + 0.1 * (hi - lo)) start--;
    let end = steepest;
    while (end < acc.length - 1 && acc[end] < lo + 0.9 * (hi - lo)) end++;
    transition = { start: logged[start].step, end: logged[end].step, steepestStep: logged[steepest].step, slopePerDecade: slope };
  }
  return {
    ...steps,
    ratio: steps.memorisation && steps.generalisation !== null ? steps.generalisation / steps.memorisation : null,
    censored: steps.generalisation === null,
    transition,
    drops: [
      ...findDrops(records, "valAccuracy", steps.generalisation, threshold, dropSize),
      ...findDrops(records, "trainAccuracy", steps.memorisation, threshold, dropSize),
    ].sort((a, b) => a.step - b.step),
  };
}
