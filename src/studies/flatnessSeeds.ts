/**
 * Notebook 06's second design, the one Power et al.'s number comes from: φ of networks of one setting
 * that differ only in seed, at one fixed step, against their validation accuracy. openai/grok's
 * scripts/compute_sharpness.py measures the checkpoints of seeds 0–19 of one setting (their
 * transformer, 2 layers, 4 heads, d 128, 70% of the pairs); the paper reports ρ = −0.79548
 * (p < 0.000014). Here each seed sets the split, the initial weights and the minibatches together,
 * as their seed did. The step is chosen from the validation accuracies alone (the evaluated
 * checkpoint where the seeds differ most: the largest interquartile range, the earliest on a tie),
 * before any φ is measured, so the choice cannot favour a correlation. The networks are runs, so
 * the ρ's interval (bootstrap over networks) and p (permutation) are honest; both φs are reported
 * (Keskar's maximised rise and openai/grok's minimised fall, `sharpness`), with ρ(φ, training loss)
 * beside them, since φ of a confident network scales with its loss. A second, separate number: the
 * correlation along training within each of the first runs, summarised over runs.
 */
import { forMode, NotebookMode } from "../config/notebookMode";
import { makeDataset } from "../data/makeDataset";
import { ResolvedExperimentConfig } from "../specs/ExperimentConfig";
import { RunFolder } from "../runs/RunFolder";
import { WatchedRun } from "../runs/readRuns";
import { sharpnessAtCheckpoints } from "../analysis/flatness/sharpnessAtCheckpoints";
import { rankCorrelation, RankCorrelation } from "../analysis/statistics/rankCorrelation";
import { bootstrapInterval, Interval, quantile } from "../analysis/statistics/bootstrapInterval";
import { Finding } from "../analysis/ledger/Finding";
import { findingRef } from "../analysis/ledger/FindingRef";
import { runSweepLive } from "../live/runSweepLive";
import { powerTraining } from "./powerTraining";

export interface FlatnessSeedsParams {
  /** The setting every seed trains (an experiment config without seeds and run folder; the sweep sets them and validates it). */
  experiment: Record<string, unknown>;
  /** What the setting is, in words, for captions and the comparison. */
  setting: string;
  seeds: number[];
  /** φ along training is measured in the first this many runs (0: none). */
  withinRuns: number;
  /** Only checkpoints with training accuracy at least this count along training (networks that fit their data). */
  minTrainAccuracy: number;
  subspaceSeed: number;
  /** The sweep's folder, e.g. "../runs/06-flatness-seeds-full". */
  dir: string;
}

/** The setting of each mode. full: a reduced scale (the embedding MLP, minutes); paper: openai/grok's own setting, 20 seeds. */
export function flatnessSeedsPreset(mode: NotebookMode, runsDir = "../runs"): FlatnessSeedsParams {
  const mlp = (p: number, width: number, steps: number, every: number, checkpointEvery: number) =>
    flatnessSeedsSetting({
      data: { operation: "x+y" as const, p, trainFraction: 0.5 },
      model: { kind: "mlp" as const, width },
      train: { steps, optimizer: { lr: 3e-3, weightDecay: 1 }, evaluation: { every } },
      checkpointEvery,
    });
  const power = flatnessSeedsSetting({ ...powerTraining({ operation: "x/y", p: 97, trainFraction: 0.7, budget: 10000, evaluateEvery: 100 }), checkpointEvery: 500 });
  return {
    experiment: forMode(mode, { quick: mlp(11, 32, 200, 10, 20), full: mlp(59, 256, 3000, 50, 100), paper: power }),
    setting: forMode(mode, {
      quick: "the embedding MLP, x+y mod 11, 50% of the pairs, width 32, AdamW lr 3·10⁻³, weight decay 1",
      full: "the embedding MLP, x+y mod 59, 50% of the pairs, width 256, AdamW lr 3·10⁻³, weight decay 1 (a reduced scale: Power's transformer is the paper mode's)",
      paper: "Power's transformer, x/y mod 97, 70% of the pairs, AdamW lr 10⁻³, weight decay 1 (openai/grok's setting for compute_sharpness)",
    }),
    seeds: forMode(mode, { quick: [0, 1, 2, 3, 4], full: Array.from({ length: 20 }, (_, i) => i), paper: Array.from({ length: 20 }, (_, i) => i) }),
    withinRuns: forMode(mode, { quick: 3, full: 5, paper: 5 }),
    minTrainAccuracy: 0.99,
    subspaceSeed: 1,
    dir: `${runsDir}/06-flatness-seeds-${mode}`,
  };
}

