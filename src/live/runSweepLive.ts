/**
 * A sweep run from a notebook cell: the runs go to worker processes (runSweep; an interrupted sweep
 * resumes, finished runs are read back), the cell shows them live (watch), and each run comes back
 * with its log, its result row and its grokking events.
 */
import { grokkingEvents, GrokkingEvents } from "../analysis/events/grokkingEvents";
import { SweepResult } from "../experiment/collectResults";
import { runSweep, SweepOptions } from "../experiment/runSweep";
import { interruptible } from "../train/interruptible";
import { watch, WatchResult } from "./watch";
import { WatchedRun } from "../runs/readRuns";

export interface LiveSweepRun extends WatchedRun {
  /** The run's row of results.jsonl, with its grid values and variant as columns. */
  row: SweepResult & Record<string, unknown>;
  events: GrokkingEvents;
}

/**
 * @param spec a sweep config (SweepConfig)
 * @param dir the sweep's folder
 * @example
 * const runs = await runSweepLive({ base: base, grid: { "train.optimizer.weightDecay": [0, 1] } }, "../runs/wd");
 */
export async function runSweepLive(spec: unknown, dir: string, options: SweepOptions & { title?: string } = {}): Promise<LiveSweepRun[]> {
  const { title, signal: given, ...sweepOptions } = options;
  // The sweep's stop: an interrupt (or the caller's signal), or a watch that fails. A cell that
  // fails must not leave its workers training in the background, nor its sweep's error unheard.
  const { signal, restore } = interruptible(given);
  const stop = new AbortController();
  const onStop = () => stop.abort();
  signal.addEventListener("abort", onStop);
  let watched: WatchResult;
  let rows: SweepResult[];
  try {
    const running = runSweep(spec, dir, { ...sweepOptions, signal: stop.signal });
    // The watch ends with the sweep, also when the sweep fails before its runs start (a bad config).
    const sweepEnded = new AbortController();
    running.then(() => sweepEnded.abort(), () => sweepEnded.abort());
    try {
      watched = await watch(dir, { title, signal: sweepEnded.signal });
    } catch (err) {
      stop.abort();
      const ended = await running.then((r) => `${r.length} runs ended`, (e: Error) => `the sweep failed too: ${e.message}`);
      throw new Error(
        `runSweepLive: watching "${dir}" failed (${(err as Error).message}); the sweep was stopped at its runs' next step, ` +
          `checkpointed (${ended}): run the cell again to resume`,
        { cause: err },
      );
    }
    rows = await running;
  } finally {
    signal.removeEventListener("abort", onStop);
    restore();
  }
  const missing = watched.runs.filter((run) => !rows.some((r) => r.name === run.name));
  if (missing.length) {
    throw new Error(
      `runSweepLive: the sweep in "${dir}" stopped with ${rows.length} of ${watched.runs.length} runs ended ` +
        `(interrupted; "${missing[0].name}"${missing.length > 1 ? ` and ${missing.length - 1} more` : ""} checkpointed): run the cell again to resume`,
    );
  }
  return watched.runs.map((run) => {
    const row = rows.find((r) => r.name === run.name)!;
    return { ...run, row: row as LiveSweepRun["row"], events: grokkingEvents(run.records) };
  });
}
