/**
 * Notebook 03's study, the synthesis's "consolidation layer": the embedding MLP on x+y mod p trained
 * with AdamW and weight decay 1, and the same run with weight decay 0, sharpness φ at the
 * checkpoints (does flatness go with generalisation?), the top Hessian eigenvalue as a cross-check,
 * and the embedding E1 before and after training beside its permuted null. Parameters in (quick,
 * full and paper presets); runs, the figures' data, the comparison and the typed findings out.
 */
import { forMode, NotebookMode } from "../config/notebookMode";
import { Dataset, makeDataset } from "../data/makeDataset";
import { Model } from "../models/Model";
import { LogRecord } from "../logs/LogRecord";
import { RunFolder } from "../runs/RunFolder";
import { grokkingEvents, GrokkingEvents } from "../analysis/events/grokkingEvents";
import { sharpness } from "../analysis/flatness/sharpness";
import { hessianTopEigenvalue } from "../analysis/flatness/hessianTopEigenvalue";
import { sharpnessAtCheckpoints } from "../analysis/flatness/sharpnessAtCheckpoints";
import { spearman } from "../analysis/statistics/spearman";
import { aboveControls } from "../analysis/statistics/aboveControls";
import { analyseModel } from "../analysis/analyseModel";
import { nullModel } from "../analysis/geometry/nullModel";
import { circularity } from "../analysis/geometry/circularity";
import { circlePlanes, CirclePlane } from "../analysis/geometry/circleCoordinates";
import { Finding } from "../analysis/ledger/Finding";
import { findingRef } from "../analysis/ledger/FindingRef";
import { StepSeries } from "../plots/stepSeries";
import { SpectrumSeries } from "../plots/fourierSpectrum";
import { runLive } from "../live/runLive";

export interface ConsolidationLayerParams {
  p: number;
  width: number;
  steps: number;
  lr: number;
  /** The two runs, in this order (the first is the one whose embeddings and Hessian are shown). */
  weightDecays: number[];
  evaluateEvery: number;
  /** φ is measured at every checkpoint: one every this many steps (the synthesis's 1,000), and checkpointsPerDecade before. */
  sharpnessEvery: number;
  checkpointsPerDecade: number;
  /** Power iterations of the top Hessian eigenvalue. */
  hessianIterations: number;
  /** The folder of the run with weight decay wd: `${runsDir}/03-weight-decay-${wd}-${mode}`. */
  runsDir: string;
  mode: NotebookMode;
}

/** The settings of each mode: quick (CI), full (the main command), paper (10⁵ steps). */
export function consolidationLayerPreset(mode: NotebookMode, runsDir = "../runs"): ConsolidationLayerParams {
  return {
    p: forMode(mode, { quick: 11, full: 59 }),
    width: forMode(mode, { quick: 32, full: 256 }),
    steps: forMode(mode, { quick: 120, full: 10000, paper: 100000 }),
    lr: 1e-3,
    weightDecays: [1, 0],
    evaluateEvery: forMode(mode, { quick: 10, full: 50, paper: 200 }),
    sharpnessEvery: forMode(mode, { quick: 40, full: 1000 }),
    checkpointsPerDecade: 4,
    hessianIterations: forMode(mode, { quick: 5, full: 20 }),
    runsDir,
    mode,
  };
}

/** The experiment of the run with this weight decay (the two differ in weight decay only). */
export function consolidationLayerConfig(params: ConsolidationLayerParams, weightDecay: number) {
  return {
    data: { operation: "x+y" as const, p: params.p, trainFraction: 0.5, seed: 0 },
    model: { kind: "mlp" as const, width: params.width, seed: 0 },
    train: { steps: params.steps, optimizer: { lr: params.lr, weightDecay }, evaluation: { every: params.evaluateEvery } },
    run: { dir: `${params.runsDir}/03-weight-decay-${weightDecay}-${params.mode}`, checkpointsPerDecade: params.checkpointsPerDecade, checkpointEvery: params.sharpnessEvery },
  };
}

/** φ at one checkpoint beside the log's numbers at its step. */
export interface SharpnessPoint {
  run: string;
  step: number;
  phi: number;
  valAccuracy: number;
  trainLoss: number;
  /** φ at or below its resolution (sharpness): no measurement; drawn and ranked nowhere. */
  belowResolution?: boolean;
}

/** What the summary reads: each run's log, φ at the checkpoints, the Hessian cross-check and E1's circularity. */
export interface ConsolidationLayerMeasures {
  runs: { name: string; weightDecay: number; records: LogRecord[] }[];
  measured: SharpnessPoint[];
  /** φ and the top Hessian eigenvalue of the first run's initial and final weights. */
  hessian: { initial: { phi: number; lambda: number }; final: { phi: number; lambda: number } };
  /** E1 of the first run: initial weights, after training, and the trained residues permuted (null). */
  embeddings: { keyFrequencies: number; circularity: number; singleFrequencyNeurons: number }[];
}

