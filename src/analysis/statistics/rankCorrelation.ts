/**
 * Spearman's ρ between two measures of independent units (networks that differ in seed, one value
 * each), with the uncertainty that design allows: a percentile bootstrap interval over the units
 * (pairs resampled together; a resample whose values are all tied has no ρ and counts as 0, which
 * only widens the interval towards no correlation) and a two-sided permutation p-value (one
 * measure shuffled against the other: every ordering when n! ≤ 20,000, else a seeded sample, the
 * observed ordering counted, so p is never below 1 / (orderings compared)). The t-approximation's p
 * of `spearman` assumes what this one tests. Units must be independent: never the checkpoints of
 * one run.
 */
import { Random } from "../../data/random";
import { quantile } from "./bootstrapInterval";
import { checkRankInputs, pearson, ranks } from "./spearman";

export interface RankCorrelation {
  rho: number;
  /** The bootstrap interval of ρ at `level`. */
  low: number;
  high: number;
  level: number;
  pValue: number;
  /** Orderings the p-value compared, and whether that was all of them. */
  orderings: number;
  exact: boolean;
  n: number;
}

/** Every ordering of [0, n) (Heap's algorithm), as index arrays. */
function* orderingsOf(n: number): Generator<number[]> {
  const a = Array.from({ length: n }, (_, i) => i);
  const c = new Array(n).fill(0);
  yield [...a];
  let i = 0;
  while (i < n) {
    if (c[i] < i) {
      const j = i % 2 === 0 ? 0 : c[i];
      [a[j], a[i]] = [a[i], a[j]];
      yield [...a];
      c[i]++;
      i = 0;
    } else {
      c[i] = 0;
      i++;
    }
  }
}

const factorial = (n: number) => Array.from({ length: n }, (_, i) => i + 1).reduce((p, v) => p * v, 1);

/**
 * @param xs, ys one value a unit each (φ and validation accuracy of the same network)
 * @example
 * rankCorrelation([1, 2, 3, 4], [1, 3, 2, 4]); // { rho: 0.8, pValue: 0.333 (8 of the 24 orderings), exact: true, … }
 */
export function rankCorrelation(xs: number[], ys: number[], options: { level?: number; resamples?: number; seed?: number } = {}): RankCorrelation {
  const { level = 0.95, resamples = 10000, seed = 0 } = options;
  checkRankInputs("rankCorrelation", xs, ys);
  if (!(level > 0 && level < 1)) throw new Error(`rankCorrelation: level must be in (0, 1); received ${level}`);
  if (!Number.isInteger(resamples) || resamples < 100) throw new Error(`rankCorrelation: resamples must be an integer ≥ 100; received ${resamples}`);
  const n = xs.length;
  const rx = ranks(xs);
  const ry = ranks(ys);
  const rho = pearson(rx, ry);
  const random = new Random(seed);
  // The interval: units resampled with their pairs; an all-tied resample counts as ρ = 0.
  const boot = Array.from({ length: resamples }, () => {
    const idx = Array.from({ length: n }, () => random.int(n));
    const r = pearson(ranks(idx.map((i) => xs[i])), ranks(idx.map((i) => ys[i])));
    return Number.isFinite(r) ? r : 0;
  }).sort((a, b) => a - b);
  // The p-value: y's ranks reordered against x's; as extreme when |ρ| is at least the observed (float ties allowed).
  const extreme = (r: number) => Math.abs(r) >= Math.abs(rho) - 1e-12;
  let count = 0;
  let orderings: number;
  const exact = factorial(n) <= 20000;
  if (exact) {
    orderings = 0;
    for (const order of orderingsOf(n)) {
      orderings++;
      if (extreme(pearson(rx, order.map((i) => ry[i])))) count++;
    }
  } else {
    count = 1;
    for (let s = 0; s < resamples; s++) if (extreme(pearson(rx, random.shuffle([...ry])))) count++;
    orderings = resamples + 1;
  }
  return { rho, low: quantile(boot, (1 - level) / 2), high: quantile(boot, (1 + level) / 2), level, pValue: count / orderings, orderings, exact, n };
}
