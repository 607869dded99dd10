/**
 * Whether a run that should be training has stopped writing: its log.jsonl has not changed for
 * `maxSilenceSeconds` (a killed kernel, a hung process).
 */
import * as fs from "fs";
import { runFiles } from "./runLayout";

/**
 * @example
 * runStalled("runs/mlp-97", 600); // { stalled: false, silentSeconds: 12.4 }
 */
export function runStalled(runDir: string, maxSilenceSeconds: number, now = Date.now()): { stalled: boolean; silentSeconds: number } {
  const log = runFiles(runDir).log;
  if (!fs.existsSync(log)) throw new Error(`runStalled: no log at "${log}"; expected a run folder`);
  if (!(maxSilenceSeconds > 0)) throw new Error(`runStalled: maxSilenceSeconds must be > 0; received ${maxSilenceSeconds}`);
  const silentSeconds = (now - fs.statSync(log).mtimeMs) / 1000;
  return { stalled: silentSeconds > maxSilenceSeconds, silentSeconds };
}
