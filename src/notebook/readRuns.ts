/**
 * The runs of a run folder or a sweep folder as they are now, each with its status and log: what
 * `watch` reads on every tick, and what a notebook uses to analyse runs another notebook (or a
 * terminal) trained, without training or waiting.
 */
import * as fs from "fs";
import * as path from "path";
import { runsOf } from "../experiment/runsOf";
import { runStatus, RunStatus } from "../experiment/runStatus";
import { loadLog } from "../logs/loadLog";
import { LogRecord } from "../logs/LogRecord";

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
  if (!fs.existsSync(path.join(dir, "sweep.json")) && !fs.existsSync(path.join(dir, "config.json"))) {
    if (options.required) throw new Error(`readRuns: "${dir}" holds no run folder or sweep yet; ${options.required}`);
    return [];
  }
  return runsOf(dir, "readRuns").map((r) => {
    const status = runStatus(r.dir, { stalledAfterSeconds: options.stalledAfterSeconds ?? 600 });
    const logPath = path.join(r.dir, "log.jsonl");
    return { ...r, status, records: status.state === "pending" || !fs.existsSync(logPath) ? [] : loadLog(logPath).records };
  });
}
