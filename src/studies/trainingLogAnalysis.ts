/**
 * Notebook 02's study, the synthesis's "analyse our transformer": Nanda et al.'s 1-layer transformer
 * trained on a+b mod p, its log read back from the run folder, every checkpoint analysed (Fourier
 * norms and key frequencies of W_E, single-frequency neurons, restricted and excluded loss), the
 * three phases and sharpness φ over training, and the final network beside its initial weights and
 * the null model (neurons, logit spectrum, circles, rings of W_E·W_in). Parameters in (quick and full
 * presets); the figures' data, tables, the comparison with the paper and its disagreements out.
 */
import { forMode, NotebookMode } from "../config/notebookMode";
import { Dataset, makeDataset } from "../data/makeDataset";
import { LogRecord } from "../logs/LogRecord";
import { runLog } from "../runs/runLog";
import { RunFolder } from "../runs/RunFolder";
import { ModelAnalysis } from "../analysis/analyseModel";
import { analyseCheckpoints, CheckpointsAnalysis } from "../analysis/analyseCheckpoints";
import { analyseWithControls } from "../analysis/analyseWithControls";
import { grokkingEvents, GrokkingEvents } from "../analysis/events/grokkingEvents";
import { nandaPhases, NandaPhases } from "../analysis/events/nandaPhases";
import { sharpnessAtCheckpoints } from "../analysis/flatness/sharpnessAtCheckpoints";
import { circularity } from "../analysis/geometry/circularity";
import { circlePlanes, CirclePlane } from "../analysis/geometry/circleCoordinates";
import { pca } from "../analysis/geometry/pca";
import { neuronInputMap } from "../analysis/fourier/neuronInputMap";
import { logitSpectrumOf } from "../analysis/fourier/logitSpectrumOf";
import { aboveControls } from "../analysis/statistics/aboveControls";
import { StepSeries } from "../plots/stepSeries";
import { runLive } from "../live/runLive";

export interface TrainingLogAnalysisParams {
  p: number;
  /** Nanda et al.'s model, or a smaller one for quick mode. */
  model: { kind: "nanda"; dModel?: number; heads?: number; dMlp?: number; seed: number };
  steps: number;
  evaluateEvery: number;
  /** The run's folder, e.g. "../runs/02-nanda-transformer-full". */
  dir: string;
}

/** The settings of each mode: quick (CI) and full (the main command; paper mode is full mode). */
export function trainingLogAnalysisPreset(mode: NotebookMode, runsDir = "../runs"): TrainingLogAnalysisParams {
  return {
    p: forMode(mode, { quick: 7, full: 47 }),
    model: forMode<TrainingLogAnalysisParams["model"]>(mode, { quick: { kind: "nanda", dModel: 16, heads: 2, dMlp: 32, seed: 0 }, full: { kind: "nanda", seed: 0 } }),
    steps: forMode(mode, { quick: 60, full: 6000 }),
    evaluateEvery: forMode(mode, { quick: 10, full: 50 }),
    dir: `${runsDir}/02-nanda-transformer-${mode}`,
  };
}

/** The run's experiment: full batch, AdamW lr 2·10⁻³, weight decay 1, 8 checkpoints a decade. */
export function trainingLogAnalysisConfig(params: TrainingLogAnalysisParams) {
  return {
    data: { operation: "x+y" as const, p: params.p, trainFraction: 0.5, seed: 0 },
    model: params.model,
    train: { steps: params.steps, optimizer: { lr: 2e-3, weightDecay: 1 }, warmupSteps: 10, evaluation: { every: params.evaluateEvery } },
    run: { dir: params.dir, checkpointsPerDecade: 8 },
  };
}

/** A network of the final comparison, with the two measures analyseModel does not take. */
export interface ComparedNetwork {
  name: string;
  analysis: ModelAnalysis;
  /** Circularity of W_E·W_in (neuronInputMap): 0 for random weights, 1 for pure sinusoids. */
  ring: number;
  /** The logits' 2-D Fourier spectrum over all pairs. */
  logitNorms: number[][];
}

/** What the summary reads. */
export interface TrainingLogMeasures {
  records: LogRecord[];
  /** The key frequencies of the final network. */
  keys: number[];
  /** φ at the evaluated checkpoints after step 0 (belowResolution: no measurement). */
  phis: { step: number; phi: number; valAccuracy: number; belowResolution?: boolean }[];
  /** Trained, initial weights, null model. */
  networks: { name: string; analysis: ModelAnalysis; ring: number }[];
}

export interface TrainingLogSummary {
  events: GrokkingEvents;
  eventsTable: Record<string, string | number | undefined>[];
  phases: NandaPhases;
  phaseTable: Record<string, string | number>[];
  /** φ on a log axis beside validation accuracy; values below φ's resolution are left out and counted. */
  phiSeries: StepSeries[];
  phiBelowResolution: number;
  phaseLine: string;
  controlTable: Record<string, string | number>[];
  finalLine: string;
  comparison: Record<string, string>[];
  /** Each disagreement with the paper in a sentence (empty: none beyond the different setting). */
  disagreements: string[];
}

