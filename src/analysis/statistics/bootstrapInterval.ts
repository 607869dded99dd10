/**
 * A percentile bootstrap interval of a statistic over independent units (runs, not the checkpoints
 * of one run): the units resampled with replacement, the statistic of each resample, and the
 * quantiles (1 − level)/2 and (1 + level)/2 of those. Seeded, so a notebook's interval is the same
 * on every run of it. With few units the interval is wide, as it should be; with one unit it is the
 * point itself, and says nothing.
 */
import { Random } from "../../data/random";

export interface Interval {
  /** The statistic of the units themselves. */
  estimate: number;
  low: number;
  high: number;
  level: number;
  /** How many units it rests on. */
  n: number;
}

/** The median of a sample (the mean of the middle two for an even count). */
export function median(values: number[]): number {
  if (values.length === 0) throw new Error("median: expected at least one value; received none");
  const s = [...values].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}

/** The q-quantile of sorted values, linearly interpolated (numpy's default). */
export function quantile(sorted: number[], q: number): number {
  const at = q * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

/**
 * @param values one value a unit (a run's steps to grok, its final φ, …)
 * @example
 * bootstrapInterval([3890, 4100, 3650, 5200, 4010]); // { estimate: 4010, low: 3650, high: 5200, level: 0.95, n: 5 } (roughly)
 */
export function bootstrapInterval(
  values: number[],
  options: { statistic?: (sample: number[]) => number; level?: number; resamples?: number; seed?: number } = {},
): Interval {
  const { statistic = median, level = 0.95, resamples = 10000, seed = 0 } = options;
  if (values.length === 0 || values.some((v) => !Number.isFinite(v))) {
    throw new Error(`bootstrapInterval: values must be finite numbers, at least one; received ${JSON.stringify(values.slice(0, 5))}${values.length > 5 ? "…" : ""}`);
  }
  if (!(level > 0 && level < 1)) throw new Error(`bootstrapInterval: level must be in (0, 1); received ${level}`);
  if (!Number.isInteger(resamples) || resamples < 100) throw new Error(`bootstrapInterval: resamples must be an integer ≥ 100; received ${resamples}`);
  const random = new Random(seed);
  const n = values.length;
  const stats = Array.from({ length: resamples }, () => statistic(Array.from({ length: n }, () => values[random.int(n)]))).sort((a, b) => a - b);
  return { estimate: statistic(values), low: quantile(stats, (1 - level) / 2), high: quantile(stats, (1 + level) / 2), level, n };
}