/** A setting as the sweep's base: checkpoints at every multiple of checkpointEvery that is evaluated, none log-spaced, none by the clock. */
export function flatnessSeedsSetting(setting: { train: Record<string, unknown>; checkpointEvery: number } & Record<string, unknown>): Record<string, unknown> {
  const { checkpointEvery, ...experiment } = setting;
  // No early stop: every seed trains to the same step, where the design compares them.
  const { stopAtValAccuracy: _, ...train } = setting.train;
  return { ...experiment, train, run: { checkpointEvery, checkpointsPerDecade: 0, checkpointEveryMinutes: 1e6 } };
}

/** The sweep: one run a seed, which sets the split, the initial weights and the minibatches. */
export function flatnessSeedsSweep(params: FlatnessSeedsParams) {
  return { base: params.experiment, configs: params.seeds.map((seed) => ({ name: `seed=${seed}`, data: { seed }, model: { seed }, train: { seed } })) };
}

/** One network of the design: a run at the chosen step. */
export interface SeedNetwork {
  seed: number;
  valAccuracy: number;
  trainLoss: number;
  /** Keskar's φ (maximised) and openai/grok's (minimised); belowResolution: not a measurement, never ranked. */
  phi: { value: number; belowResolution: boolean };
  phiMinimised: { value: number; belowResolution: boolean };
}

/** One run's φ along training: ρ(φ, validation accuracy) over its checkpoints that fit their data. */
export interface WithinRun {
  seed: number;
  rho: number | null;
  checkpoints: number;
}

/**
 * The evaluated checkpoint step where the runs' validation accuracies differ most (largest
 * interquartile range; the earliest on a tie), among the steps every run checkpointed and
 * evaluated. Validation accuracy alone decides (pure).
 * @example
 * chooseStep([[{ step: 100, valAccuracy: 0.1 }, …], …], [100, 200]); // 200
 */
export function chooseStep(runs: { step: number; valAccuracy?: number | null }[][], steps: number[]): { step: number; spread: number } {
  let best: { step: number; spread: number } | null = null;
  for (const step of [...steps].sort((a, b) => a - b)) {
    const accuracies = runs.map((records) => records.find((r) => r.step === step)?.valAccuracy);
    if (accuracies.some((a) => a === undefined || a === null)) continue;
    const sorted = (accuracies as number[]).sort((a, b) => a - b);
    const spread = quantile(sorted, 0.75) - quantile(sorted, 0.25);
    if (best === null || spread > best.spread + 1e-12) best = { step, spread };
  }
  if (best === null) throw new Error(`chooseStep: no step among ${steps.length} was checkpointed and evaluated in all ${runs.length} runs`);
  return best;
}

export interface FlatnessSeedsFindings {
  step: number;
  n: number;
  /** ρ(Keskar's φ, validation accuracy), its 95% interval and permutation p, over the networks whose φ is resolved. */
  rho: number | null;
  low: number | null;
  high: number | null;
  pValue: number | null;
  ranked: number;
  /** The same for openai/grok's minimised φ. */
  rhoMinimised: number | null;
  lowMinimised: number | null;
  highMinimised: number | null;
  pValueMinimised: number | null;
  rankedMinimised: number;
  /** ρ(Keskar's φ, training loss): what φ tracks. */
  rhoTrainLoss: number | null;
  /** Along training: the median over runs of each run's ρ(φ, validation accuracy), and its interval over runs. */
  withinMedian: number | null;
  withinLow: number | null;
  withinHigh: number | null;
  withinRuns: number;
}

/** Where notebook 06 saves the design's findings, as the claims ledger reads them. */
export const flatnessSeedsRefs = {
  notebook: "06-flatness",
  seeds: findingRef<FlatnessSeedsFindings>("06-flatness", "flatnessSeeds", {
    step: true, n: true, rho: true, low: true, high: true, pValue: true, ranked: true,
    rhoMinimised: true, lowMinimised: true, highMinimised: true, pValueMinimised: true, rankedMinimised: true,
    rhoTrainLoss: true, withinMedian: true, withinLow: true, withinHigh: true, withinRuns: true,
  }),
};

