/**
 * How much of a measure's fall had happened by a given step: of the fall of log10(value) from the
 * step `from` to the last value, the share already done at step `at` (values at the nearest
 * measured step at or before each). Used to ask whether a progress measure (the restricted loss)
 * moves before validation accuracy does (Nanda et al.'s circuit formation) or with it.
 */

/**
 * @returns a share in [0, 1] (clamped: a measure that rose first counts as 0), or null when it did not fall
 * @example
 * shareOfFallBefore([100, 200, 300], [1, 0.1, 0.01], 100, 200); // 0.5: one decade of two
 */
export function shareOfFallBefore(steps: number[], values: number[], from: number, at: number): number | null {
  if (steps.length !== values.length || steps.length < 2) {
    throw new Error(`shareOfFallBefore: steps and values must be two or more measurements of the same length; received ${steps.length} steps and ${values.length} values`);
  }
  if (values.some((v) => !(v > 0) || !Number.isFinite(v))) throw new Error(`shareOfFallBefore: values must be positive finite numbers (a log scale); received ${values.find((v) => !(v > 0) || !Number.isFinite(v))}`);
  const upTo = (step: number) => {
    let i = -1;
    for (let j = 0; j < steps.length; j++) if (steps[j] <= step) i = j;
    return i < 0 ? 0 : i;
  };
  const start = Math.log10(values[upTo(from)]);
  const end = Math.log10(values[values.length - 1]);
  if (!(start > end)) return null;
  const done = start - Math.log10(values[upTo(at)]);
  return Math.min(1, Math.max(0, done / (start - end)));
}
