/**
 * Notebook 07's study, Power et al.'s §3.3 ("noise is beneficial for generalization"): their
 * transformer on x/y mod p with the paper's minibatches (the control) beside a smaller minibatch,
 * Gaussian noise on the weights and on the gradients, each the same run otherwise, with extra seeds
 * for the control and the smaller minibatch. Parameters in (quick, full and paper presets); the runs
 * (a sweep shown live, resumable), the figures' data, tables and typed findings out.
 */
import { forMode, NotebookMode } from "../config/notebookMode";
import { numPairsOf } from "../data/makeDataset";
import { batchSizeOf } from "../train/batchSizeOf";
import { Finding } from "../analysis/ledger/Finding";
import { findingRef } from "../analysis/ledger/FindingRef";
import { noiseFindingValues, NoiseRun, noiseValueNames, NoiseValues } from "./noiseFindingValues";
import { LogRecord } from "../logs/LogRecord";
import { runSweepLive } from "../live/runSweepLive";
import { powerTraining } from "./powerTraining";

export interface NoiseParams {
  p: number;
  operation: "x/y" | "x+y" | "x-y";
  budget: number;
  /** Standard deviation of the Gaussian noise on weights or gradients. */
  noiseStd: number;
  decays: number[];
  /** Seeds besides 0 for the control and the smaller minibatch. */
  extraSeeds: number[];
  evaluateEvery: number;
  /** Paper mode's extra variants (full batch, minibatch 32), compared but not read by the ledger. */
  extraVariants: boolean;
  /** The sweep's folder, e.g. "../runs/07-noise-full". */
  dir: string;
}

/** The settings of each mode: quick (CI), full (the main command) and paper (10⁵ steps, weight decay 0 too, more seeds and variants). */
export function noisePreset(mode: NotebookMode, runsDir = "../runs"): NoiseParams {
  return {
    p: forMode(mode, { quick: 11, full: 97 }),
    operation: "x/y",
    budget: forMode(mode, { quick: 300, full: 6000, paper: 100000 }),
    noiseStd: 1e-3,
    decays: forMode(mode, { quick: [1], full: [1], paper: [1, 0] }),
    extraSeeds: forMode(mode, { quick: [1], full: [1], paper: [1, 2] }),
    evaluateEvery: forMode(mode, { quick: 20, full: 100, paper: 500 }),
    extraVariants: mode === "paper",
    dir: `${runsDir}/07-noise-${mode}`,
  };
}

/** The part a variant plays: the control, one of the ledger's noise kinds, or none (paper mode's extras). */
export type NoiseRole = "control" | "smallerBatch" | "weightNoise" | "gradientNoise" | "";

/** One variant of the sweep: its name (the sweep's variant), role, seed and what it changes. */
export interface NoiseVariant {
  name: string;
  role: NoiseRole;
  seed: number;
  train?: Record<string, unknown>;
  model?: { seed: number };
}

/** The control's minibatch (Power et al.'s min(512, ⌈N/2⌉)) and a quarter of it. */
export function noiseBatches(params: NoiseParams): { control: number; small: number } {
  const control = batchSizeOf("power", Math.floor(0.5 * numPairsOf({ operation: params.operation, p: params.p })));
  return { control, small: Math.max(1, Math.round(control / 4)) };
}

/** The sweep's variants: every kind at seed 0, and the control and the smaller minibatch at each extra seed. */
export function noiseVariants(params: NoiseParams): NoiseVariant[] {
  const { control, small } = noiseBatches(params);
  const kinds: Omit<NoiseVariant, "seed">[] = [
    { name: `minibatch ${control} (control)`, role: "control" },
    { name: `minibatch ${small}`, role: "smallerBatch", train: { batchSize: small } },
    { name: "weight noise", role: "weightNoise", train: { noise: { on: "weights", std: params.noiseStd } } },
    { name: "gradient noise", role: "gradientNoise", train: { noise: { on: "gradients", std: params.noiseStd } } },
    ...(params.extraVariants
      ? [
          { name: "full batch", role: "" as const, train: { batchSize: "full" } },
          { name: "minibatch 32", role: "" as const, train: { batchSize: 32 } },
        ]
      : []),
  ];
  return [
    ...kinds.map((v) => ({ ...v, seed: 0 })),
    ...params.extraSeeds.flatMap((seed) =>
      kinds.filter((v) => v.role === "control" || v.role === "smallerBatch").map((v) => ({ ...v, name: `${v.name}, seed ${seed}`, seed, model: { seed } })),
    ),
  ];
}

/** The sweep: the base experiment, a grid over weight decay and the variants. */
export function noiseSweep(params: NoiseParams) {
  return {
    base: powerTraining({ ...params, trainFraction: 0.5 }),
    grid: { "train.optimizer.weightDecay": params.decays },
    configs: noiseVariants(params).map(({ role, seed, ...v }) => v),
  };
}

