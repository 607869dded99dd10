/**
 * When a run evaluates: every `every` steps plus log-spaced points.
 */
import { Static, Type } from "@sinclair/typebox";
import { Defaulted, Resolved } from "../config/Resolved";

/** Evaluation cadence (schema: type, validation and defaults). */
export const EvaluationScheduleSchema = Type.Object(
  {
    every: Defaulted(Type.Integer({ minimum: 0, default: 100, description: "Evaluate every this many steps (0: never on a fixed grid)." })),
    perDecade: Defaulted(Type.Integer({ minimum: 0, default: 10, description: "Log-spaced points per decade (0: none)." })),
  },
  { additionalProperties: false },
);
export type EvaluationSchedule = Static<typeof EvaluationScheduleSchema>;
/** EvaluationSchedule as `resolve` returns it: every default filled in. */
export type ResolvedEvaluationSchedule = Resolved<typeof EvaluationScheduleSchema>;