/** The numbers notebook 10 reads. */
export interface ConsolidationLayerFindings {
  flatness: { rho: number | null; pValue: number | null; n: number };
  /** φ of the first run at generalisation, at the end, and its least: null where not measured or below resolution. */
  phiOverTraining: { atGeneralisation: number | null; final: number | null; min: number | null };
}

/** Where notebook 03 saves its findings, as the claims ledger reads them. */
export const consolidationLayerRefs = {
  notebook: "03-consolidation-layer",
  flatness: findingRef<ConsolidationLayerFindings["flatness"]>("03-consolidation-layer", "flatness", { rho: true, pValue: true, n: true }),
  phiOverTraining: findingRef<ConsolidationLayerFindings["phiOverTraining"]>("03-consolidation-layer", "phiOverTraining", { atGeneralisation: true, final: true, min: true }),
};

export interface CorrelationRow {
  checkpoints: string;
  /** Checkpoints ranked (φ above its resolution), and those left out. */
  n: number;
  belowResolution: number;
  spearmanRho: number | "n/a";
  pValue: number | "n/a";
}

export interface ConsolidationLayerSummary {
  events: (GrokkingEvents & { name: string })[];
  /** One line a run: when training and validation reached 99%. */
  eventLines: string[];
  /** φ (left, log) and validation accuracy (right) at the checkpoints, for stepSeries. */
  phiSeries: StepSeries[];
  /** φ vs validation accuracy, one point a checkpoint, for sharpnessScatter. */
  scatter: { phi: number; valAccuracy: number; label: string }[];
  /** Spearman ρ(φ, validation accuracy): both runs pooled, then each run alone. */
  correlations: CorrelationRow[];
  hessianTable: Record<string, string | number>[];
  embeddingTable: Record<string, string | number>[];
  comparison: Record<string, string | number>[];
  /** What disagrees with the synthesis or the paper (empty: nothing). */
  disagreements: string[];
  findings: ConsolidationLayerFindings;
  saved: Record<string, Finding>;
}

function correlation(checkpoints: string, all: SharpnessPoint[]): CorrelationRow {
  const list = all.filter(measuredPhi);
  const spread = new Set(list.map((m) => m.valAccuracy)).size > 1 && new Set(list.map((m) => m.phi)).size > 1;
  const s = list.length >= 3 && spread ? spearman(list.map((m) => m.phi), list.map((m) => m.valAccuracy)) : null;
  return { checkpoints, n: list.length, belowResolution: all.length - list.length, spearmanRho: s ? s.rho : "n/a", pValue: s ? s.pValue : "n/a" };
}

const measuredPhi = (x: SharpnessPoint) => !x.belowResolution;
const phiText = (x: SharpnessPoint) => (x.belowResolution ? "below resolution" : x.phi.toPrecision(2));

