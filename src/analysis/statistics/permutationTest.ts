/**
 * A two-sided permutation test between two groups of independent units (runs): the difference of a
 * statistic (the median by default) between the groups, against its distribution over every way of
 * relabelling the units (all of them when there are at most 20,000 ways, else a seeded sample). The
 * p-value counts the observed labelling among those at least as extreme, so it is never below
 * 1 / (number of labellings): three runs against three can give no p below 0.05 (1/20 × 2 sides).
 */
import { Random } from "../../data/random";
import { median } from "./bootstrapInterval";

export interface PermutationTest {
  /** statistic(a) − statistic(b). */
  difference: number;
  pValue: number;
  /** Labellings compared, and whether that was all of them. */
  labellings: number;
  exact: boolean;
}

function binomial(n: number, k: number): number {
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return Math.round(c);
}

/** Every k-subset of [0, n), as index arrays. */
function* subsets(n: number, k: number, start = 0, chosen: number[] = []): Generator<number[]> {
  if (chosen.length === k) {
    yield chosen;
    return;
  }
  for (let i = start; i <= n - (k - chosen.length); i++) yield* subsets(n, k, i + 1, [...chosen, i]);
}

/**
 * @example
 * permutationTest([3000, 3200, 2900], [5100, 4800, 5600]); // { difference: −1900, pValue: 0.1, labellings: 20, exact: true }
 */
export function permutationTest(
  a: number[],
  b: number[],
  options: { statistic?: (sample: number[]) => number; samples?: number; seed?: number } = {},
): PermutationTest {
  const { statistic = median, samples = 20000, seed = 0 } = options;
  for (const [name, g] of [["a", a], ["b", b]] as const) {
    if (g.length === 0 || g.some((v) => !Number.isFinite(v))) throw new Error(`permutationTest: group ${name} must hold finite numbers, at least one; received ${JSON.stringify(g)}`);
  }
  const all = [...a, ...b];
  const n = all.length;
  const k = a.length;
  const observed = statistic(a) - statistic(b);
  const diff = (inA: number[]) => {
    const mask = new Set(inA);
    return statistic(inA.map((i) => all[i])) - statistic(all.filter((_, i) => !mask.has(i)));
  };
  // A tolerance for ties in floating point: a labelling as extreme as the observed one counts.
  const extreme = (d: number) => Math.abs(d) >= Math.abs(observed) - 1e-12 * Math.max(1, Math.abs(observed));
  const total = binomial(n, k);
  if (total <= samples) {
    let count = 0;
    for (const s of subsets(n, k)) if (extreme(diff(s))) count++;
    return { difference: observed, pValue: count / total, labellings: total, exact: true };
  }
  const random = new Random(seed);
  let count = 1; // the observed labelling itself
  for (let s = 0; s < samples; s++) {
    const order = random.shuffle(Array.from({ length: n }, (_, i) => i));
    if (extreme(diff(order.slice(0, k)))) count++;
  }
  return { difference: observed, pValue: count / (samples + 1), labellings: samples + 1, exact: false };
}
