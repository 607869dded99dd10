/**
 * The four learning phases of Liu et al. 2022 ("Towards understanding grokking", §5): for one run,
 * - confusion: training accuracy never reaches θ;
 * - memorisation: training does, validation never does (within the budget);
 * - grokking: validation gets there, but at least `ratio` times later than training;
 * - comprehension: validation follows training closely (less than `ratio` times later).
 */
import { GrokkingSteps } from "./grokkingSteps";

export type Phase = "comprehension" | "grokking" | "memorisation" | "confusion";

/**
 * @param steps grokkingSteps of the run
 * @param ratio how much later generalisation must come to count as grokking. Default 2.
 * @example
 * classifyPhase(grokkingSteps(records)); // "grokking"
 */
export function classifyPhase(steps: GrokkingSteps, ratio = 2): Phase {
  if (!(ratio >= 1)) throw new Error(`classifyPhase: ratio must be ≥ 1; received ${ratio}`);
  if (steps.memorisation === null) return steps.generalisation === null ? "confusion" : "comprehension";
  if (steps.generalisation === null) return "memorisation";
  return steps.generalisation >= ratio * Math.max(steps.memorisation, 1) ? "grokking" : "comprehension";
}
