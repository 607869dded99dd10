/**
 * Notebook 01's study, Power et al.'s Fig. 1: their transformer on x/y mod p with half of the pairs,
 * accuracy against the step on a log axis, with the weight norm over the plateau. Parameters in
 * (quick, full and paper presets), the runs (a sweep over weight decay, shown live, resumable), each
 * run's grokking summary, the figures' data, the comparison with the paper and the typed findings
 * the claims ledger reads out.
 */
import { forMode, NotebookMode } from "../config/notebookMode";
import { grokkingSummary, GrokkingSummary } from "../analysis/events/grokkingSummary";
import { GrokkingEvents } from "../analysis/events/grokkingEvents";
import { Finding } from "../analysis/ledger/Finding";
import { findingRef } from "../analysis/ledger/FindingRef";
import { LogRecord } from "../logs/LogRecord";
import { StepSeries } from "../plots/stepSeries";
import { runSweepLive } from "../live/runSweepLive";
import { powerTraining } from "./powerTraining";

export interface GrokkingCurvesParams {
  p: number;
  operation: "x/y" | "x+y" | "x-y";
  trainFraction: number;
  /** One run each (the sweep's grid). */
  weightDecays: number[];
  /** Steps a run may take (runs stop 3 evaluations after validation reaches 99%). */
  budget: number;
  /** The fixed evaluation grid (the stopping rule reads it); log-spaced evaluations are added on top. */
  evaluateEvery: number;
  /** Log-spaced evaluations a decade, for the log axis. */
  perDecade: number;
  checkpointsPerDecade: number;
  /** The sweep's folder, e.g. "../runs/01-grokking-curves-full". */
  dir: string;
}

/** The settings of each mode: quick (CI), full (the main command) and paper (10⁶ steps, with and without weight decay, as Fig. 1 was made without it). */
export function grokkingCurvesPreset(mode: NotebookMode, runsDir = "../runs"): GrokkingCurvesParams {
  return {
    p: forMode(mode, { quick: 11, full: 97 }),
    operation: "x/y",
    trainFraction: 0.5,
    weightDecays: forMode(mode, { quick: [1], full: [1], paper: [1, 0] }),
    budget: forMode(mode, { quick: 300, full: 10000, paper: 1000000 }),
    evaluateEvery: forMode(mode, { quick: 20, full: 100, paper: 1000 }),
    perDecade: 20,
    checkpointsPerDecade: 2,
    dir: `${runsDir}/01-grokking-curves-${mode}`,
  };
}

/** The base experiment of every run (the sweep varies the weight decay). */
export function grokkingCurvesBase(params: GrokkingCurvesParams) {
  return { ...powerTraining(params), run: { checkpointsPerDecade: params.checkpointsPerDecade } };
}

/** What the summary reads of a run. */
export interface CurveRun {
  weightDecay: number;
  records: LogRecord[];
  events: GrokkingEvents;
}

/** The numbers notebook 10 reads (Fig. 1 and the phases' weight norm), of the first run. */
export interface GrokkingCurvesFindings {
  p: number;
  chance: number;
  memorisation: number | null;
  valAtMemorisation: number | null;
  transitionStart: number | null;
  transitionEnd: number | null;
  generalisation: number | null;
  lastStep: number;
  normAtMemorisation: number | null;
  normAtTransition: number | null;
  normAtEnd: number | null;
}

/** Where notebook 01 saves its findings, as the claims ledger reads them. */
export const grokkingCurvesRefs = {
  notebook: "01-grokking-curves",
  fig1: findingRef<GrokkingCurvesFindings>("01-grokking-curves", "fig1", {
    p: true, chance: true, memorisation: true, valAtMemorisation: true, transitionStart: true, transitionEnd: true,
    generalisation: true, lastStep: true, normAtMemorisation: true, normAtTransition: true, normAtEnd: true,
  }),
};

export interface GrokkingCurvesResult<R extends CurveRun = CurveRun> {
  params: GrokkingCurvesParams;
  runs: R[];
  /** Each run's grokking summary, with its weight decay. */
  summaries: (GrokkingSummary & { weightDecay: number })[];
  /** One training-curves figure's data a run: its log, events and title. */
  curves: { records: LogRecord[]; steps: GrokkingEvents; title: string }[];
  /** The weight norm (left) and validation accuracy (right) of every run, for stepSeries. */
  normSeries: StepSeries[];
  /** Power et al.'s Fig. 1 beside each run. */
  comparison: Record<string, string | number>[];
  /** One sentence on the first run. */
  conclusion: string;
  findings: GrokkingCurvesFindings;
  /** The findings as notebook 10's ledger reads them (saveFindings). */
  saved: Record<string, Finding>;
}

/** Power et al.'s Fig. 1 (weight decay 0), read off the figure. */
const PUBLISHED = { memorisation: "before 10³", leavesChance: "~10⁵", generalisation: "near 10⁶ (train level)" };

