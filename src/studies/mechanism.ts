/**
 * Notebook 09's study, Nanda et al.'s mechanism: their 1-layer transformer on a+b mod p (113 in full
 * mode) with 30% of the pairs, trained through cleanup; the three phases from the log, the progress
 * measures at the checkpoints, key frequencies and single-frequency neurons beside the initial
 * weights and the null model, and whether the restricted loss fell before validation accuracy rose.
 * Parameters in (quick, full and paper presets); the figures' data, tables and typed findings out.
 */
import { forMode, NotebookMode } from "../config/notebookMode";
import { Dataset, makeDataset } from "../data/makeDataset";
import { LogRecord } from "../logs/LogRecord";
import { RunFolder } from "../runs/RunFolder";
import { ModelAnalysis } from "../analysis/analyseModel";
import { analyseCheckpoints, CheckpointsAnalysis } from "../analysis/analyseCheckpoints";
import { analyseWithControls, ControlledAnalysis } from "../analysis/analyseWithControls";
import { GrokkingEvents } from "../analysis/events/grokkingEvents";
import { nandaPhases, NandaPhases } from "../analysis/events/nandaPhases";
import { shareOfFallBefore } from "../analysis/events/shareOfFallBefore";
import { Finding } from "../analysis/ledger/Finding";
import { findingRef } from "../analysis/ledger/FindingRef";
import { runSweepLive } from "../live/runSweepLive";

export interface MechanismParams {
  p: number;
  trainFraction: number;
  /** Steps (full batch: epochs). */
  budget: number;
  /** Nanda et al.'s model (d_model 128, 4 heads, d_mlp 512), or a smaller one for quick mode. */
  model: { kind: "nanda"; dModel?: number; heads?: number; dMlp?: number; seed: number };
  evaluateEvery: number;
  checkpointEvery: number;
  /** The sweep's folder (one run, in a worker process), e.g. "../runs/09-mechanism-full". */
  dir: string;
}

/** The settings of each mode: quick (CI), full (Nanda et al.'s setting, 10,000 steps) and paper (their 40,000 epochs). */
export function mechanismPreset(mode: NotebookMode, runsDir = "../runs"): MechanismParams {
  return {
    p: forMode(mode, { quick: 23, full: 113 }),
    trainFraction: 0.3,
    // Full mode: ~2.2× the step this seed groks at (4,600 here; Nanda et al.'s cleanup ended at 1.4× theirs, 14k / ~10k).
    budget: forMode(mode, { quick: 800, full: 10000, paper: 40000 }),
    model: forMode<MechanismParams["model"]>(mode, { quick: { kind: "nanda", dModel: 32, heads: 2, dMlp: 64, seed: 0 }, full: { kind: "nanda", seed: 0 } }),
    evaluateEvery: forMode(mode, { quick: 25, full: 100 }),
    checkpointEvery: forMode(mode, { quick: 250, full: 1000 }),
    dir: `${runsDir}/09-mechanism-${mode}`,
  };
}

/** The sweep's base experiment (full batch, AdamW lr 10⁻³, weight decay 1, log-spaced evaluations and checkpoints). */
export function mechanismBase(params: MechanismParams) {
  return {
    data: { operation: "x+y" as const, p: params.p, trainFraction: params.trainFraction, seed: 0 },
    model: params.model,
    train: { steps: params.budget, warmupSteps: 10, optimizer: { lr: 1e-3, weightDecay: 1 }, evaluation: { every: params.evaluateEvery, perDecade: 10 } },
    run: { checkpointsPerDecade: 6, checkpointEvery: params.checkpointEvery },
  };
}

/** What the summary reads: the run's log and events, the checkpoints' restricted loss, and the final network beside its controls. */
export interface MechanismMeasures {
  records: LogRecord[];
  events: GrokkingEvents;
  checkpoints: Pick<CheckpointsAnalysis, "steps" | "keys"> & { restricted: number[] };
  /** Single-frequency neuron shares: trained, initial, null. */
  neuronShares: { trained: number; initial: number; null: number };
  /** Neurons of the trained network: how many, and each one's best frequency and its fraction of variance. */
  neurons: { count: number; frequency: number[]; best: number[]; threshold: number };
}

export interface MechanismFindings {
  /** The share of the restricted loss's fall (memorisation → end) done before validation accuracy rose: on the loss itself, and on its log scale. */
  circuitFormation: { shareBefore: number | null; shareBeforeLog: number | null; memorisation: number | null; transitionStart: number | null; generalisation: number | null };
  mechanism: {
    keys: number;
    neuronShare: number;
    neuronShareInitial: number;
    neuronShareNull: number;
    memorisationEnd: number | null;
    circuitFormationEnd: number | null;
    cleanupEnd: number | null;
    generalisation: number | null;
  };
}