/** Events, phases, φ series, tables, comparison and disagreements (pure). */
export function summariseTrainingLog(m: TrainingLogMeasures): TrainingLogSummary {
  const { records, keys, phis, networks } = m;
  if (networks.length !== 3) throw new Error(`trainingLogAnalysis: networks must be trained, initial and null; received ${networks.length}`);
  const events = grokkingEvents(records);
  const eventsTable = [
    {
      memorisationStep: events.memorisation ?? "not reached",
      generalisationStep: events.generalisation ?? "not within budget",
      ratio: events.ratio ?? "n/a",
      transitionStart: events.transition?.start,
      transitionEnd: events.transition?.end,
      drops: events.drops.length,
      lastStep: events.lastStep,
    },
  ];
  const phases = nandaPhases(records);
  const normAt = (step: number | null) => (step === null ? "—" : (records.find((r) => r.step >= step)?.weightNorm.toFixed(1) ?? "—"));
  const phaseTable = [
    { phase: "memorisation", "ends at step": phases.memorisationEnd ?? "not reached", "weight norm there": normAt(phases.memorisationEnd) },
    { phase: "circuit formation", "ends at step": phases.circuitFormationEnd ?? "not reached", "weight norm there": normAt(phases.circuitFormationEnd) },
    { phase: "cleanup", "ends at step": phases.cleanupEnd ?? "not within the log", "weight norm there": normAt(phases.cleanupEnd) },
    { phase: "(end of the log)", "ends at step": phases.lastStep, "weight norm there": normAt(phases.lastStep) },
  ];
  const positive = phis.filter((x) => !x.belowResolution && x.phi > 0);
  const phiSeries = [
    { name: "sharpness φ", steps: positive.map((x) => x.step), values: positive.map((x) => x.phi), logY: true },
    { name: "validation accuracy", steps: phis.map((x) => x.step), values: phis.map((x) => x.valAccuracy), right: true },
  ];
  const phaseLine =
    `phases: memorisation ends ${phases.memorisationEnd ?? "—"}, circuit formation ${phases.circuitFormationEnd ?? "—"}, cleanup ${phases.cleanupEnd ?? "not within the log"} (last step ${phases.lastStep}); ` +
    `φ ${phis.length ? `${phis[0].phi.toPrecision(2)} at step ${phis[0].step} → ${phis[phis.length - 1].phi.toPrecision(2)} at ${phis[phis.length - 1].step}` : "not measured"}` +
    (phis.length - positive.length ? `; φ below its resolution at ${phis.length - positive.length} of ${phis.length} checkpoints (not drawn)` : "");
  const [trained, initial, permuted] = networks;
  const controlTable = networks.map(({ name, analysis: a, ring }) => ({
    weights: name,
    keyFrequencies: a.keys.length,
    singleFrequencyNeurons: a.neurons.shareAbove,
    restrictedLoss: a.loss.restricted,
    excludedLoss: a.loss.excluded,
    lossAllPairs: a.loss.full,
    accuracyAllPairs: a.accuracy,
    circularityOfWeWin: ring,
  }));
  const final = trained.analysis;
  const pct = (share: number) => `${(100 * share).toFixed(1)}%`;
  const finalLine =
    `measured: accuracy on all pairs ${final.accuracy.toFixed(4)}; key frequencies ${keys.join(", ") || "none"}; ` +
    `${pct(final.neurons.shareAbove)} of neurons ≥ 85% one frequency (initial ${pct(initial.analysis.neurons.shareAbove)}, null ${pct(permuted.analysis.neurons.shareAbove)}; Nanda et al.: 433/512 = 84.6% at p = 113); ` +
    `restricted loss ${final.loss.restricted.toExponential(2)} vs full ${final.loss.full.toExponential(2)}; excluded loss ${final.loss.excluded.toExponential(2)} (initial weights: ${initial.analysis.loss.excluded.toExponential(2)})`;
  const order = [phases.memorisationEnd, phases.circuitFormationEnd, phases.cleanupEnd];
  const comparison = [
    { quantity: "key frequencies of W_E", "paper / synthesis": "5 (Nanda et al.)", "measured here": `${keys.length} (${keys.join(", ") || "none"})` },
    {
      quantity: "neurons ≥ 85% one frequency",
      "paper / synthesis": "433 / 512 = 84.6% (Nanda et al.)",
      "measured here": `${pct(final.neurons.shareAbove)} (initial ${pct(initial.analysis.neurons.shareAbove)}, null ${pct(permuted.analysis.neurons.shareAbove)})`,
    },
    {
      quantity: "phase ends: memorisation / circuit formation / cleanup",
      "paper / synthesis": "1.4k / 9.4k / 14k epochs (Nanda et al.)",
      "measured here": `${order.map((s) => s ?? "—").join(" / ")} steps (= epochs: full batch) of ${phases.lastStep}`,
    },
    {
      quantity: "restricted vs excluded loss at the end",
      "paper / synthesis": "restricted ≪ full loss, excluded high (Nanda et al.)",
      "measured here": `restricted ${final.loss.restricted.toExponential(1)}, excluded ${final.loss.excluded.toExponential(1)} (initial weights: excluded ${initial.analysis.loss.excluded.toExponential(1)})`,
    },
    {
      quantity: '"ring patterns emerge": circularity of W_E·W_in',
      "paper / synthesis": "ring patterns (the synthesis)",
      "measured here": `${trained.ring.toFixed(2)} (initial ${initial.ring.toFixed(2)}, null ${permuted.ring.toFixed(2)})`,
    },
  ];
  const disagreements = [
    keys.length === 5 ? null : `${keys.length} key frequencies where Nanda et al. found 5 at p = 113 (the count depends on p and the seed)`,
    final.neurons.shareAbove >= 0.8 ? null : `${pct(final.neurons.shareAbove)} single-frequency neurons, fewer than their 84.6%`,
    order.every((s) => s !== null)
      ? null
      : `the log does not show every phase end (${order.map((s) => s ?? "not found").join(" / ")}): ${phases.circuitFormationEnd === null ? "the run did not generalise within the log" : "cleanup's end is not within the log's first 90%"}`,
    aboveControls(trained.ring, [initial.ring, permuted.ring]) ? null : `the rings are not clearly above the controls (${trained.ring.toFixed(2)} vs ${Math.max(initial.ring, permuted.ring).toFixed(2)})`,
  ].filter((d): d is string => d !== null);
  return { events, eventsTable, phases, phaseTable, phiSeries, phiBelowResolution: phis.length - positive.length, phaseLine, controlTable, finalLine, comparison, disagreements };
}