/** Summaries, figures' data, comparison and findings of the runs (pure). */
export function summariseGrokkingCurves<R extends CurveRun>(params: GrokkingCurvesParams, runs: R[]): Omit<GrokkingCurvesResult<R>, "params" | "runs"> {
  if (runs.length === 0) throw new Error("grokkingCurves: no runs to summarise; expected one a weight decay");
  const { p, operation, trainFraction } = params;
  const summaries = runs.map((r) => ({ weightDecay: r.weightDecay, ...grokkingSummary(r.records, p) }));
  const curves = runs.map((r) => ({
    records: r.records,
    steps: r.events,
    title: `${operation} mod ${p}, ${100 * trainFraction}% of pairs, weight decay ${r.weightDecay}`,
  }));
  const normSeries = runs.flatMap((r) => [
    { name: `weight norm, wd ${r.weightDecay}`, steps: r.records.map((x) => x.step), values: r.records.map((x) => x.weightNorm) },
    { name: `validation accuracy, wd ${r.weightDecay}`, steps: r.records.map((x) => x.step), values: r.records.map((x) => x.valAccuracy), right: true },
  ]);
  const measured = (f: (s: (typeof summaries)[number]) => string | number) => Object.fromEntries(summaries.map((s) => [`measured, wd ${s.weightDecay}`, f(s)]));
  const comparison = [
    { quantity: "training accuracy ≥ 99%", "Power et al. (wd 0)": PUBLISHED.memorisation, ...measured((s) => s.memorisation ?? "censored") },
    { quantity: "validation accuracy leaves chance (transition start)", "Power et al. (wd 0)": PUBLISHED.leavesChance, ...measured((s) => s.transitionStart ?? "censored") },
    { quantity: "validation accuracy ≥ 99%", "Power et al. (wd 0)": PUBLISHED.generalisation, ...measured((s) => s.generalisation ?? `censored at ${s.lastStep}`) },
  ];
  const first = summaries[0];
  const conclusion =
    first.generalisation === null
      ? `weight decay ${first.weightDecay}: validation did not reach 99% within ${first.lastStep} steps`
      : `weight decay ${first.weightDecay}: memorised at step ${first.memorisation} (validation then ${first.valAtMemorisation!.toFixed(3)}, chance ${first.chance.toFixed(3)}), ` +
        `generalised at ${first.generalisation}, ${(first.generalisation / first.memorisation!).toFixed(1)}× later; the paper's 10³ → 10⁶ was without weight decay, which shortens the plateau by orders of magnitude (Power et al.'s Fig. 2 setting)`;
  const findings: GrokkingCurvesFindings = {
    p,
    chance: first.chance,
    memorisation: first.memorisation,
    valAtMemorisation: first.valAtMemorisation,
    transitionStart: first.transitionStart,
    transitionEnd: first.transitionEnd,
    generalisation: first.generalisation,
    lastStep: first.lastStep,
    normAtMemorisation: first.normAtMemorisation,
    normAtTransition: first.normAtTransition,
    normAtEnd: first.normAtEnd,
  };
  const saved: Record<string, Finding> = {
    [grokkingCurvesRefs.fig1.id]: {
      text:
        `${operation} mod ${p}, Power's transformer, weight decay ${first.weightDecay}: training ≥ 99% at step ${first.memorisation ?? "censored"}, ` +
        `validation ≥ 99% at ${first.generalisation ?? "censored"} (budget ${first.lastStep}); weight norm ${first.normAtMemorisation?.toFixed(1)} at memorisation, ${first.normAtEnd?.toFixed(1)} at the end`,
      values: { ...findings },
      section: "Fig. 1: accuracy against the step, log axis",
    },
  };
  return { summaries, curves, normSeries, comparison, conclusion, findings, saved };
}

/**
 * Runs (or reads back) the weight-decay sweep, shown live, and summarises it.
 * @example
 * const study = await gl.grokkingCurves(gl.grokkingCurvesPreset(gl.notebookMode()));
 * await gl.show(study.curves.map((c) => gl.trainingCurves(c.records, c)));
 */
export async function grokkingCurves(params: GrokkingCurvesParams): Promise<GrokkingCurvesResult & { status: string }> {
  const { operation, p } = params;
  const live = await runSweepLive({ base: grokkingCurvesBase(params), grid: { "train.optimizer.weightDecay": params.weightDecays } }, params.dir, {
    title: `${operation} mod ${p}: validation (solid) and training (dotted) accuracy`,
  });
  const runs = live.map((r) => ({ ...r, weightDecay: r.row["train.optimizer.weightDecay"] as number }));
  const status = runs.map((r) => `${r.name}: ${r.row.status ?? "ended"} at step ${r.records.at(-1)?.step}`).join("\n");
  return { params, runs, status, ...summariseGrokkingCurves(params, runs) };
}