/** Tables, figures' data, comparison and findings of the measures (pure). */
export function summariseConsolidationLayer(params: ConsolidationLayerParams, m: ConsolidationLayerMeasures): ConsolidationLayerSummary {
  const { runs, measured, hessian, embeddings } = m;
  if (runs.length === 0) throw new Error("consolidationLayer: no runs to summarise; expected one a weight decay");
  const first = runs[0];
  const decayed = measured.filter((x) => x.run === first.name);
  if (decayed.length === 0) throw new Error(`consolidationLayer: no φ measured at the checkpoints of "${first.name}"; expected at least one`);
  if (embeddings.length !== 3) throw new Error(`consolidationLayer: embeddings must hold initial, trained and null; received ${embeddings.length}`);
  const events = runs.map((r) => ({ name: r.name, ...grokkingEvents(r.records) }));
  const memorised = (ev: GrokkingEvents) => (ev.memorisation === null ? "training did not reach 99%" : `training ≥ 99% from step ${ev.memorisation}`);
  const eventLines = events.map((ev, i) =>
    ev.censored
      ? `${ev.name}: ${memorised(ev)}; validation did not reach 99% within ${ev.lastStep} steps (final ${runs[i].records[runs[i].records.length - 1].valAccuracy.toFixed(3)})`
      : `${ev.name}: ${memorised(ev)}; validation ≥ 99% from step ${ev.generalisation} (${ev.ratio!.toFixed(1)}× later)`,
  );
  const phiSeries = runs.flatMap((r) => {
    const mine = measured.filter((x) => x.run === r.name);
    const phis = mine.filter(measuredPhi);
    return [
      { name: `φ, ${r.name}`, steps: phis.map((x) => x.step), values: phis.map((x) => x.phi), logY: true },
      { name: `val acc, ${r.name}`, steps: mine.map((x) => x.step), values: mine.map((x) => x.valAccuracy), right: true },
    ];
  });
  const scatter = measured.filter(measuredPhi).map((x) => ({ phi: x.phi, valAccuracy: x.valAccuracy, label: `${x.run}, step ${x.step}` }));
  const correlations = [correlation("both runs", measured), ...runs.map((r) => correlation(r.name, measured.filter((x) => x.run === r.name)))];
  const both = correlations[0];
  const grokked = events[0].generalisation;
  const atGrokking = grokked === null ? undefined : decayed.find((x) => x.step >= grokked);
  const last = decayed[decayed.length - 1];
  const [initial, trained, permuted] = embeddings;
  const hessianTable = [
    { weights: "initial", phi: hessian.initial.phi, topHessianEigenvalue: hessian.initial.lambda },
    { weights: `after ${params.steps} steps`, phi: hessian.final.phi, topHessianEigenvalue: hessian.final.lambda },
  ];
  const embeddingTable = [
    { weights: "initial", ...initial },
    { weights: "after training", ...trained },
    { weights: "null: residues permuted", ...permuted },
  ].map(({ weights, keyFrequencies, circularity, singleFrequencyNeurons }) => ({ weights, keyFrequencies, circularityOfE1: circularity, singleFrequencyNeurons }));
  const rho = typeof both.spearmanRho === "number" ? both.spearmanRho : null;
  const pValue = typeof both.pValue === "number" ? both.pValue : null;
  const [ev, evNo] = events;
  const comparison = [
    {
      claim: "the consolidation layer groks with AdamW, wd 1 (the synthesis)",
      "paper / synthesis": "expected",
      "measured here":
        ev.generalisation === null
          ? `not within ${ev.lastStep} steps`
          : `validation ≥ 99% from step ${ev.generalisation} (training from ${ev.memorisation})${evNo ? `; wd 0: ${evNo.generalisation ?? `not within ${evNo.lastStep}`}` : ""}`,
    },
    {
      claim: "sharpness falls as the network groks (the synthesis)",
      "paper / synthesis": "expected",
      "measured here": `φ ${phiText(decayed[0])} at step ${decayed[0].step}, ${atGrokking ? `${phiText(atGrokking)} at generalisation (step ${atGrokking.step}), ` : ""}${phiText(last)} at the end`,
    },
    {
      claim: "flatness predicts generalisation",
      "paper / synthesis": "Spearman −0.79548, p < 0.000014 (Power et al.)",
      "measured here": `ρ = ${rho !== null ? rho.toFixed(3) : "n/a"} (p ${pValue !== null ? pValue.toPrecision(2) : "n/a"}, n ${both.n}, checkpoints of both runs)`,
    },
    {
      claim: "the embeddings become circular",
      "paper / synthesis": "circles (the synthesis, Power et al. Fig. 4)",
      "measured here": `circularity of E1 ${initial.circularity.toFixed(2)} → ${trained.circularity.toFixed(2)} (null ${permuted.circularity.toFixed(2)})`,
    },
  ];
  const disagreements = [
    ev.generalisation === null ? `the run with weight decay ${first.weightDecay} did not generalise within ${ev.lastStep} steps` : null,
    !measuredPhi(last) || !measuredPhi(decayed[0]) ? "φ at the first or last checkpoint is below its resolution: whether it fell is not measured" : last.phi < decayed[0].phi ? null : "φ did not fall over training",
    rho !== null && rho < 0 && pValue !== null && pValue < 0.01 ? null : "φ does not rank validation accuracy as Power et al. report (checkpoints of one run are not independent samples either)",
    aboveControls(trained.circularity, [initial.circularity, permuted.circularity]) ? null : "E1 is not clearly more circular than its controls",
  ].filter((d): d is string => d !== null);
  const findings: ConsolidationLayerFindings = {
    flatness: { rho, pValue, n: both.n },
    phiOverTraining: {
      atGeneralisation: atGrokking && measuredPhi(atGrokking) ? atGrokking.phi : null,
      final: measuredPhi(last) ? last.phi : null,
      min: decayed.some(measuredPhi) ? Math.min(...decayed.filter(measuredPhi).map((x) => x.phi)) : null,
    },
  };
  const names = runs.map((r) => r.weightDecay).join(" and ");
  const saved: Record<string, Finding> = {
    [consolidationLayerRefs.flatness.id]: {
      text:
        `consolidation layer (a+b mod ${params.p}), ${both.n} checkpoints of the runs with weight decay ${names}${both.belowResolution ? ` (${both.belowResolution} more below φ's resolution, not ranked)` : ""}: ` +
        `Spearman ρ(φ, validation accuracy) = ${rho !== null ? rho.toFixed(3) : "n/a"}`,
      values: { ...findings.flatness },
      section: "Does flatness go with generalisation here?",
    },
    [consolidationLayerRefs.phiOverTraining.id]: {
      text:
        `weight decay ${first.weightDecay}: φ ${atGrokking ? phiText(atGrokking) + " at step " + atGrokking.step + " (generalisation)" : "n/a (did not generalise)"}, ` +
        `${phiText(last)} at the last checkpoint (step ${last.step})` +
        (decayed.some((x) => !measuredPhi(x)) ? `; ${decayed.filter((x) => !measuredPhi(x)).length} of ${decayed.length} checkpoints below φ's resolution` : ""),
      values: { ...findings.phiOverTraining },
      section: "Sharpness over training",
    },
  };
  return { events, eventLines, phiSeries, scatter, correlations, hessianTable, embeddingTable, comparison, disagreements, findings, saved };
}

export interface ConsolidationLayerResult extends ConsolidationLayerSummary {
  params: ConsolidationLayerParams;
  dataset: Dataset;
  measures: ConsolidationLayerMeasures;
  /** E1's Fourier norms before and after (the first run), with the trained keys, for fourierSpectrum. */
  spectrum: { series: SpectrumSeries[]; keys: number[] };
  /** E1 in the planes of the trained key frequencies (up to 4), before and after; empty when no key frequency was found. */
  circles: { before: CirclePlane[]; after: CirclePlane[] };
}

/** Measures of one network and its E1, disposing it. */
function measureModel(model: Model, dataset: Dataset, iterations: number) {
  try {
    return { phi: sharpness(model, dataset, { seed: 1 }).phi, lambda: hessianTopEigenvalue(model, dataset, { iterations }).eigenvalue };
  } finally {
    model.dispose();
  }
}

/**
 * Trains (or reads back) the two runs, shown live, measures φ at their checkpoints, the Hessian and
 * the embeddings, and summarises.
 * @example
 * const study = await gl.consolidationLayer(gl.consolidationLayerPreset(gl.notebookMode()));
 * await gl.show(study.correlations);
 */
export async function consolidationLayer(params: ConsolidationLayerParams): Promise<ConsolidationLayerResult> {
  const dataset = makeDataset(consolidationLayerConfig(params, params.weightDecays[0]).data);
  const runs: ConsolidationLayerMeasures["runs"] = [];
  const measured: SharpnessPoint[] = [];
  for (const weightDecay of params.weightDecays) {
    const name = `weight decay ${weightDecay}`;
    const config = consolidationLayerConfig(params, weightDecay);
    const run = await runLive(config, { label: name, title: `a+b mod ${params.p}, ${name}: live` });
    run.model.dispose();
    runs.push({ name, weightDecay, records: run.records });
    // φ at every checkpoint, each beside the validation accuracy logged at its step.
    for (const c of sharpnessAtCheckpoints(RunFolder.open(config.run.dir), dataset, { seed: 1 })) {
      measured.push({ run: name, step: c.step, phi: c.phi, valAccuracy: c.valAccuracy!, trainLoss: c.trainLoss!, belowResolution: c.belowResolution });
    }
  }
  const folder = RunFolder.open(consolidationLayerConfig(params, params.weightDecays[0]).run.dir);
  const hessian = { initial: measureModel(folder.model(0), dataset, params.hessianIterations), final: measureModel(folder.model(), dataset, params.hessianIterations) };
  const startModel = folder.model(0);
  const endModel = folder.model();
  const nullEnd = nullModel(endModel, () => folder.model());
  try {
    const start = analyseModel(startModel, dataset);
    const end = analyseModel(endModel, dataset);
    const permuted = analyseModel(nullEnd, dataset, { keys: end.keys });
    const embeddings = [start, end, permuted].map((a) => ({ keyFrequencies: a.keys.length, circularity: circularity(a.embedding).score, singleFrequencyNeurons: a.neurons.shareAbove }));
    const measures = { runs, measured, hessian, embeddings };
    const keys = end.keys.slice(0, 4);
    return {
      params,
      dataset,
      measures,
      spectrum: { series: [{ name: "initial weights", norms: start.norms }, { name: `after ${folder.records.at(-1)!.step} steps`, norms: end.norms }], keys: end.keys },
      circles: keys.length ? { before: circlePlanes(start.embedding, keys), after: circlePlanes(end.embedding, keys) } : { before: [], after: [] },
      ...summariseConsolidationLayer(params, measures),
    };
  } finally {
    [startModel, endModel, nullEnd].forEach((x) => x.dispose());
  }
}
