/**
 * interventionTable's rows as a notebook table: "median (min–max)" over seeds, censored seeds
 * counted ("censored (1/3 reached)" when half or more never got there), the speed-up against the
 * tuned baseline, the pre-training's steps where there was one, and failures.
 */
import { InterventionRow, SeedSummary } from "../analysis/interventionTable";

/** "median (min–max)", with the censored seeds counted. */
export function formatSeedSummary(s: SeedSummary, digits = 0): string {
  if (s.median === null) return `censored (${s.reached}/${s.seeds} reached)`;
  const range = s.min === s.max ? s.median.toFixed(digits) : `${s.median.toFixed(digits)} (${s.min!.toFixed(digits)}–${s.max!.toFixed(digits)})`;
  return s.reached < s.seeds ? `${range}, ${s.seeds - s.reached} censored` : range;
}

/**
 * @example
 * await show(formatInterventionTable(interventionTable(runs, { baselines })));
 */
export function formatInterventionTable(rows: InterventionRow[]): Record<string, string>[] {
  const withBefore = rows.some((r) => r.beforeSteps);
  return rows.map((r) => ({
    intervention: r.intervention + (r.baseline ? " (tuned baseline)" : ""),
    "steps to 95%": formatSeedSummary(r.steps95),
    "steps to 99%": formatSeedSummary(r.steps99),
    ...(withBefore ? { "pre-training steps": r.beforeSteps ? formatSeedSummary(r.beforeSteps) : "—" } : {}),
    "seconds to 99%": formatSeedSummary(r.seconds99, 1),
    "speed-up": r.speedUp === null ? "—" : `${r.speedUp.toFixed(2)}×`,
    failed: r.errors.join("; ") || "—",
  }));
}