export interface FlatnessSeedsSummary {
  /** Each φ's correlation with validation accuracy over the resolved networks (null: fewer than 3, or no spread). */
  keskar: RankCorrelation | null;
  minimised: RankCorrelation | null;
  trainLoss: RankCorrelation | null;
  within: Interval | null;
  comparison: Record<string, string>[];
  findings: FlatnessSeedsFindings;
  saved: Record<string, Finding>;
}

const f3 = (x: number | null) => (x === null ? "n/a" : x.toFixed(3));
const interval = (c: RankCorrelation | null) => (c ? `${c.rho.toFixed(3)} [${c.low.toFixed(2)}, ${c.high.toFixed(2)}], permutation p ${c.pValue.toPrecision(2)}, n ${c.n}` : "n/a (fewer than 3 resolved networks, or no spread)");

/** ρ with its interval and p where at least 3 units vary in both measures, else null. */
function correlate(xs: number[], ys: number[]): RankCorrelation | null {
  const varies = (v: number[]) => new Set(v).size > 1;
  return xs.length >= 3 && varies(xs) && varies(ys) ? rankCorrelation(xs, ys) : null;
}

/** The design's correlations, comparison and findings (pure). */
export function summariseFlatnessSeeds(step: number, setting: string, networks: SeedNetwork[], within: WithinRun[]): FlatnessSeedsSummary {
  const resolved = (key: "phi" | "phiMinimised") => networks.filter((n) => !n[key].belowResolution);
  const keskarSet = resolved("phi");
  const minimisedSet = resolved("phiMinimised");
  const keskar = correlate(keskarSet.map((n) => n.phi.value), keskarSet.map((n) => n.valAccuracy));
  const minimised = correlate(minimisedSet.map((n) => n.phiMinimised.value), minimisedSet.map((n) => n.valAccuracy));
  const trainLoss = correlate(keskarSet.map((n) => n.phi.value), keskarSet.map((n) => n.trainLoss));
  const rhos = within.map((w) => w.rho).filter((r): r is number => r !== null);
  const withinInterval = rhos.length ? bootstrapInterval(rhos) : null;
  const below = (key: "phi" | "phiMinimised") => networks.length - resolved(key).length;
  const comparison = [
    { quantity: "networks", "Power et al.": "20 seeds of one setting (openai/grok's compute_sharpness)", measured: `${networks.length} seeds of ${setting}, at step ${step}` },
    { quantity: "ρ(Keskar's maximised φ, validation accuracy) [95% interval]", "Power et al.": "−0.79548 (p < 0.000014; which φ is not stated)", measured: `${interval(keskar)}${below("phi") ? `; ${below("phi")} below φ's resolution, not ranked` : ""}` },
    { quantity: "ρ(openai/grok's minimised φ, validation accuracy)", "Power et al.": "their code's φ", measured: `${interval(minimised)}${below("phiMinimised") ? `; ${below("phiMinimised")} below resolution` : ""}` },
    { quantity: "ρ(Keskar's φ, training loss)", "Power et al.": "not reported", measured: interval(trainLoss) },
    {
      quantity: "along training, within a run: median ρ(φ, validation accuracy) [interval over runs]",
      "Power et al.": "not reported",
      measured: withinInterval ? `${withinInterval.estimate.toFixed(3)} [${withinInterval.low.toFixed(2)}, ${withinInterval.high.toFixed(2)}] over ${rhos.length} runs` : "n/a",
    },
  ];
  const parts = (c: RankCorrelation | null) => ({ rho: c?.rho ?? null, low: c?.low ?? null, high: c?.high ?? null, pValue: c?.pValue ?? null });
  const m = parts(minimised);
  const findings: FlatnessSeedsFindings = {
    step,
    n: networks.length,
    ...parts(keskar),
    ranked: keskarSet.length,
    ...{ rhoMinimised: m.rho, lowMinimised: m.low, highMinimised: m.high, pValueMinimised: m.pValue },
    rankedMinimised: minimisedSet.length,
    rhoTrainLoss: trainLoss?.rho ?? null,
    withinMedian: withinInterval?.estimate ?? null,
    withinLow: withinInterval?.low ?? null,
    withinHigh: withinInterval?.high ?? null,
    withinRuns: rhos.length,
  };
  const saved: Record<string, Finding> = {
    [flatnessSeedsRefs.seeds.id]: {
      text: `${networks.length} seeds of ${setting} at step ${step}: ρ(φ, validation accuracy) = ${f3(findings.rho)} [${f3(findings.low)}, ${f3(findings.high)}] (permutation p ${findings.pValue === null ? "n/a" : findings.pValue.toPrecision(2)}, ${keskarSet.length} resolved); openai/grok's φ ${f3(findings.rhoMinimised)}; ρ(φ, training loss) ${f3(findings.rhoTrainLoss)}`,
      values: { ...findings },
      section: "Power et al.'s design: seeds of one setting",
    },
  };
  return { keskar, minimised, trainLoss, within: withinInterval, comparison, findings, saved };
}

export interface FlatnessSeedsResult extends FlatnessSeedsSummary {
  params: FlatnessSeedsParams;
  step: number;
  /** How far apart the seeds' validation accuracies are at that step (interquartile range). */
  spread: number;
  networks: SeedNetwork[];
  within: Interval | null;
  withinRuns: WithinRun[];
}

/** Each run's φ (both variants) at the chosen step, and φ along training in the first runs. */
export function measureFlatnessSeeds(params: FlatnessSeedsParams, runs: WatchedRun[]): { step: number; spread: number; networks: SeedNetwork[]; withinRuns: WithinRun[] } {
  const folders = runs.map((r) => RunFolder.open(r.dir));
  const common = folders.map((f) => new Set(f.checkpointSteps())).reduce((a, b) => new Set([...a].filter((s) => b.has(s))));
  const { step, spread } = chooseStep(runs.map((r) => r.records), [...common]);
  const seedOf = (f: RunFolder) => (f.config as ResolvedExperimentConfig).model.seed;
  const networks = folders.map((folder) => {
    const dataset = makeDataset((folder.config as ResolvedExperimentConfig).data);
    const at = (variant: "maximised" | "minimised") => sharpnessAtCheckpoints(folder, dataset, { steps: [step], seed: params.subspaceSeed, variant })[0];
    const max = at("maximised");
    const min = at("minimised");
    return {
      seed: seedOf(folder),
      valAccuracy: max.valAccuracy!,
      trainLoss: max.trainLoss!,
      phi: { value: max.phi, belowResolution: max.belowResolution },
      phiMinimised: { value: min.phi, belowResolution: min.belowResolution },
    };
  });
  const withinRuns = folders.slice(0, params.withinRuns).map((folder) => {
    const dataset = makeDataset((folder.config as ResolvedExperimentConfig).data);
    const points = sharpnessAtCheckpoints(folder, dataset, { seed: params.subspaceSeed, minTrainAccuracy: params.minTrainAccuracy }).filter((m) => !m.belowResolution && m.valAccuracy !== null);
    // checkpoints of one run: its ρ describes the run (runs are the units of the interval over them)
    return { seed: seedOf(folder), rho: correlate(points.map((m) => m.phi), points.map((m) => m.valAccuracy!))?.rho ?? null, checkpoints: points.length };
  });
  return { step, spread, networks, withinRuns };
}

/**
 * Trains the seeds (a live, resumable sweep), then measures and summarises them.
 * @example
 * const seeds = await gl.flatnessSeeds(gl.flatnessSeedsPreset(gl.notebookMode()));
 * await gl.show(gl.sharpnessScatter(seeds.points, { statLine: seeds.comparison[1].measured }));
 */
export async function flatnessSeeds(params: FlatnessSeedsParams): Promise<FlatnessSeedsResult & { points: { phi: number; valAccuracy: number; label: string }[] }> {
  const runs = await runSweepLive(flatnessSeedsSweep(params), params.dir, { title: `${params.seeds.length} seeds of ${params.setting}: validation (solid) and training (dotted) accuracy` });
  const measured = measureFlatnessSeeds(params, runs);
  const summary = summariseFlatnessSeeds(measured.step, params.setting, measured.networks, measured.withinRuns);
  const points = measured.networks.filter((n) => !n.phi.belowResolution).map((n) => ({ phi: n.phi.value, valAccuracy: n.valAccuracy, label: `seed ${n.seed}` }));
  return { params, ...measured, ...summary, within: summary.within, points };
}
