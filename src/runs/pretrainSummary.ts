/**
 * What the pre-training of a run cost (its folder's pretrain.json), written once the pre-training
 * ended and read back to report times to grok with and without it.
 */
import * as fs from "fs";
import { runFiles } from "./runLayout";
import { writeAtomic } from "./writeAtomic";

/** What the pre-training of a run did (its folder's pretrain.json). */
export interface PretrainSummary {
  operation: string;
  steps: number;
  seconds: number;
  valAccuracy: number;
  resetUnembedding: boolean;
}

/** Writes the summary into the run folder `dir` (atomically). */
export function writePretrainSummary(dir: string, summary: PretrainSummary): void {
  writeAtomic(dir, runFiles(dir).pretrain, JSON.stringify(summary, null, 2) + "\n");
}

/**
 * The pre-training summary of a run folder, or null for a run without pre-training.
 * @example
 * const seconds = (pretrainSummary(run.dir)?.seconds ?? 0) + secondsToGrok;
 */
export function pretrainSummary(dir: string): PretrainSummary | null {
  const file = runFiles(dir).pretrain;
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as PretrainSummary) : null;
}
