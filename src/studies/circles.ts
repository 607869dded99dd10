/**
 * Notebook 04's study, the geometry of learned embeddings: the embedding MLP trained on x+y mod p,
 * Power et al.'s Fig. 4 picture (t-SNE of the output layer's rows, x and x + 8 marked), the same
 * picture coloured by other functions of the residue, the Fourier spectrum, circles and torus of the
 * embeddings, and the structure measures, each beside the initial weights and the null model.
 * Parameters in (quick, full and paper presets); the figures' data, tables and typed findings out.
 */
import { forMode, NotebookMode } from "../config/notebookMode";
import { Dataset, makeDataset } from "../data/makeDataset";
import { LogRecord } from "../logs/LogRecord";
import { RunFolder } from "../runs/RunFolder";
import { ModelAnalysis } from "../analysis/analyseModel";
import { analyseWithControls } from "../analysis/analyseWithControls";
import { analyseCheckpoints, CheckpointSnapshot } from "../analysis/analyseCheckpoints";
import { grokkingEvents, GrokkingEvents } from "../analysis/events/grokkingEvents";
import { fourierNorms } from "../analysis/fourier/fourierNorms";
import { circularity } from "../analysis/geometry/circularity";
import { circleCoordinates, circlePlanes, CirclePlane } from "../analysis/geometry/circleCoordinates";
import { permuteRows } from "../analysis/geometry/nullModel";
import { pca } from "../analysis/geometry/pca";
import { tsne } from "../analysis/geometry/tsne";
import { trustworthiness } from "../analysis/geometry/trustworthiness";
import { stepDistanceRatio } from "../analysis/geometry/stepDistanceRatio";
import { aboveControls } from "../analysis/statistics/aboveControls";
import { Finding } from "../analysis/ledger/Finding";
import { findingRef } from "../analysis/ledger/FindingRef";
import { ResidueColouring } from "../plots/residueProjection";
import { runLive } from "../live/runLive";
import { powerTraining } from "./powerTraining";

export interface CirclesParams {
  p: number;
  width: number;
  steps: number;
  /** t-SNE's perplexity (scikit-learn's default is 30; p residues need less). */
  perplexity: number;
  /** Other colourings of the t-SNE picture: x mod each of these. */
  colourMods: number[];
  /** The run's folder, e.g. "../runs/04-circles-full". */
  dir: string;
  /** Fig. 4's own network: Power's transformer on x+y mod powerP (Power et al.: 97), its budget and folder. */
  powerP: number;
  powerSteps: number;
  powerDir: string;
}

/** The settings of each mode: quick (CI) and full (the main command; paper mode is full mode). */
export function circlesPreset(mode: NotebookMode, runsDir = "../runs"): CirclesParams {
  return {
    p: forMode(mode, { quick: 13, full: 59 }),
    width: forMode(mode, { quick: 32, full: 256 }),
    steps: forMode(mode, { quick: 100, full: 5000 }),
    perplexity: forMode(mode, { quick: 4, full: 15 }),
    colourMods: [3, 5],
    dir: `${runsDir}/04-circles-${mode}`,
    powerP: forMode(mode, { quick: 13, full: 97 }),
    // full: lr 10⁻³ reached 99% at ~1,850 steps on x+y mod 97 (notebook 08); it stops 3 evaluations after
    powerSteps: forMode(mode, { quick: 300, full: 4000 }),
    powerDir: `${runsDir}/04-circles-power-${mode}`,
  };
}

/** Fig. 4's run: Power's transformer on x+y mod powerP with their recipe (powerTraining), checkpoints along the way. */
export function circlesPowerConfig(params: CirclesParams) {
  return {
    ...powerTraining({ operation: "x+y", p: params.powerP, trainFraction: 0.5, budget: params.powerSteps, evaluateEvery: 50 }),
    run: { dir: params.powerDir, checkpointsPerDecade: 2 },
  };
}