/** Where notebook 09 saves its findings, as the claims ledger reads them. */
export const mechanismRefs = {
  notebook: "09-mechanism",
  circuitFormation: findingRef<MechanismFindings["circuitFormation"]>("09-mechanism", "circuitFormation", { shareBefore: true, shareBeforeLog: true, memorisation: true, transitionStart: true, generalisation: true }),
  mechanism: findingRef<MechanismFindings["mechanism"]>("09-mechanism", "mechanism", {
    keys: true, neuronShare: true, neuronShareInitial: true, neuronShareNull: true, memorisationEnd: true, circuitFormationEnd: true, cleanupEnd: true, generalisation: true,
  }),
};

export interface MechanismSummary {
  phases: NandaPhases;
  phaseTable: Record<string, string>[];
  /** Neurons above the threshold per key frequency. */
  neuronsPerKey: { frequency: number; neurons: number; "share of all neurons": number }[];
  comparison: Record<string, string>[];
  /** When the restricted loss fell, in a sentence (or why it cannot be measured). */
  circuitLine: string;
  findings: MechanismFindings;
  saved: Record<string, Finding>;
}

/** Phases, tables, comparison and findings (pure). */
export function summariseMechanism(params: MechanismParams, m: MechanismMeasures): MechanismSummary {
  const { records, events, checkpoints, neuronShares, neurons } = m;
  const { p, trainFraction } = params;
  const keys = checkpoints.keys;
  const phases = nandaPhases(records);
  const or = (x: number | null, none = "—") => (x === null ? none : String(x));
  const phaseTable = [
    { phase: "memorisation", "Nanda et al. (epochs)": "0–1.4k", measured: `0–${or(phases.memorisationEnd, "not reached")}` },
    { phase: "circuit formation", "Nanda et al. (epochs)": "1.4k–9.4k", measured: `${or(phases.memorisationEnd)}–${or(phases.circuitFormationEnd, "not reached")}` },
    { phase: "cleanup", "Nanda et al. (epochs)": "9.4k–14k", measured: `${or(phases.circuitFormationEnd)}–${or(phases.cleanupEnd, `not over by ${phases.lastStep}`)}` },
  ];
  const above = (k: number) => neurons.frequency.filter((f, i) => f === k && neurons.best[i] > neurons.threshold).length;
  const neuronsPerKey = keys.map((k) => ({ frequency: k, neurons: above(k), "share of all neurons": above(k) / neurons.frequency.length }));
  const pct = (x: number) => (100 * x).toFixed(1);
  const ends = `${or(phases.memorisationEnd)}, ${or(phases.circuitFormationEnd)}, ${or(phases.cleanupEnd)}`;
  const comparison = [
    { quantity: "key frequencies", "Nanda et al.": "5 (14, 35, 41, 42, 52)", measured: `${keys.length} (${keys.join(", ")})` },
    {
      quantity: "neurons > 85% one frequency",
      "Nanda et al.": "433 / 512 = 84.6%",
      measured: `${Math.round(neuronShares.trained * neurons.count)} / ${neurons.count} = ${pct(neuronShares.trained)}% (initial ${pct(neuronShares.initial)}%, null ${pct(neuronShares.null)}%)`,
    },
    { quantity: "grokked (validation ≥ 99%)", "Nanda et al.": "~10k epochs", measured: String(events.generalisation ?? `not within ${events.lastStep}`) },
    { quantity: "phases end", "Nanda et al.": "1.4k, 9.4k, 14k", measured: ends },
  ];
  // Did the restricted loss fall before validation accuracy rose (Nanda et al.'s circuit formation), or with it? Only measurable when there is a plateau.
  const plateau = events.memorisation !== null && events.generalisation !== null && events.transition !== null && events.transition.start > events.memorisation;
  const share = (scale: "linear" | "log") => (plateau ? shareOfFallBefore(checkpoints.steps, checkpoints.restricted, events.memorisation!, events.transition!.start, scale) : null);
  const shareBefore = share("linear");
  const shareBeforeLog = share("log");
  const percent = (x: number | null) => (x === null ? "n/a" : `${(100 * x).toFixed(0)}%`);
  const circuitLine =
    shareBefore === null
      ? "no plateau between memorisation and the validation rise: when the circuit formed is not measurable here"
      : `${percent(shareBefore)} of the restricted loss's fall from memorisation to the end (${percent(shareBeforeLog)} on its log scale) happened before validation accuracy began to rise (step ${events.transition!.start})`;
  const findings: MechanismFindings = {
    circuitFormation: { shareBefore, shareBeforeLog, memorisation: events.memorisation, transitionStart: events.transition?.start ?? null, generalisation: events.generalisation },
    mechanism: {
      keys: keys.length,
      neuronShare: neuronShares.trained,
      neuronShareInitial: neuronShares.initial,
      neuronShareNull: neuronShares.null,
      memorisationEnd: phases.memorisationEnd,
      circuitFormationEnd: phases.circuitFormationEnd,
      cleanupEnd: phases.cleanupEnd,
      generalisation: events.generalisation,
    },
  };
  const saved: Record<string, Finding> = {
    [mechanismRefs.circuitFormation.id]: {
      text:
        `Nanda transformer, a+b mod ${p}: ${shareBefore === null ? "no plateau to measure" : `${percent(shareBefore)} of the restricted loss's fall (${percent(shareBeforeLog)} on its log scale) came before validation accuracy rose`} ` +
        `(memorised at ${events.memorisation}, transition from ${events.transition?.start ?? "—"}, generalised at ${events.generalisation ?? "censored"})`,
      values: { ...findings.circuitFormation },
      section: "The three phases",
    },
    [mechanismRefs.mechanism.id]: {
      text:
        `Nanda transformer, a+b mod ${p}, ${100 * trainFraction}%: ${keys.length} key frequencies (${keys.join(", ")}); ${pct(neuronShares.trained)}% of neurons > 85% one frequency ` +
        `(initial ${pct(neuronShares.initial)}%); phases end at ${ends}`,
      values: { ...findings.mechanism },
      section: "Paper vs measured here",
    },
  };
  return { phases, phaseTable, neuronsPerKey, comparison, circuitLine, findings, saved };
}

