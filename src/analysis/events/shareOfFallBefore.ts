/**
 * How much of a measure's fall had happened by a given step: of the fall from the step `from` to the
 * last value, the share already done at step `at` (values at the nearest measured step at or before
 * each), on the linear scale of the value or (`scale: "log"`) of log10(value). Used to ask whether a
 * progress measure (the restricted loss) moves before validation accuracy does (Nanda et al.'s
 * circuit formation) or with it. The linear share is the loss as it is; on the log scale the decades
 * a loss keeps falling after grokking (10⁻³ → 10⁻⁸) outweigh the fall from chance, so read it beside.
 */

/**
 * @returns a share in [0, 1] (clamped: a measure that rose first counts as 0), or null when it did not fall
 * @example
 * shareOfFallBefore([100, 200, 300], [1, 0.1, 0.01], 100, 200); // 0.5: one decade of two
 */
export function shareOfFallBefore(steps: number[], values: number[], from: number, at: number, scale: "linear" | "log" = "log"): number | null {
  if (steps.length !== values.length || steps.length < 2) {
    throw new Error(`shareOfFallBefore: steps and values must be two or more measurements of the same length; received ${steps.length} steps and ${values.length} values`);
  }
  if (scale === "log" && values.some((v) => !(v > 0) || !Number.isFinite(v))) throw new Error(`shareOfFallBefore: values must be positive finite numbers (a log scale); received ${values.find((v) => !(v > 0) || !Number.isFinite(v))}`);
  const upTo = (step: number) => {
    let i = -1;
    for (let j = 0; j < steps.length; j++) if (steps[j] <= step) i = j;
    return i < 0 ? 0 : i;
  };
  if (scale === "linear" && values.some((v) => !Number.isFinite(v))) throw new Error(`shareOfFallBefore: values must be finite numbers; received ${values.find((v) => !Number.isFinite(v))}`);
  const f = scale === "log" ? Math.log10 : (v: number) => v;
  const start = f(values[upTo(from)]);
  const end = f(values[values.length - 1]);
  if (!(start > end)) return null;
  const done = start - f(values[upTo(at)]);
  return Math.min(1, Math.max(0, done / (start - end)));
}