/** The run's experiment: stops 20 evaluations after validation accuracy reaches 99.9%. */
export function circlesConfig(params: CirclesParams) {
  return {
    data: { operation: "x+y" as const, p: params.p, trainFraction: 0.5, seed: 1 },
    model: { kind: "mlp" as const, width: params.width, seed: 1 },
    train: { steps: params.steps, optimizer: { lr: 3e-3, weightDecay: 1 }, evaluation: { every: 50 }, stopAtValAccuracy: { valAccuracy: 0.999, patience: 20 } },
    run: { dir: params.dir, checkpointsPerDecade: 5 },
  };
}

/** The three networks' measures, one row each: trained, initial, null. */
export interface StructureRow {
  weights: string;
  circularityE1: number;
  circularityWout: number;
  rqi: number;
  rqiModular: number;
  ipr: number;
  gini: number;
  keyFrequencies: number;
  singleFrequencyNeurons: number;
  accuracyAllPairs: number;
  pcaTop2: number;
}

/** One t-SNE panel's measures. */
export interface PictureRow {
  weights: string;
  trustworthiness: number;
  /** Distance of x to x + 8 in the picture over a random pair's: < 1 is structure. */
  xToXPlus8Distance: number;
  circularityOfWout: number;
}

export interface CirclesFindings {
  circularity: { trained: number; initial: number; null: number };
  circularityWout: { trained: number; initial: number; null: number };
  tsnePlusEight: { trained: number; initial: number; null: number };
  /** The same picture of Power's transformer's unembedding, Fig. 4's own network (x+y mod powerP). */
  tsnePlusEightPower: { trained: number; initial: number; null: number };
  singleFrequencyNeurons: { trained: number; initial: number; null: number };
}

type Controlled = { trained: number; initial: number; null: number };
const CONTROLLED = { trained: true, initial: true, null: true } as const;

/** Where notebook 04 saves its findings, as the claims ledger reads them. */
export const circlesRefs = {
  notebook: "04-circles",
  circularity: findingRef<Controlled>("04-circles", "circularity", CONTROLLED),
  circularityWout: findingRef<Controlled>("04-circles", "circularityWout", CONTROLLED),
  tsnePlusEight: findingRef<Controlled>("04-circles", "tsnePlusEight", CONTROLLED),
  tsnePlusEightPower: findingRef<Controlled>("04-circles", "tsnePlusEightPower", CONTROLLED),
  singleFrequencyNeurons: findingRef<Controlled>("04-circles", "singleFrequencyNeurons", CONTROLLED),
};

export interface CirclesSummary {
  /** One sentence on each network's t-SNE pictures' x → x + 8 distances: Power's transformer, the MLP. */
  pictureLine: string;
  powerPictureLine: string;
  comparison: Record<string, string>[];
  disagreements: string[];
  findings: CirclesFindings;
  saved: Record<string, Finding>;
}

/** The structure row of one network's analysis. */
export function structureRow(weights: string, m: ModelAnalysis): StructureRow {
  return {
    weights,
    circularityE1: circularity(m.embedding).score,
    circularityWout: circularity(m.unembedding).score,
    rqi: m.rqi,
    rqiModular: m.rqiModular,
    ipr: m.sparsity.ipr,
    gini: m.sparsity.gini,
    keyFrequencies: m.keys.length,
    singleFrequencyNeurons: m.neurons.shareAbove,
    accuracyAllPairs: m.accuracy,
    pcaTop2: pca(m.embedding, 2).explained.reduce((s, v) => s + v, 0),
  };
}

