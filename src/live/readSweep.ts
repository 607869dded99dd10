/**
 * A sweep folder's ended runs, read back as `runSweepLive` returns them (log, result row, grokking
 * events), without running or waiting: for sweeps trained elsewhere (a terminal, another machine,
 * an archive unpacked into runs/) and for tables made outside a notebook.
 */
import { grokkingEvents } from "../analysis/events/grokkingEvents";
import { loadResults } from "../experiment/collectResults";
import { readRuns } from "../runs/readRuns";
import { LiveSweepRun } from "./runSweepLive";

/**
 * @example
 * const runs = readSweep("runs/08-micro-grokking-power-paper");
 * sweepInterventionTable(runs, { baselines: ["AdamW lr 1e-3"], where: { "data.operation": "x/y" } });
 */
export function readSweep(dir: string): LiveSweepRun[] {
  const rows = loadResults(dir);
  return readRuns(dir, { required: "expected a sweep folder (sweep.json and results.jsonl)" }).flatMap((run) => {
    const row = rows.find((r) => r.name === run.name);
    return row ? [{ ...run, row: row as LiveSweepRun["row"], events: grokkingEvents(run.records) }] : [];
  });
}
