/**
 * A verdict from an interval, not from a point: a claim that predicts a sign ("flatter networks
 * generalise better": ρ(φ, validation accuracy) < 0) is supported only when the whole interval is
 * on that side of zero, not supported when the whole interval is on the other side (zero included),
 * and inconclusive when it straddles zero, however the point estimate falls. No interval (too few
 * units, or nothing varied) is "not testable here".
 */
import type { Verdict } from "./LedgerRow";

/**
 * @param interval the low and high ends (null: not measured)
 * @param expected the sign the claim predicts
 * @example
 * intervalVerdict({ low: -0.9, high: -0.4 }, "negative"); // "supported"
 * intervalVerdict({ low: -0.9, high: 0.2 }, "negative");  // "inconclusive"
 */
export function intervalVerdict(interval: { low: number | null; high: number | null }, expected: "negative" | "positive"): Verdict {
  const { low, high } = interval;
  if (low === null || high === null) return "not testable here";
  if (!(low <= high)) throw new Error(`intervalVerdict: expected low ≤ high; received low ${low}, high ${high}`);
  const [inside, outside] = expected === "negative" ? [high < 0, low >= 0] : [low > 0, high <= 0];
  return inside ? "supported" : outside ? "not supported" : "inconclusive";
}
