/**
 * The log of a groklab run folder, read as loadLog reads a groklab log (steps must go forward, a
 * torn last line from a kill is dropped and reported).
 */
import * as fs from "fs";
import { loadLog, LoadedLog } from "../logs/loadLog";
import { runFiles } from "./runLayout";

/**
 * @example
 * const { records } = runLog("runs/mlp-97");
 */
export function runLog(dir: string): LoadedLog {
  if (typeof dir !== "string" || dir === "") throw new Error(`runLog: dir must be a run folder's path (a non-empty string); received ${JSON.stringify(dir)}`);
  const file = runFiles(dir).log;
  if (!fs.existsSync(file)) throw new Error(`runLog: no log at "${file}"; expected a groklab run folder (made by runExperiment or groklab train)`);
  return loadLog(file, { format: "groklab" });
}