/** The comparison, disagreements and findings from the structure rows and the t-SNE panels, each trained, initial, null (pure). */
export function summariseCircles(params: CirclesParams, rows: StructureRow[], pictures: PictureRow[], powerPictures: PictureRow[]): CirclesSummary {
  if (rows.length !== 3 || pictures.length !== 3 || powerPictures.length !== 3) {
    throw new Error(`circles: expected 3 structure rows and 3 pictures a network (trained, initial, null); received ${rows.length}, ${pictures.length} and ${powerPictures.length}`);
  }
  const [trainedRow, initialRow, nullRow] = rows;
  const [t, i0, nl] = pictures.map((r) => r.xToXPlus8Distance);
  const [pt, pi, pn] = powerPictures.map((r) => r.xToXPlus8Distance);
  const nearer = t < Math.min(i0, nl) - 0.1;
  const powerNearer = pt < Math.min(pi, pn) - 0.1;
  const line = (network: string, a: number, b: number, c: number, near: boolean) =>
    `${network}: x → x+8 distance in the picture, relative to a random pair: trained ${a.toFixed(2)}, initial ${b.toFixed(2)}, null ${c.toFixed(2)}; ` +
    (near ? "the trained picture puts x + 8 nearer than its controls do" : "the trained picture shows no more x → x+8 structure than its controls");
  const pictureLine = line("the embedding MLP", t, i0, nl, nearer);
  const powerPictureLine = line(`Power's transformer (x+y mod ${params.powerP})`, pt, pi, pn, powerNearer);
  const three = <K extends keyof StructureRow>(key: K) => ({ trained: trainedRow[key] as number, initial: initialRow[key] as number, null: nullRow[key] as number });
  const findings: CirclesFindings = {
    circularity: three("circularityE1"),
    circularityWout: three("circularityWout"),
    tsnePlusEight: { trained: t, initial: i0, null: nl },
    tsnePlusEightPower: { trained: pt, initial: pi, null: pn },
    singleFrequencyNeurons: three("singleFrequencyNeurons"),
  };
  const f3 = (x: { trained: number; initial: number; null: number }, digits: number) => `trained ${x.trained.toFixed(digits)}, initial ${x.initial.toFixed(digits)}, null ${x.null.toFixed(digits)}`;
  const measuredHere = "Measured: trained, initial, null";
  const saved: Record<string, Finding> = {
    [circlesRefs.circularity.id]: { text: `circularity of E1 (a+b mod ${params.p}, embedding MLP): ${f3(findings.circularity, 3)}`, values: { ...findings.circularity }, section: measuredHere },
    [circlesRefs.circularityWout.id]: { text: `circularity of W_out: ${f3(findings.circularityWout, 3)}`, values: { ...findings.circularityWout }, section: measuredHere },
    [circlesRefs.tsnePlusEight.id]: {
      text: `t-SNE of W_out, distance of x to x + 8 relative to a random pair: ${f3(findings.tsnePlusEight, 2)}`,
      values: { ...findings.tsnePlusEight },
      section: "Power et al.'s Fig. 4 (right): trained, initial, and a null model",
    },
    [circlesRefs.tsnePlusEightPower.id]: {
      text: `t-SNE of Power's transformer's unembedding (x+y mod ${params.powerP}), distance of x to x + 8 relative to a random pair: ${f3(findings.tsnePlusEightPower, 2)}`,
      values: { ...findings.tsnePlusEightPower },
      section: "Power et al.'s Fig. 4 (right): trained, initial, and a null model",
    },
    [circlesRefs.singleFrequencyNeurons.id]: { text: `share of neurons ≥ 85% one frequency: ${f3(findings.singleFrequencyNeurons, 3)}`, values: { ...findings.singleFrequencyNeurons }, section: measuredHere },
  };
  const vs = (key: "circularityE1" | "circularityWout") => `${trainedRow[key].toFixed(2)} (initial ${initialRow[key].toFixed(2)}, null ${nullRow[key].toFixed(2)})`;
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const comparison = [
    {
      quantity: `t-SNE of Power's transformer's unembedding (x+y mod ${params.powerP}): x → x + 8 distance / a random pair's`,
      "paper / synthesis": "x and x + 8 adjacent along circles (Power et al. Fig. 4, their transformer, x+y mod 97)",
      "measured here": `${pt.toFixed(2)} (initial ${pi.toFixed(2)}, null ${pn.toFixed(2)})`,
    },
    { quantity: `t-SNE of the embedding MLP's W_out (x+y mod ${params.p}): the same`, "paper / synthesis": "— (another network)", "measured here": `${t.toFixed(2)} (initial ${i0.toFixed(2)}, null ${nl.toFixed(2)})` },
    { quantity: "circularity of E1", "paper / synthesis": "circular structure (the synthesis)", "measured here": vs("circularityE1") },
    { quantity: "circularity of W_out", "paper / synthesis": "circles (Power et al. Fig. 4)", "measured here": vs("circularityWout") },
    {
      quantity: "neurons ≥ 85% one frequency",
      "paper / synthesis": "84.6% (Nanda et al., their transformer at p = 113)",
      "measured here": `${pct(trainedRow.singleFrequencyNeurons)} (initial ${pct(initialRow.singleFrequencyNeurons)}, null ${pct(nullRow.singleFrequencyNeurons)})`,
    },
  ];
  const disagreements = [
    powerNearer ? null : "the t-SNE picture of Power's transformer puts x next to x + 8 no more than its controls do: Fig. 4's lines are not visible in it",
    nearer ? null : "the t-SNE picture of the embedding MLP puts x next to x + 8 no more than its controls do",
    aboveControls(trainedRow.circularityE1, [initialRow.circularityE1, nullRow.circularityE1]) ? null : "E1 is not clearly more circular than its controls",
    aboveControls(trainedRow.circularityWout, [initialRow.circularityWout, nullRow.circularityWout]) ? null : "W_out is not clearly more circular than its controls",
  ].filter((d): d is string => d !== null);
  return { pictureLine, powerPictureLine, comparison, disagreements, findings, saved };
}

