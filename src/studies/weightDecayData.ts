/**
 * Notebook 05's study, Power et al.'s Fig. 2 question: on their transformer, how many steps to 99%
 * validation accuracy over weight decay × training fraction, and the smallest fraction that groks
 * with and without weight decay. Parameters in (with quick, full and paper presets), the runs
 * (a sweep shown live, resumable), the cells over seeds, the figures' data and the typed findings
 * the claims ledger reads out.
 */
import { forMode, NotebookMode } from "../config/notebookMode";
import { classifyPhase, Phase } from "../analysis/events/classifyPhase";
import { seedSummary, SeedSummary } from "../analysis/statistics/seedSummary";
import { formatSeedSummary } from "../display/formatInterventionTable";
import { GrokkingEvents } from "../analysis/events/grokkingEvents";
import { LogRecord } from "../logs/LogRecord";
import { Finding } from "../analysis/ledger/Finding";
import { findingRef } from "../analysis/ledger/FindingRef";
import { LiveSweepRun, runSweepLive } from "../live/runSweepLive";
import { powerTraining } from "./powerTraining";

export interface WeightDecayDataParams {
  p: number;
  operation: "x/y" | "x+y" | "x-y";
  /** Steps a run may take. */
  budget: number;
  decays: number[];
  fractions: number[];
  seeds: number[];
  /** Fractions where a second sweep adds seed 1 with weight decay 1 (networks notebook 06 compares differ in seed too). */
  extraSeedFractions: number[];
  evaluateEvery: number;
  /** Checkpoints at these evaluated multiples (notebook 06 measures φ on them). */
  checkpointEvery: number;
  /** The grid's sweep folder, e.g. "../runs/05-weight-decay-x-fraction-full". */
  dir: string;
  /** The extra seeds' sweep folder. */
  seedsDir: string;
}

/** The settings of each mode: quick (CI), full (the main command) and paper (Power et al.'s grid, 3 seeds, 10⁵ steps). */
export function weightDecayDataPreset(mode: NotebookMode, runsDir = "../runs"): WeightDecayDataParams {
  const by = <T>(quick: T, full: T, paper: T) => forMode(mode, { quick, full, paper });
  return {
    p: by(11, 97, 97),
    operation: "x/y",
    // full: weight decay 1 reached 99% by ~3,800 steps at 50% and 70%; the censored cells were far from it at 6,000
    budget: by(300, 5000, 100000),
    decays: by([0, 1], [0, 1], [0, 0.1, 1]),
    fractions: by([0.5, 0.8], [0.3, 0.5, 0.7], [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]),
    seeds: by([0], [0], [0, 1, 2]),
    extraSeedFractions: by([0.8], [0.5, 0.7], []),
    evaluateEvery: by(20, 100, 500),
    checkpointEvery: by(40, 500, 5000),
    dir: `${runsDir}/05-weight-decay-x-fraction-${mode}`,
    seedsDir: `${runsDir}/05-weight-decay-x-fraction-seeds-${mode}`,
  };
}

/** What the summary reads of a run: its coordinates, events and log. */
export interface GridPoint {
  weightDecay: number;
  fraction: number;
  phase: Phase;
  events: GrokkingEvents;
  records: LogRecord[];
}

/** One run of the grid with its coordinates. */
export interface GridRun extends LiveSweepRun, GridPoint {}

/** One (weight decay, fraction) cell over its seeds: the median steps to 99%, null once half the seeds or more did not get there. */
export interface GridCell<R extends GridPoint = GridRun> {
  weightDecay: number;
  fraction: number;
  summary: SeedSummary;
  runs: R[];
}

/** The numbers notebook 10 reads (its "crucial weight decay" row). */
export interface WeightDecayDataFindings {
  fractions: number;
  groksWithout: number;
  groksWith: number;
  smallestWithout: number | null;
  smallestWith: number | null;
}

/** Where notebook 05 saves its findings, as the claims ledger reads them. */
export const weightDecayDataRefs = {
  notebook: "05-weight-decay-data",
  weightDecay: findingRef<WeightDecayDataFindings>("05-weight-decay-data", "weightDecay", { fractions: true, groksWithout: true, groksWith: true, smallestWithout: true, smallestWith: true }),
};

export interface WeightDecayDataResult<R extends GridPoint = GridRun> {
  params: WeightDecayDataParams;
  runs: R[];
  cells: GridCell<R>[];
  /** The smallest fraction whose cell groks, per weight decay (null: none of the grid). */
  smallest: { weightDecay: number; smallestFraction: number | null }[];
  findings: WeightDecayDataFindings;
  /** The findings as notebook 10's ledger reads them (saveFindings). */
  saved: Record<string, Finding>;
  /** The figures' and tables' data: one row per cell, the heatmap's cells, the phase of every run, the comparison with the paper. */
  table: Record<string, string | number>[];
  heatmap: { x: number; y: number; value: number | null }[];
  phases: { x: number; y: number; phase: Phase }[];
  comparison: Record<string, string | number>[];
}

/** The base experiment of every run. */
export function weightDecayDataBase(params: WeightDecayDataParams) {
  return { ...powerTraining({ ...params, trainFraction: 0.5 }), run: { checkpointEvery: params.checkpointEvery } };
}

