/**
 * When to evaluate: log-spaced steps (so a 10⁵-step run still has detail at 10, 100 and 1,000
 * steps) plus every `every` steps, plus step 0 and the last step. The schedule comes resolved
 * (train.evaluation of a resolved train config): its defaults live in the schema only.
 */
import { ResolvedEvaluationSchedule } from "../specs/EvaluationSchedule";

/**
 * True when step `step` (number of updates done) of a run of `total` steps is evaluated.
 * @example
 * isEvaluationStep(13, 10_000, { every: 100, perDecade: 10 }); // true (10^1.1 ≈ 12.6 → 13)
 */
export function isEvaluationStep(step: number, total: number, schedule: ResolvedEvaluationSchedule): boolean {
  const { every, perDecade } = schedule;
  if (step === 0 || step === total) return true;
  if (every > 0 && step % every === 0) return true;
  if (perDecade > 0) {
    const k = Math.round(perDecade * Math.log10(step));
    return Math.round(Math.pow(10, k / perDecade)) === step;
  }
  return false;
}