export interface CirclesResult extends CirclesSummary {
  params: CirclesParams;
  dataset: Dataset;
  records: LogRecord[];
  events: GrokkingEvents;
  /** t-SNE points of W_out's rows: trained, initial, and the trained rows with residues permuted. */
  pictures: { weights: string; points: number[][] }[];
  pictureRows: PictureRow[];
  /** The same of Power's transformer's unembedding (W_U's columns), Fig. 4's own network, with its run's log. */
  powerPictures: { weights: string; points: number[][] }[];
  powerPictureRows: PictureRow[];
  powerRecords: LogRecord[];
  /** Other colourings of the pictures: x mod m, and the phase at W_out's strongest frequency. */
  colourings: ResidueColouring[];
  /** E1's Fourier norms, initial and trained, with the trained key frequencies. */
  spectrum: { initial: number[]; trained: number[]; keys: number[] };
  /** The trained E1's 4 strongest frequencies, by norm. */
  strongest: number[];
  /** E1 in the strongest frequencies' planes: trained and initial. */
  circles: { trained: CirclePlane[]; initial: CirclePlane[] };
  /** Angles of E1 and E2 on the strongest frequency's circle, for torusView: trained and initial. */
  torus: { trained: { theta: number[]; phi: number[] }; initial: { theta: number[]; phi: number[] }; k: number };
  /** The checkpoint slider's frames and its control (the initial weights). */
  snapshots: CheckpointSnapshot[];
  sliderControl: { label: string; spectrum: number[]; points: number[][] };
  /** Structure measures: trained, initial, null. */
  structure: StructureRow[];
}

/** t-SNE pictures of a network's output rows, trained, initial and permuted, with their measures. */
function tsnePictures(trained: number[][], initial: number[][], trainedLabel: string, perplexity: number) {
  const panels: [string, number[][]][] = [
    [trainedLabel, trained],
    ["initial weights", initial],
    ["null: trained rows, residues permuted", permuteRows(trained, 1)],
  ];
  const pictures = panels.map(([weights, w]) => ({ weights, points: tsne(w, { perplexity }) }));
  const rows: PictureRow[] = panels.map(([weights, w], i) => ({
    weights,
    trustworthiness: trustworthiness(w, pictures[i].points, 5),
    xToXPlus8Distance: stepDistanceRatio(pictures[i].points, 8),
    circularityOfWout: circularity(w).score,
  }));
  return { pictures, rows };
}

