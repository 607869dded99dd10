/**
 * The runs of a sweep: every grid combination (first path slowest) times every explicit override,
 * each merged onto the base, named after its values, given its folder OUT/runs/<name>, and
 * validated as an experiment before anything runs.
 */
import { resolve } from "../config/resolve";
import { resolveExperiment, ResolvedExperiment } from "./resolveExperiment";
import { SweepConfigSchema } from "../specs/SweepConfig";
import { sweepFiles } from "../runs/runLayout";

export interface SweepRun {
  /** Folder name under OUT/runs: "weightDecay=1,seed=0". */
  name: string;
  /** The grid values and explicit override paths of this run, by dotted path; `variant`: an override's name. */
  values: Record<string, unknown>;
  config: ResolvedExperiment;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** `target` with `patch` merged in (objects merged key by key, everything else replaced; an object of another `kind` replaces). */
function merge(target: unknown, patch: unknown): unknown {
  if (!isObject(target) || !isObject(patch)) return structuredClone(patch);
  if ("kind" in patch && patch.kind !== target.kind) return structuredClone(patch);
  const out: Record<string, unknown> = structuredClone(target);
  for (const [k, v] of Object.entries(patch)) out[k] = merge(out[k], v);
  return out;
}

/** { "a.b": 1 } as { a: { b: 1 } }. */
function nested(dotted: string, value: unknown): Record<string, unknown> {
  return dotted.split(".").reduceRight<unknown>((inner, key) => ({ [key]: inner }), value) as Record<string, unknown>;
}

/** The leaf paths of an override, for naming: { train: { seed: 1 } } → { "train.seed": 1 }. */
function leaves(v: Record<string, unknown>, at = ""): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(v).flatMap(([k, x]) => (isObject(x) ? Object.entries(leaves(x, `${at}${k}.`)) : [[`${at}${k}`, x]])),
  );
}

/** A value as it reads in a folder name: characters that are not safe in paths or shells are %-escaped ("x/y" → "x%2Fy"). */
const short = (v: unknown) =>
  (typeof v === "string" ? v : JSON.stringify(v)).replace(/[\/\\:*?"<>|'`$&;%\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);

/**
 * A run's folder name as people read it: the %-escapes of its values undone ("AdamW%20lr%201e-3" → "AdamW lr 1e-3").
 * @example
 * readableRunName("seed=0,operation=x%2Fy"); // "seed=0,operation=x/y"
 */
export function readableRunName(name: string): string {
  return name.replace(/%([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The runs of each resolved sweep, by output folder: a sweep is expanded (and its runs resolved) once. */
const expansions = new WeakMap<object, Map<string, SweepRun[]>>();

/**
 * @example
 * expandSweep({ base, grid: { "train.optimizer.weightDecay": [0, 1], "data.seed": [0, 1] } }, "sweeps/wd");
 * // 4 runs: "weightDecay=0,seed=0", "weightDecay=0,seed=1", …
 */
export function expandSweep(input: unknown, out: string): SweepRun[] {
  const sweep = resolve(SweepConfigSchema, input, "sweep");
  const known = expansions.get(sweep)?.get(out);
  if (known) return known;
  if (isObject(sweep.base.run) && "dir" in sweep.base.run) {
    throw new Error(`sweep: invalid config:\n  base.run.dir: expected nothing (each run's folder is OUT/runs/<name>); received ${JSON.stringify(sweep.base.run.dir)}`);
  }
  let points: Record<string, unknown>[] = [{}];
  for (const [p, values] of Object.entries(sweep.grid ?? {})) {
    points = points.flatMap((point) => values.map((v) => ({ ...point, [p]: v })));
  }
  const overrides = sweep.configs ?? [{}];
  const runs: SweepRun[] = [];
  const names = new Set<string>();
  const errors: string[] = [];
  points.forEach((point) =>
    overrides.forEach((override, i) => {
      const { name: given, ...patch } = override;
      const values: Record<string, unknown> = { ...point, ...leaves(patch) };
      if (typeof given === "string") values.variant = given;
      const label = (vs: Record<string, unknown>) => {
        const paths = Object.keys(vs);
        const lasts = new Set(paths.map((p) => p.split(".").at(-1)!));
        const key = (p: string) => (lasts.size === paths.length ? p.split(".").at(-1)! : p); // the whole path when last names clash
        return Object.entries(vs).map(([p, v]) => `${key(p)}=${short(v)}`).join(",");
      };
      const parts = [label(point), typeof given === "string" ? short(given) : label(leaves(patch))].filter((x) => x !== "");
      let name = parts.join(",") || (sweep.configs ? `config-${i}` : "run");
      if (names.has(name)) name = `${name}#${runs.length}`;
      names.add(name);
      let config: unknown = structuredClone(sweep.base);
      for (const [p, v] of Object.entries(point)) config = merge(config, nested(p, v));
      config = merge(config, patch);
      config = merge(config, { run: { dir: sweepFiles(out).runOf(name) } });
      try {
        runs.push({ name, values, config: resolveExperiment(config, { owner: `sweep run "${name}"` }) });
      } catch (err) {
        errors.push((err as Error).message);
      }
    }),
  );
  if (errors.length) throw new Error(errors.slice(0, 5).join("\n") + (errors.length > 5 ? `\n… and ${errors.length - 5} more runs` : ""));
  if (!expansions.has(sweep)) expansions.set(sweep, new Map());
  expansions.get(sweep)!.set(out, runs);
  return runs;
}