/** Cells, smallest fractions and findings of a grid's runs (pure: the part of the study that is arithmetic). */
export function summariseWeightDecayData<R extends GridPoint>(params: WeightDecayDataParams, runs: R[]): Omit<WeightDecayDataResult<R>, "params" | "runs"> {
  const { decays, fractions, seeds, extraSeedFractions, operation, p, budget } = params;
  const cells = decays.flatMap((weightDecay) =>
    fractions.map((fraction) => {
      const mine = runs.filter((r) => r.weightDecay === weightDecay && r.fraction === fraction);
      if (mine.length === 0) throw new Error(`weightDecayData: no run for weight decay ${weightDecay} and fraction ${fraction}`);
      return { weightDecay, fraction, summary: seedSummary(mine.map((r) => r.events.generalisation)), runs: mine };
    }),
  );
  const groks = (c: GridCell<R>) => c.summary.median !== null;
  const smallest = decays.map((weightDecay) => {
    const grokked = cells.filter((c) => c.weightDecay === weightDecay && groks(c)).map((c) => c.fraction);
    return { weightDecay, smallestFraction: grokked.length ? Math.min(...grokked) : null };
  });
  const withDecay = smallest.filter((s) => s.weightDecay > 0 && s.smallestFraction !== null).map((s) => s.smallestFraction!);
  const groksWithout = fractions.filter((f) => cells.some((c) => c.weightDecay === 0 && c.fraction === f && groks(c)));
  const groksWith = fractions.filter((f) => cells.some((c) => c.weightDecay > 0 && c.fraction === f && groks(c)));
  const findings: WeightDecayDataFindings = {
    fractions: fractions.length,
    groksWithout: groksWithout.length,
    groksWith: groksWith.length,
    smallestWithout: smallest.find((s) => s.weightDecay === 0)?.smallestFraction ?? null,
    smallestWith: withDecay.length ? Math.min(...withDecay) : null,
  };
  const extra = extraSeedFractions.length ? ` (and 1 at ${extraSeedFractions.join(", ")}, weight decay 1)` : "";
  const saved: Record<string, Finding> = {
    [weightDecayDataRefs.weightDecay.id]: {
      text:
        `Power's transformer, ${operation} mod ${p}, budget ${budget} steps, seed(s) ${seeds.join(", ")}${extra}: weight decay 0 reached 99% validation at ` +
        `${groksWithout.length} of ${fractions.length} training fractions (${groksWithout.join(", ") || "none"}), weight decay > 0 at ${groksWith.length} (${groksWith.join(", ") || "none"})`,
      values: { ...findings },
      section: "1. Weight decay × training fraction",
    },
  };
  const table = cells.map((c) => ({
    "weight decay": c.weightDecay,
    "training fraction": c.fraction,
    "steps to 99% validation": formatSeedSummary(c.summary),
    "training ≥ 99% at": c.runs.map((r) => r.events.memorisation ?? "never").join(", "),
    "final validation accuracy": c.runs.map((r) => r.records[r.records.length - 1]?.valAccuracy?.toFixed(3) ?? "no record").join(", "),
  }));
  const heatmap = cells.map((c) => ({ x: c.weightDecay, y: c.fraction, value: c.summary.median }));
  const phases = runs.map((r) => ({ x: r.weightDecay, y: r.fraction, phase: r.phase }));
  const none = "none of the grid";
  const comparison = [
    {
      quantity: "effect of weight decay on the data needed",
      "Power et al.": "more than halves the samples needed (Fig. 2, transformer, p = 97, 10⁵ steps)",
      measured: `smallest fraction that groks: ${findings.smallestWithout ?? none} without weight decay, ${findings.smallestWith ?? none} with it (${fractions.join(", ")} tried, budget ${budget})`,
    },
    ...smallest.map((s) => ({ quantity: `smallest fraction that groks, wd ${s.weightDecay}`, "Power et al.": "—", measured: s.smallestFraction ?? "none within the budget" })),
  ];
  return { cells, smallest, findings, saved, table, heatmap, phases, comparison };
}

/**
 * Runs (or reads back) the grid, shown live, and summarises it.
 * @example
 * const study = await gl.weightDecayData(gl.weightDecayDataPreset(gl.notebookMode()));
 * await gl.show(gl.sweepHeatmap(study.cells.map((c) => ({ x: c.weightDecay, y: c.fraction, value: c.summary.median })), …));
 */
export async function weightDecayData(params: WeightDecayDataParams): Promise<WeightDecayDataResult> {
  const { operation, p, decays, fractions, seeds, extraSeedFractions, dir } = params;
  const base = weightDecayDataBase(params);
  const title = (what: string) => `${what} (${operation} mod ${p}): validation (solid) and training (dotted) accuracy`;
  const extra = extraSeedFractions.length
    ? await runSweepLive({ base, grid: { "train.optimizer.weightDecay": [1], "data.trainFraction": extraSeedFractions, "model.seed": [1] } }, params.seedsDir, {
        title: title("seed 1, weight decay 1"),
      })
    : [];
  const grid = await runSweepLive({ base, grid: { "train.optimizer.weightDecay": decays, "data.trainFraction": fractions, "model.seed": seeds } }, dir, {
    title: title("weight decay × fraction"),
  });
  const runs = [...grid, ...extra].map((r) => ({
    ...r,
    weightDecay: r.row["train.optimizer.weightDecay"] as number,
    fraction: r.row["data.trainFraction"] as number,
    phase: classifyPhase(r.events),
  }));
  return { params, runs, ...summariseWeightDecayData(params, runs) };
}
