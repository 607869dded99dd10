/**
 * One row per ended run of a sweep, in the sweep's order, written to OUT/results.jsonl
 * (atomically): the run's config values, memorisation and generalisation steps (null when
 * censored), final accuracies and losses, steps, wall time, speed, backend and threads; flat rows
 * that load straight into a DataFrame. Rebuilt from the run folders each time, so a sweep
 * interrupted and started again writes the same table.
 */
import * as fs from "fs";
import { grokkingEvents } from "../analysis/events/grokkingEvents";
import { RunFolder } from "../runs/RunFolder";
import { writeAtomic } from "../runs/writeAtomic";
import { SweepRun } from "./expandSweep";
import { runFiles, sweepFiles } from "../runs/runLayout";

export interface SweepResult {
  /** The run's folder name; its grid values follow as columns named by dotted config path ("train.optimizer.weightDecay"). */
  name: string;
  /** "unreadable": the run folder could not be read (its error says why); the sweep's other rows stand. */
  status: "finished" | "failed" | "unreadable";
  stoppedBy: string | null;
  error: string | null;
  memorisation: number | null;
  generalisation: number | null;
  censored: boolean;
  finalStep: number | null;
  trainAccuracy: number | null;
  valAccuracy: number | null;
  trainLoss: number | null;
  valLoss: number | null;
  wallTime: number | null;
  stepsPerSecond: number | null;
  backend: string | null;
  threads: number | null;
  [column: string]: unknown;
}

/** The result row of one run, or null while it has not ended. */
export function resultOf(run: SweepRun): SweepResult | null {
  try {
    return readResult(run);
  } catch (err) {
    const none = { stoppedBy: null, memorisation: null, generalisation: null, censored: true, finalStep: null, trainAccuracy: null, valAccuracy: null };
    const rest = { trainLoss: null, valLoss: null, wallTime: null, stepsPerSecond: null, backend: null, threads: null };
    return { name: run.name, ...run.values, status: "unreadable", error: (err as Error).message ?? String(err), ...none, ...rest };
  }
}

function readResult(run: SweepRun): SweepResult | null {
  const dir = run.config.run.dir;
  if (!fs.existsSync(runFiles(dir).config)) return null;
  const folder = RunFolder.open(dir);
  const outcome = folder.outcome();
  if (!outcome) return null;
  const records = folder.records;
  const last = records.at(-1) ?? null;
  const events = records.length ? grokkingEvents(records) : null;
  const finished = outcome.status === "finished" ? outcome : null;
  return {
    name: run.name,
    ...run.values,
    status: outcome.status,
    stoppedBy: finished?.stoppedBy ?? null,
    error: outcome.status === "failed" ? outcome.error : null,
    memorisation: events?.memorisation ?? null,
    generalisation: events?.generalisation ?? null,
    censored: events ? events.censored : true,
    finalStep: last?.step ?? null,
    trainAccuracy: last?.trainAccuracy ?? null,
    valAccuracy: last?.valAccuracy ?? null,
    trainLoss: last?.trainLoss ?? null,
    valLoss: last?.valLoss ?? null,
    wallTime: finished?.wallTime ?? null,
    stepsPerSecond: finished && finished.wallTime > 0 ? finished.step / finished.wallTime : null,
    backend: finished?.backend ?? null,
    threads: finished?.threads ?? null,
  };
}

/**
 * Writes OUT/results.jsonl from the runs' folders and returns its rows.
 * @example
 * const rows = collectResults(runs, "sweeps/wd"); // also in sweeps/wd/results.jsonl
 */
export function collectResults(runs: SweepRun[], out: string): SweepResult[] {
  const rows = runs.map(resultOf).filter((r): r is SweepResult => r !== null);
  writeAtomic(out, sweepFiles(out).results, rows.map((r) => JSON.stringify(r) + "\n").join(""));
  return rows;
}

/**
 * The rows of OUT/results.jsonl (as the sweep last wrote them).
 * @example
 * const df = new dfd.DataFrame(loadResults("sweeps/wd"));
 */
export function loadResults(out: string): SweepResult[] {
  const file = sweepFiles(out).results;
  if (!fs.existsSync(file)) throw new Error(`loadResults: no results at "${file}"; run groklab sweep (or groklab results) on "${out}" first`);
  return fs.readFileSync(file, "utf8").split("\n").filter((l) => l !== "").map((l) => JSON.parse(l) as SweepResult);
}
