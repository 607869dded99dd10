/**
 * Watches a run folder or a sweep folder from a notebook while other processes write it (a
 * detached `groklab train`, a `groklab sweep` in a terminal, a cluster): a figure of every run's
 * accuracy and a status table, updated in place as the logs grow, until the runs end (every run
 * finished or failed, or nothing writes the folder any more). The last state stays in the saved
 * and exported notebook, the figure with its static image.
 */
import { readableRunName } from "../experiment/expandSweep";
import { statusRows } from "../experiment/statusRows";
import { compareRuns } from "../plots/compareRuns";
import { lockHolder } from "../runs/RunLock";
import { writeDisplay } from "../display/kernelDisplay";
import { LiveFigure } from "./LiveFigure";
import { readRuns, WatchedRun } from "../runs/readRuns";
import { newDisplayId } from "../display/show";
import { tableBundle } from "../display/tableBundle";

export interface WatchOptions {
  /** How often the folder is read, in ms. Default 1000. */
  intervalMs?: number;
  /** Seconds without a log write after which a live writer counts as stalled. Default 600. */
  stalledAfterSeconds?: number;
  /** Stop watching after this many seconds even if runs go on. Default: no limit. */
  timeoutSeconds?: number;
  /** Figure title. Default "<dir>: validation (solid) and training (dotted) accuracy". */
  title?: string;
  /** Aborting it stops the watch (the runs go on). */
  signal?: AbortSignal;
}


export interface WatchResult {
  runs: WatchedRun[];
  /** True when the runs ended; false when the watch stopped first (timeout, signal). */
  ended: boolean;
}

const ENDED = new Set(["finished", "failed"]);

/** True when nothing will change: every run ended, or no process writes the folder or its runs. */
function over(dir: string, runs: WatchedRun[]): boolean {
  if (runs.length === 0) return false;
  if (runs.every((r) => ENDED.has(r.status.state))) return true;
  const writing = runs.some((r) => r.status.state === "running" || r.status.state === "stalled");
  return !writing && lockHolder(dir) === null;
}

/**
 * @example
 * // in a terminal: npx groklab sweep sweep.json --out ../runs/wd
 * const { runs } = await gl.watch("../runs/wd");
 */
export async function watch(dir: string, options: WatchOptions = {}): Promise<WatchResult> {
  const intervalMs = options.intervalMs ?? 1000;
  const stalledAfterSeconds = options.stalledAfterSeconds ?? 600;
  let runs: WatchedRun[] = [];
  const figure = new LiveFigure(
    () => compareRuns(runs.map((r) => ({ name: readableRunName(r.name), records: r.records })), { title: options.title ?? `${dir}: validation (solid) and training (dotted) accuracy`, withTrain: true }),
    0,
  );
  const tableId = newDisplayId("watch-table");
  let tableShown = false;
  const showTable = () => {
    const rows = runs.length ? statusRows(runs) : [{ run: dir, state: "waiting for the folder to be written" }];
    writeDisplay(tableBundle(rows as Record<string, unknown>[]), tableId, tableShown);
    tableShown = true;
  };
  const started = Date.now();
  let ended = false;
  let seen = "";
  for (;;) {
    runs = readRuns(dir, { stalledAfterSeconds });
    ended = over(dir, runs);
    const state = JSON.stringify(runs.map((r) => [r.status.state, r.records.length]));
    if (state !== seen || !tableShown) {
      showTable();
      if (runs.length) await figure.refresh();
      seen = state;
    }
    const timedOut = options.timeoutSeconds !== undefined && Date.now() - started >= options.timeoutSeconds * 1000;
    if (ended || timedOut || options.signal?.aborted) break;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  if (runs.length) await figure.close();
  showTable();
  return { runs, ended };
}