export interface MechanismResult extends MechanismSummary {
  params: MechanismParams;
  dataset: Dataset;
  records: LogRecord[];
  events: GrokkingEvents;
  checkpoints: CheckpointsAnalysis;
  /** The final network beside the initial weights and the null model. */
  controls: ControlledAnalysis<undefined>;
  /** The three networks by name, in the order trained, initial, null, for figures and tables. */
  networks: { name: string; analysis: ModelAnalysis }[];
  /** One row a network: neurons, losses, accuracy. */
  controlTable: Record<string, string | number>[];
}

/**
 * Trains (or reads back) the run in a worker process, shown live, analyses every checkpoint and the
 * final network beside its controls, and summarises.
 * @example
 * const study = await gl.mechanism(gl.mechanismPreset(gl.notebookMode()));
 * await gl.show(gl.progressMeasures(study.checkpoints));
 */
export async function mechanism(params: MechanismParams): Promise<MechanismResult> {
  const base = mechanismBase(params);
  const dataset = makeDataset(base.data);
  const [run] = await runSweepLive({ base, grid: { "model.seed": [params.model.seed] } }, params.dir, {
    title: `a+b mod ${params.p}: validation (solid) and training (dotted) accuracy`,
  });
  const folder = RunFolder.open(run.dir);
  const checkpoints = analyseCheckpoints(folder, dataset);
  const controls = analyseWithControls(folder, dataset);
  const networks = [
    { name: "trained", analysis: controls.trained.analysis },
    { name: "initial weights", analysis: controls.initial.analysis },
    { name: "null: residues permuted", analysis: controls.null.analysis },
  ];
  const controlTable = networks.map(({ name, analysis: a }) => ({
    weights: name,
    "neurons > 85% one frequency": a.neurons.shareAbove,
    "restricted loss": a.loss.restricted,
    "excluded loss": a.loss.excluded,
    "loss on all pairs": a.loss.full,
    "accuracy on all pairs": a.accuracy,
  }));
  const trained = controls.trained.analysis.neurons;
  const measures: MechanismMeasures = {
    records: run.records,
    events: run.events,
    checkpoints: { steps: checkpoints.steps, keys: checkpoints.keys, restricted: checkpoints.analyses.map((a) => a.loss.restricted) },
    neuronShares: { trained: trained.shareAbove, initial: controls.initial.analysis.neurons.shareAbove, null: controls.null.analysis.neurons.shareAbove },
    neurons: { count: trained.best.length, frequency: trained.frequency, best: trained.best, threshold: trained.threshold },
  };
  return { params, dataset, records: run.records, events: run.events, checkpoints, controls, networks, controlTable, ...summariseMechanism(params, measures) };
}
