/**
 * interventionTable's rows as a notebook table: "median (min–max)" over seeds, censored seeds
 * counted ("censored (1/3 reached)" when half or more never got there), the speed-up against the
 * tuned baseline, the pre-training's steps where there was one, and failures.
 */
import { InterventionRow } from "../analysis/ledger/interventionTable";
import { SeedSummary } from "../analysis/statistics/seedSummary";

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

/** The row of one intervention; a name not in the table is an error listing the names there are. */
export function interventionRow(rows: InterventionRow[], name: string): InterventionRow {
  const row = rows.find((r) => r.intervention === name);
  if (!row) throw new Error(`interventionRow: no intervention "${name}" in the table; it has ${rows.map((r) => `"${r.intervention}"`).join(", ")}`);
  return row;
}

/** The median steps, or "censored (reached/seeds)". */
export function formatMedianSteps(r: InterventionRow, at: "steps95" | "steps99"): string {
  return r[at].median === null ? `censored (${r[at].reached}/${r[at].seeds})` : String(r[at].median);
}

/**
 * "median vs base median (speed-up×)" of two interventions of one table.
 * @example
 * formatVersus(rows, "Muon", "AdamW lr 1e-3", "steps99"); // "450 vs AdamW lr 1e-3 800 (1.78×)"
 */
export function formatVersus(rows: InterventionRow[], name: string, base: string, at: "steps95" | "steps99"): string {
  const a = interventionRow(rows, name);
  const b = interventionRow(rows, base);
  const ratio = a[at].median !== null && b[at].median !== null ? ` (${(b[at].median! / a[at].median!).toFixed(2)}×)` : "";
  return `${formatMedianSteps(a, at)} vs ${base} ${formatMedianSteps(b, at)}${ratio}`;
}