/** The strongest frequencies of a spectrum by norm (the constant left out). */
function strongestOf(norms: number[], count: number): number[] {
  return norms.map((n, k) => [n, k]).slice(1).sort((x, y) => y[0] - x[0]).slice(0, count).map(([, k]) => k);
}

/**
 * Trains (or reads back) the run, shown live, and measures everything the notebook draws.
 * @example
 * const study = await gl.circles(gl.circlesPreset(gl.notebookMode()));
 * await gl.show(study.pictureRows);
 */
export async function circles(params: CirclesParams): Promise<CirclesResult> {
  const config = circlesConfig(params);
  const dataset = makeDataset(config.data);
  const { p } = params;
  const run = await runLive(config, { title: `Embedding MLP, a+b mod ${p}: live` });
  run.model.dispose();
  const records = run.records;
  const folder = RunFolder.open(config.run.dir);
  const controls = analyseWithControls(folder, dataset);
  const [trained, initial, nulled] = [controls.trained.analysis, controls.initial.analysis, controls.null.analysis];
  const last = records[records.length - 1].step;
  const { pictures, rows: pictureRows } = tsnePictures(trained.unembedding, initial.unembedding, `trained (${last} steps)`, params.perplexity);
  // Fig. 4's own network: Power's transformer on x+y mod powerP, its unembedding's residue rows.
  const powerConfig = circlesPowerConfig(params);
  const powerRun = await runLive(powerConfig, { title: `Power's transformer, a+b mod ${params.powerP}: live` });
  powerRun.model.dispose();
  const power = analyseWithControls(RunFolder.open(powerConfig.run.dir), makeDataset(powerConfig.data));
  const powerLast = powerRun.records[powerRun.records.length - 1].step;
  const { pictures: powerPictures, rows: powerPictureRows } = tsnePictures(
    power.trained.analysis.unembedding,
    power.initial.analysis.unembedding,
    `trained (${powerLast} steps)`,
    params.perplexity,
  );
  const [woutStrongest] = strongestOf(fourierNorms(trained.unembedding), 1);
  const residues = Array.from({ length: p }, (_, x) => x);
  const colourings: ResidueColouring[] = [
    ...params.colourMods.map((m) => ({ label: `x mod ${m}`, values: residues.map((x) => x % m) })),
    { label: `phase at k = ${woutStrongest} (degrees)`, values: residues.map((x) => (((woutStrongest * x) % p) * 360) / p), continuous: true, period: 360 },
  ];
  const strongest = strongestOf(trained.norms, 4);
  const angles = (a: ModelAnalysis) => ({ theta: circleCoordinates(a.embedding, strongest[0]).angles, phi: circleCoordinates(a.embeddingB, strongest[0]).angles });
  const structure = [structureRow("trained", trained), structureRow("initial", initial), structureRow("null (residues permuted)", nulled)];
  return {
    params,
    dataset,
    records,
    events: grokkingEvents(records),
    pictures,
    pictureRows,
    powerPictures,
    powerPictureRows,
    powerRecords: powerRun.records,
    colourings,
    spectrum: { initial: initial.norms, trained: trained.norms, keys: trained.keys },
    strongest,
    circles: { trained: circlePlanes(trained.embedding, strongest), initial: circlePlanes(initial.embedding, strongest) },
    torus: { trained: angles(trained), initial: angles(initial), k: strongest[0] },
    snapshots: analyseCheckpoints(folder, dataset).snapshots,
    sliderControl: { label: "initial weights", spectrum: initial.norms, points: pca(initial.embedding, 2).points },
    structure,
    ...summariseCircles(params, structure, pictureRows, powerPictureRows),
  };
}
