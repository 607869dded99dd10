/**
 * A typed pointer to one saved finding: the notebook that saves it, its id, and every value name
 * its type declares (checked complete against the type where the ref is made). The claims ledger
 * reads findings through refs only, so a rule reads values whose names and types the saving study
 * declares, and a saved finding that lacks one of them is refused, not read as missing numbers.
 */
import type { Finding, NotebookFindings } from "./Finding";

/** A finding's values: numbers, null where a run was censored or a measure undefined (any interface of such fields). */
export type FindingValues<V = Record<string, number | null>> = { [K in keyof V]: number | null };

export interface FindingRef<V extends FindingValues<V>> {
  notebook: string;
  id: string;
  /** Every value name of V. */
  names: (keyof V & string)[];
}

/**
 * @param names every value name of V, each `true` (the type checks that none is missing or extra)
 * @example
 * const fig1 = findingRef<GrokkingCurvesFindings>("01-grokking-curves", "fig1", { p: true, chance: true, … });
 */
export function findingRef<V extends FindingValues<V>>(notebook: string, id: string, names: { [K in keyof V & string]: true }): FindingRef<V> {
  return { notebook, id, names: Object.keys(names) as (keyof V & string)[] };
}

/** What reading a ref gives: the finding and its typed values, or why not. */
export type ReadFinding<V extends FindingValues<V>> =
  | { state: "read"; finding: Finding; values: V }
  | { state: "missing" }
  | { state: "lacking"; finding: Finding; names: string[] };

/**
 * The finding a ref points to in a mode's findings (loadFindings): missing when the notebook did not
 * save it, lacking when it holds no value (not even null) for a name the type declares.
 * @example
 * const r = readFinding(loadFindings(), fig1); if (r.state === "read") r.values.memorisation;
 */
export function readFinding<V extends FindingValues<V>>(found: Record<string, NotebookFindings>, ref: FindingRef<V>): ReadFinding<V> {
  const finding = found[ref.notebook]?.findings[ref.id];
  if (finding === undefined) return { state: "missing" };
  const values: Record<string, unknown> = finding.values ?? {};
  const lacking = ref.names.filter((n) => !(n in values) || (values[n] !== null && typeof values[n] !== "number"));
  if (lacking.length) return { state: "lacking", finding, names: lacking };
  return { state: "read", finding, values: values as V };
}
