/**
 * Notebook 06's study, Power et al.'s flatness question: sharpness φ of trained networks against
 * their validation accuracy (Spearman's ρ, theirs −0.79548). The networks are notebook 05's sweep
 * read back (nothing is trained here): every checkpoint whose logged training accuracy reaches the
 * threshold. Parameters in (a preset a mode); the scatter's points, the comparison and the typed
 * findings out.
 */
import { NotebookMode } from "../config/notebookMode";
import { makeDataset } from "../data/makeDataset";
import { ResolvedExperimentConfig } from "../specs/ExperimentConfig";
import { readRuns } from "../runs/readRuns";
import { RunFolder } from "../runs/RunFolder";
import { readableRunName } from "../experiment/expandSweep";
import { sharpnessAtCheckpoints } from "../analysis/flatness/sharpnessAtCheckpoints";
import { spearman } from "../analysis/statistics/spearman";
import { Finding } from "../analysis/ledger/Finding";
import { findingRef } from "../analysis/ledger/FindingRef";
import { weightDecayDataPreset } from "./weightDecayData";

export interface FlatnessParams {
  /** Sweep folders whose runs' checkpoints are the networks (notebook 05's grid and its extra seeds). */
  sweeps: string[];
  /** Only checkpoints whose logged training accuracy is at least this are measured (networks that fit their data). */
  minTrainAccuracy: number;
  /** The seed of φ's random subspace. */
  subspaceSeed: number;
}

/** Notebook 05's folders of the same mode. */
export function flatnessPreset(mode: NotebookMode, runsDir = "../runs"): FlatnessParams {
  const grid = weightDecayDataPreset(mode, runsDir);
  return { sweeps: [grid.dir, grid.seedsDir], minTrainAccuracy: 0.99, subspaceSeed: 1 };
}

/** One network: φ and validation accuracy of a checkpoint. */
export interface FlatPoint {
  phi: number;
  valAccuracy: number;
  label: string;
  /** φ at or below its resolution: not ranked. */
  belowResolution?: boolean;
}

export interface FlatnessFindings {
  rho: number | null;
  pValue: number | null;
  n: number;
}

/** Where notebook 06 saves its findings, as the claims ledger reads them. */
export const flatnessRefs = {
  notebook: "06-flatness",
  flatness: findingRef<FlatnessFindings>("06-flatness", "flatness", { rho: true, pValue: true, n: true }),
};

export interface FlatnessSummary {
  /** The networks whose φ is above its resolution (the scatter's and the correlation's), and how many were left out. */
  ranked: FlatPoint[];
  belowResolution: number;
  /** Spearman's ρ(φ, validation accuracy), null when either does not vary. */
  correlation: { rho: number; pValue: number; n: number } | null;
  /** The correlation in a sentence beside Power et al.'s. */
  correlationLine: string;
  comparison: Record<string, string>[];
  findings: FlatnessFindings;
  saved: Record<string, Finding>;
}

/** The correlation, comparison and findings of the networks' points (pure). */
export function summariseFlatness(all: FlatPoint[], runs: number): FlatnessSummary {
  const points = all.filter((p) => !p.belowResolution);
  const below = all.length - points.length;
  const spread = new Set(points.map((f) => f.valAccuracy)).size > 1 && new Set(points.map((f) => f.phi)).size > 1;
  const correlation = spread ? spearman(points.map((f) => f.phi), points.map((f) => f.valAccuracy)) : null;
  const s = correlation;
  const correlationLine = s
    ? `measured Spearman ρ = ${s.rho.toFixed(3)} (p = ${s.pValue.toPrecision(2)}, n = ${s.n}); Power et al.: −0.79548 (p < 0.000014)`
    : "the networks do not differ in validation accuracy or φ: no rank correlation to measure";
  const comparison = [
    { quantity: "Spearman ρ(validation accuracy, φ)", "Power et al.": "−0.79548", measured: s ? s.rho.toFixed(3) : "n/a" },
    { quantity: "p-value", "Power et al.": "< 0.000014", measured: s ? s.pValue.toPrecision(2) : "n/a" },
    {
      quantity: "networks",
      "Power et al.": "their trained networks (several settings)",
      measured: `${points.length} (the checkpoints of ${runs} runs that fit their training set${below ? `; ${below} more with φ below its resolution, not ranked` : ""})`,
    },
  ];
  const findings: FlatnessFindings = { rho: s ? s.rho : null, pValue: s ? s.pValue : null, n: points.length };
  const saved: Record<string, Finding> = {
    [flatnessRefs.flatness.id]: {
      text: s
        ? `φ vs validation accuracy over ${s.n} networks (notebook 05's checkpoints that fit their training set${below ? `; ${below} more below φ's resolution, not ranked` : ""}): Spearman ρ = ${s.rho.toFixed(3)} (p = ${s.pValue.toPrecision(2)})`
        : `φ vs validation accuracy over ${points.length} networks: no spread to rank`,
      values: { ...findings },
      section: "Pooled: notebook 05's checkpoints",
    },
  };
  return { ranked: points, belowResolution: below, correlation, correlationLine, comparison, findings, saved };
}

export interface FlatnessResult extends FlatnessSummary {
  params: FlatnessParams;
  /** What was read: every run's name and state, and how many were left out (not started). */
  runsLine: string;
  runs: number;
  points: FlatPoint[];
}

/**
 * Reads notebook 05's runs and measures φ at their checkpoints that fit their data.
 * @example
 * const study = gl.flatness(gl.flatnessPreset(gl.notebookMode()));
 * await gl.show(gl.sharpnessScatter(study.points));
 */
export function flatness(params: FlatnessParams): FlatnessResult {
  const [first, ...rest] = params.sweeps;
  const swept = [...readRuns(first, { required: "run notebooks/05-weight-decay-data.ipynb in this mode first" }), ...rest.flatMap((dir) => readRuns(dir))];
  // Runs of the sweep that have not started yet hold no network; an unfinished run's checkpoints are networks all the same.
  const runs = swept.filter((r) => r.status.state !== "pending");
  const runsLine =
    `${swept.length} runs in ${params.sweeps.join(" and ")}: ${swept.map((r) => `${readableRunName(r.name)} (${r.status.state})`).join("; ")}` +
    (runs.length < swept.length ? `; the ${swept.length - runs.length} not started are left out` : "");
  const points = runs.flatMap((r) => {
    const folder = RunFolder.open(r.dir);
    const dataset = makeDataset((folder.config as ResolvedExperimentConfig).data);
    return sharpnessAtCheckpoints(folder, dataset, { seed: params.subspaceSeed, minTrainAccuracy: params.minTrainAccuracy })
      .filter((m) => m.valAccuracy !== null)
      .map((m) => ({ phi: m.phi, valAccuracy: m.valAccuracy!, label: `${readableRunName(r.name)}, step ${m.step}`, belowResolution: m.belowResolution }));
  });
  return { params, runsLine, runs: runs.length, points, ...summariseFlatness(points, runs.length) };
}
