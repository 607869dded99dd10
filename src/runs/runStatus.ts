/**
 * What a run folder is doing, read from disk alone (any process, any terminal): finished or
 * failed (outcome.json), running (its lock's process lives and its log moves), stalled (the
 * process lives but the log has not moved for `stalledAfterSeconds`), interrupted (no live
 * writer, no outcome: resumable) or pending (nothing written yet).
 */
import * as fs from "fs";
import { loadLog } from "../logs/loadLog";
import { LogRecord } from "../logs/LogRecord";
import { RunFolder } from "./RunFolder";
import { RunOutcome } from "../train/RunSink";
import { lockHolder } from "./RunLock";
import { runFiles } from "./runLayout";

export type RunState = "pending" | "running" | "stalled" | "interrupted" | "finished" | "failed" | "unreadable";

export interface RunStatus {
  dir: string;
  state: RunState;
  /** The last record of the log, if any. */
  last: LogRecord | null;
  /** The writer's pid while one holds the folder. */
  pid: number | null;
  /** Seconds since the log (or the folder) last changed. */
  silentSeconds: number | null;
  outcome: RunOutcome | null;
  /** Why the folder could not be read (state "unreadable": a corrupt log, config or outcome); null otherwise. */
  problem: string | null;
}

/**
 * @example
 * runStatus("sweeps/wd/runs/weightDecay=1,seed=0").state; // "running"
 */
export function runStatus(dir: string, options: { stalledAfterSeconds?: number; now?: number } = {}): RunStatus {
  try {
    return readStatus(dir, options);
  } catch (err) {
    // one broken folder must not hide the others of a sweep: it is a row of its own
    const pid = lockHolder(dir)?.pid ?? null;
    return { dir, state: "unreadable", last: null, pid, silentSeconds: null, outcome: null, problem: (err as Error).message ?? String(err) };
  }
}

function readStatus(dir: string, options: { stalledAfterSeconds?: number; now?: number }): RunStatus {
  const now = options.now ?? Date.now();
  if (!fs.existsSync(runFiles(dir).config)) {
    return { dir, state: "pending", last: null, pid: lockHolder(dir)?.pid ?? null, silentSeconds: null, outcome: null, problem: null };
  }
  const folder = RunFolder.open(dir);
  const logPath = runFiles(dir).log;
  const hasLog = fs.existsSync(logPath);
  const records = hasLog ? loadLog(logPath, { format: "groklab" }).records : [];
  const last = records.at(-1) ?? null;
  const changed = fs.statSync(hasLog ? logPath : runFiles(dir).config).mtimeMs;
  const silentSeconds = (now - changed) / 1000;
  const outcome = folder.outcome();
  const holder = lockHolder(dir);
  let state: RunState;
  if (holder) state = silentSeconds > (options.stalledAfterSeconds ?? 600) ? "stalled" : "running";
  else if (outcome) state = outcome.status;
  else state = "interrupted";
  return { dir, state, last, pid: holder?.pid ?? null, silentSeconds, outcome, problem: null };
}
