/**
 * Where each part of a run folder and of a sweep folder lies: the one place that names them.
 *
 * A run folder: config.json (the resolved config, library version, backend), log.jsonl (one
 * record per evaluation), checkpoints/, lock (the pid of its one writer), outcome.json (once it
 * ended), pretrain.json (what a pre-training cost), and for a detached or swept run pid and
 * output.log. A sweep folder: sweep.json (the sweep and its run names), configs/<name>.json,
 * runs/<name>/ (a run folder each), results.jsonl and its own lock.
 */
import * as path from "path";

/** The files of the run folder `dir`. */
export function runFiles(dir: string) {
  return {
    config: path.join(dir, "config.json"),
    log: path.join(dir, "log.jsonl"),
    checkpoints: path.join(dir, "checkpoints"),
    lock: path.join(dir, "lock"),
    outcome: path.join(dir, "outcome.json"),
    pretrain: path.join(dir, "pretrain.json"),
    pid: path.join(dir, "pid"),
    output: path.join(dir, "output.log"),
  };
}

/** The files of the sweep folder `out`. */
export function sweepFiles(out: string) {
  return {
    spec: path.join(out, "sweep.json"),
    configs: path.join(out, "configs"),
    configOf: (name: string) => path.join(out, "configs", `${name}.json`),
    runOf: (name: string) => path.join(out, "runs", name),
    results: path.join(out, "results.jsonl"),
  };
}

/** The entry of a run folder that stays when the folder is emptied to start afresh (its writer's lock). */
export const LOCK_ENTRY = path.basename(runFiles("").lock);
