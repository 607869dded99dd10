/**
 * A quantity over seeds where some seeds may never get there (a censored run: null): the median
 * counting "never" as +∞, so that it is null once half the seeds or more never got there, and the
 * range of the seeds that did.
 */

/** Median and range over seeds; `median` is null when half the seeds or more never got there. */
export interface SeedSummary {
  median: number | null;
  min: number | null;
  max: number | null;
  /** Seeds that got there, of all. */
  reached: number;
  seeds: number;
}

/**
 * @example
 * seedSummary([300, null, 500]); // { median: 500, min: 300, max: 500, reached: 2, seeds: 3 }
 * seedSummary([300, null, null]); // median null: most seeds never got there
 */
export function seedSummary(values: (number | null)[]): SeedSummary {
  if (values.length === 0) throw new Error("seedSummary: expected at least one seed's value, received none");
  const reached = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  const all = [...reached, ...Array<number>(values.length - reached.length).fill(Infinity)];
  const mid = all.length % 2 ? all[(all.length - 1) / 2] : (all[all.length / 2 - 1] + all[all.length / 2]) / 2;
  return {
    median: Number.isFinite(mid) ? mid : null,
    min: reached[0] ?? null,
    max: reached.at(-1) ?? null,
    reached: reached.length,
    seeds: values.length,
  };
}
