/**
 * The runs of a run folder or a sweep folder as they are now, each with its status and log: what
 * `watch` reads on every tick, and what a notebook uses to analyse runs another notebook (or a
 * terminal) trained, without training or waiting.
 */
import * as fs from "fs";
import { runsOf } from "./runsOf";
import { runStatus, RunStatus } from "./runStatus";
import { loadLog } from "../logs/loadLog";
import { LogRecord } from "../logs/LogRecord";
import { runFiles, sweepFiles } from "./runLayout";

export interface WatchedRun {
  name: string;
  dir: string;
  status: RunStatus;
  records: LogRecord[];
}

/**
 * @param options.required throw (naming the folder) when it holds no run yet, instead of returning []
 * @example
 * const runs = readRuns("../runs/05-weight-decay-x-fraction-full", { required: "run notebook 05 first" });
 */
export function readRuns(dir: string, options: { stalledAfterSeconds?: number; required?: string } = {}): WatchedRun[] {
  if (!fs.existsSync(sweepFiles(dir).spec) && !fs.existsSync(runFiles(dir).config)) {
    if (options.required) throw new Error(`readRuns: "${dir}" holds no run folder or sweep yet; ${options.required}`);
    return [];
  }
  return runsOf(dir, "readRuns").map((r) => {
    const status = runStatus(r.dir, { stalledAfterSeconds: options.stalledAfterSeconds ?? 600 });
    const logPath = runFiles(r.dir).log;
    return { ...r, status, records: status.state === "pending" || !fs.existsSync(logPath) ? [] : loadLog(logPath, { format: "groklab" }).records };
  });
}
