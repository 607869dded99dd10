/**
 * The one rule for "the same config" of a run folder: two configs are the same when they differ
 * nowhere but in run.dir (where a folder lies is not part of its experiment: a moved folder
 * resumes). Resuming a run folder and taking over a sweep's runs both ask it; the callers compare
 * configs as resolved by the same groklab version, so defaults cannot make two equal ones differ.
 */

/** The dotted paths where two JSON values differ (for "resume needs the same config"). */
function differences(a: unknown, b: unknown, at = ""): string[] {
  if (a && b && typeof a === "object" && typeof b === "object" && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((k) => differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], at ? `${at}.${k}` : k));
  }
  // A field absent on one side and null on the other is unset on both: a folder written before an
  // option existed (e.g. data.relabel) holds the run that option's null (off) describes.
  if ((a === undefined && b === null) || (a === null && b === undefined)) return [];
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [`${at || "(the whole config)"}: ${JSON.stringify(a)} in the folder, ${JSON.stringify(b)} now`];
}

/** A config without `run.dir`: where a folder lies is not part of its experiment (a moved folder resumes). */
function withoutDir(config: unknown): unknown {
  const c = config as { run?: { dir?: unknown } } | null;
  if (!c?.run || typeof c.run !== "object") return config;
  const { dir: _dir, ...run } = c.run;
  return { ...c, run };
}

/**
 * Where `saved` (the folder's) and `now` differ, as "path: <saved> in the folder, <now> now"; empty when they are the same.
 * @example
 * configDifferences({ train: { steps: 10 }, run: { dir: "a" } }, { train: { steps: 20 }, run: { dir: "b" } });
 * // ["train.steps: 10 in the folder, 20 now"]
 */
export function configDifferences(saved: unknown, now: unknown): string[] {
  return differences(withoutDir(saved), withoutDir(now));
}
