/**
 * A sweep run from a notebook cell: the runs go to worker processes (runSweep; an interrupted sweep
 * resumes, finished runs are read back), the cell shows them live (watch), and each run comes back
 * with its log, its result row and its grokking events.
 */
import { grokkingEvents, GrokkingEvents } from "../analysis/grokkingEvents";
import { SweepResult } from "../experiment/collectResults";
import { runSweep, SweepOptions } from "../experiment/runSweep";
import { watch } from "./watch";
import { WatchedRun } from "./readRuns";

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
  const { title, ...sweepOptions } = options;
  const running = runSweep(spec, dir, sweepOptions);
  const watched = await watch(dir, { title });
  const rows = await running;
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