export interface TrainingLogAnalysisResult extends TrainingLogSummary {
  params: TrainingLogAnalysisParams;
  dataset: Dataset;
  /** How the run ended ("read back" when it had finished before). */
  runLine: string;
  /** The log as read back from the run folder. */
  records: LogRecord[];
  checkpoints: CheckpointsAnalysis;
  /** The checkpoint slider's control: the initial weights' spectrum and PCA. */
  sliderControl: { label: string; spectrum: number[]; points: number[][] };
  /** Trained, initial weights, null model, with rings and logit spectra. */
  networks: ComparedNetwork[];
  keys: number[];
  /** W_E of the trained and initial networks in the planes of the first 4 key frequencies (empty without keys). */
  circles: { name: string; planes: CirclePlane[] }[];
}

/**
 * Trains (or reads back) the run, shown live, reads its folder back and measures what the notebook shows.
 * @example
 * const study = await gl.trainingLogAnalysis(gl.trainingLogAnalysisPreset(gl.notebookMode()));
 * await gl.show(study.checkpoints.table);
 */
export async function trainingLogAnalysis(params: TrainingLogAnalysisParams): Promise<TrainingLogAnalysisResult> {
  const config = trainingLogAnalysisConfig(params);
  const dataset = makeDataset(config.data);
  const run = await runLive(config, { title: "live" });
  run.model.dispose();
  const runLine = `${run.alreadyFinished ? "read back (already finished): " : ""}stopped by ${run.stoppedBy} at step ${run.records[run.records.length - 1].step}`;
  // Everything below reads the run folder, as it would for a run trained elsewhere.
  const records = runLog(params.dir).records;
  const folder = RunFolder.open(params.dir);
  const checkpoints = analyseCheckpoints(folder, dataset);
  const phis = sharpnessAtCheckpoints(folder, dataset, { seed: 1 })
    .filter((x) => x.step > 0 && x.valAccuracy !== null)
    .map((x) => ({ step: x.step, phi: x.phi, valAccuracy: x.valAccuracy!, belowResolution: x.belowResolution }));
  const controls = analyseWithControls(folder, dataset, { measure: (m) => ({ ring: circularity(neuronInputMap(m, params.p)).score, logitNorms: logitSpectrumOf(m, dataset) }) });
  const networks: ComparedNetwork[] = [
    { name: `trained (step ${checkpoints.steps[checkpoints.steps.length - 1]})`, ...controls.trained },
    { name: "initial weights", ...controls.initial },
    { name: "null: residues permuted", ...controls.null },
  ].map(({ name, analysis, measured }) => ({ name, analysis, ...measured }));
  const keys = checkpoints.keys;
  const initial = controls.initial.analysis;
  return {
    params,
    dataset,
    runLine,
    records,
    checkpoints,
    sliderControl: { label: "initial weights", spectrum: initial.norms, points: pca(initial.embedding, 2).points },
    networks,
    keys,
    circles: keys.length ? networks.slice(0, 2).map((n) => ({ name: n.name, planes: circlePlanes(n.analysis.embedding, keys.slice(0, 4)) })) : [],
    ...summariseTrainingLog({ records, keys, phis, networks }),
  };
}