/** What the summary reads of a run: its variant, weight decay, events and log. */
export interface NoisePoint extends NoiseRun {
  variant: NoiseVariant;
  weightDecay: number;
  events: { generalisation: number | null; memorisation: number | null };
  records: LogRecord[];
}

/** Where notebook 07 saves its findings, as the claims ledger reads them. */
export const noiseRefs = {
  notebook: "07-noise",
  noise: findingRef<NoiseValues>("07-noise", "noise", Object.fromEntries(noiseValueNames().map((n) => [n, true])) as { [K in keyof NoiseValues]: true }),
};

export interface NoiseSummary {
  /** Per weight decay, the runs' validation curves for compareRuns. */
  curves: { weightDecay: number; runs: { name: string; records: LogRecord[] }[] }[];
  runTable: Record<string, string | number>[];
  /** Each noise variant beside the control of the same weight decay and seed. */
  comparison: Record<string, string | number>[];
  /** The ledger's values (noiseFindingValues), at weight decay 1. */
  findings: NoiseValues;
  saved: Record<string, Finding>;
}

/** Curves, tables and findings of the runs (pure). */
export function summariseNoise(params: NoiseParams, runs: NoisePoint[]): NoiseSummary {
  const last = (r: NoisePoint) => r.records[r.records.length - 1].valAccuracy.toFixed(3);
  const curves = params.decays.map((weightDecay) => ({
    weightDecay,
    runs: runs.filter((r) => r.weightDecay === weightDecay).map((r) => ({ name: r.variant.name, records: r.records })),
  }));
  const runTable = runs.map((r) => ({
    weightDecay: r.weightDecay,
    variant: r.variant.name,
    seed: r.variant.seed,
    trainAt99: r.events.memorisation ?? "never",
    valAt99: r.events.generalisation ?? `not within ${params.budget}`,
    finalValAccuracy: last(r),
  }));
  const controlOf = (r: NoisePoint) => runs.find((c) => c.variant.role === "control" && c.weightDecay === r.weightDecay && c.variant.seed === r.variant.seed);
  const comparison = runs
    .filter((r) => r.variant.role !== "control")
    .map((r) => {
      const control = controlOf(r);
      return {
        variant: r.variant.name,
        weightDecay: r.weightDecay,
        seed: r.variant.seed,
        "Power et al.": "beneficial (§3.3, Fig. 2)",
        "steps to 99%": r.events.generalisation ?? "censored",
        "control, same wd and seed": control?.events.generalisation ?? "censored",
        "final validation accuracy (control)": `${last(r)} (${control ? last(control) : "no control"})`,
      };
    });
  // Each noise kind against the control over the kind's own seeds, at weight decay 1.
  const atOne = runs.filter((r) => r.weightDecay === 1);
  const byRole = Object.fromEntries(
    (["control", "smallerBatch", "weightNoise", "gradientNoise"] as const).map((role) => [role, atOne.filter((r) => r.variant.role === role).map((r) => ({ ...r, seed: r.variant.seed }))]),
  );
  const findings = noiseFindingValues(byRole);
  const saved: Record<string, Finding> = {
    [noiseRefs.noise.id]: {
      text:
        `Power's transformer, ${params.operation} mod ${params.p}, 50%, weight decay 1, budget ${params.budget}, the ledger's values the median over each role's seeds ` +
        `(each noise kind against the control over the same seeds): steps to 99% validation (final validation accuracy) ` +
        atOne.map((r) => `${r.variant.name} ${r.events.generalisation ?? "censored"} (${last(r)})`).join("; "),
      values: findings,
      section: "The control and the noise variants",
    },
  };
  return { curves, runTable, comparison, findings, saved };
}

/**
 * Runs (or reads back) the sweep, shown live, and summarises it.
 * @example
 * const study = await gl.noise(gl.noisePreset(gl.notebookMode()));
 * await gl.show(study.comparison);
 */
export async function noise(params: NoiseParams): Promise<NoiseSummary & { params: NoiseParams; runs: NoisePoint[] }> {
  const variants = noiseVariants(params);
  const live = await runSweepLive(noiseSweep(params), params.dir, { title: "noise: validation (solid) and training (dotted) accuracy" });
  const runs = live.map((r) => {
    const variant = variants.find((v) => v.name === r.row.variant);
    if (!variant) throw new Error(`noise: the run "${r.name}" has variant ${JSON.stringify(r.row.variant)}, none of this study's (${variants.map((v) => v.name).join(", ")})`);
    return { ...r, variant, weightDecay: r.row["train.optimizer.weightDecay"] as number };
  });
  return { params, runs, ...summariseNoise(params, runs) };
}
