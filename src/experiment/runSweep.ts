/**
 * Runs a sweep on this machine: N worker processes of T threads each, one `groklab train` per
 * run, into OUT/runs/<name>. Finished runs are skipped, partial ones resumed from their last
 * checkpoint, a run whose worker dies (SIGKILL, a crash) is started again (up to `retries`), and
 * OUT/results.jsonl is rebuilt from the run folders after every run, so an interrupted sweep
 * started again ends with the same table. One sweep per folder (a lock); the configs each run
 * uses are written to OUT/configs/<name>.json, the same files the emitted Slurm/parallel jobs use.
 * SIGINT to the whole process group (Ctrl-C, Jupyter's interrupt) stops the sweep and every worker,
 * checkpointed; running it again resumes them. A single worker sent SIGINT or SIGTERM on its own
 * checkpoints and exits (code 130): its run is left for the next run of the sweep, not retried.
 */
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import { resolve } from "../config/resolve";
import { makeFolder } from "../runs/makeFolder";
import { interruptible } from "../train/interruptible";
import { RunFolder } from "../runs/RunFolder";
import { lockHolder, RunLock } from "../runs/RunLock";
import { writeAtomic } from "../runs/writeAtomic";
import { busyCores } from "../backend/busyCores";
import { collectResults, resultOf, SweepResult } from "./collectResults";
import { expandSweep, SweepRun } from "./expandSweep";
import { resolveExperiment, ResolvedExperiment } from "./resolveExperiment";
import { optionsOf } from "../config/optionsOf";
import { validateOptions } from "../config/validateConfig";
import { SweepConfigSchema } from "../specs/SweepConfig";
import { runFiles, sweepFiles } from "../runs/runLayout";
import { configDifferences } from "../runs/configDifferences";

/**
 * Workers × threads by default: 2 workers of 1 thread on this 2-core machine gave more runs per
 * hour than 1 worker of 2 threads (README, "Sweeps": `node --import tsx bench/sweepLayout.ts`);
 * a sweep with fewer runs left than cores gives each worker the idle cores' threads instead
 * (`layoutFor`), so one run takes 2 threads on an idle machine here (75 ms a Power step against
 * 101 ms on one).
 */
export const DEFAULT_THREADS = 1;

/**
 * The layout for `queued` runs: what was asked, else one 1-thread worker a core; when fewer runs
 * are left than cores, the idle cores' threads go to the workers (one run alone on two idle cores
 * takes both), but only cores that are idle: on a machine busy with other work (`busyCores`, a
 * half-second sample of /proc/stat), extra threads would wait on each other (a small Nanda model measured 2.5× slower on
 * 2 threads than on 1 while two other trainings held both cores).
 */
export function layoutFor(queued: number, asked: { workers?: number; threads?: number }, cores: number, load: number): { workers: number; threads: number } {
  if (asked.threads !== undefined || asked.workers !== undefined) {
    const threads = asked.threads ?? DEFAULT_THREADS;
    return { threads, workers: asked.workers ?? Math.max(1, Math.floor(cores / threads)) };
  }
  const running = Math.max(1, Math.min(queued, Math.floor(cores / DEFAULT_THREADS)));
  const idle = Math.max(running, cores - Math.round(load));
  return { workers: running, threads: Math.max(DEFAULT_THREADS, Math.floor(idle / running)) };
}

const OPTIONS = optionsOf("workers", "threads", "onEvent", "signal");

export interface SweepOptions {
  /** Worker processes. Default: cores / threads. */
  workers?: number;
  /** Threads per worker (GROKLAB_THREADS). Default 1. */
  threads?: number;
  /** A line for each event (run started, ended, re-queued). Default: none. */
  onEvent?: (line: string, run?: SweepRun) => void;
  /**
   * Aborting it stops every worker at its next step boundary (checkpointed), then returns. Default:
   * SIGINT does (a notebook's stop button; the kernel's own SIGINT listeners are set aside meanwhile),
   * so an interrupted sweep returns with the runs that ended instead of restarting its workers.
   */
  signal?: AbortSignal;
}

/** The command a worker runs for one run (also what the emitted job files run). */
export function workerCommand(configFile: string): { command: string; args: string[] } {
  const cli = require.resolve("../cli/main");
  return { command: process.execPath, args: [...process.execArgv, cli, "train", configFile, "--worker"] };
}

/** The configs' file of each run: OUT/configs/<name>.json. */
export const configFileOf = (out: string, run: SweepRun) => sweepFiles(out).configOf(run.name);

/**
 * True when the config saved for a run (OUT/configs/<name>.json) is not the one the sweep now gives
 * it: compared by runs' one rule, with today's defaults filled into the saved one (a field added
 * since keeps an old run's meaning); a saved config that is no longer valid has changed.
 */
function changedConfig(saved: unknown, now: ResolvedExperiment): boolean {
  try {
    return configDifferences(resolveExperiment(saved), now).length > 0;
  } catch {
    return true;
  }
}

/**
 * Writes OUT/sweep.json and OUT/configs/. A folder that holds an earlier version of the sweep is
 * taken over when every run of the same name keeps its config: runs added (a new grid value, a new
 * entry of `configs`) are trained, finished ones are read back, and runs the new version no longer
 * names stay in the folder untouched. A run whose config changed under the same name is refused.
 */
export function writeSweepFiles(input: unknown, out: string, runs: SweepRun[]): void {
  makeFolder(out, out);
  const sweepFile = sweepFiles(out).spec;
  const spec = { sweep: resolve(SweepConfigSchema, input, "sweep"), runs: runs.map((r) => ({ name: r.name, values: r.values })) };
  const changed = runs.filter((run) => {
    const file = configFileOf(out, run);
    return fs.existsSync(file) && changedConfig(JSON.parse(fs.readFileSync(file, "utf8")), run.config);
  });
  if (changed.length) {
    const names = changed.slice(0, 3).map((r) => `"${r.name}"`).join(", ") + (changed.length > 3 ? ` and ${changed.length - 3} more` : "");
    throw new Error(
      `groklab sweep: "${out}" holds run(s) ${names} with another config than this sweep gives them; ` +
        `use another --out folder, give the changed runs new names, or remove "${out}"`,
    );
  }
  writeAtomic(out, sweepFile, JSON.stringify(spec, null, 2) + "\n");
  makeFolder(out, sweepFiles(out).configs);
  for (const run of runs) writeAtomic(out, configFileOf(out, run), JSON.stringify(run.config, null, 2) + "\n");
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * @example
 * const rows = await runSweep(JSON.parse(fs.readFileSync("sweep.json", "utf8")), "sweeps/wd", { workers: 2, threads: 1 });
 */
export async function runSweep(input: unknown, out: string, options: SweepOptions = {}): Promise<SweepResult[]> {
  validateOptions(OPTIONS, options, "runSweep");
  const sweep = resolve(SweepConfigSchema, input, "sweep");
  const runs = expandSweep(sweep, out);
  const retries = sweep.retries;
  for (const name of ["workers", "threads"] as const) {
    const v = options[name];
    if (v !== undefined && (!Number.isInteger(v) || v < 1)) throw new Error(`runSweep: ${name} must be an integer ≥ 1; received ${v}`);
  }
  const say = options.onEvent ?? (() => {});
  const lock = RunLock.acquire(out, "groklab sweep");
  const { signal, restore } = interruptible(options.signal);
  const active = new Map<ChildProcess, SweepRun>();
  try {
    writeSweepFiles(sweep, out, runs);
    const queue = runs.filter((r) => resultOf(r) === null);
    const attempts = new Map<string, number>();
    const { workers, threads } = layoutFor(queue.length, options, os.cpus().length, options.threads === undefined && options.workers === undefined && queue.length > 0 ? await busyCores(300) : 0);
    say(`sweep "${out}": ${runs.length} runs, ${runs.length - queue.length} already ended; ${workers} worker(s) × ${threads} thread(s)`);
    collectResults(runs, out);
    let ended = runs.length - queue.length;
    const start = (run: SweepRun) => {
      const dir = run.config.run.dir;
      makeFolder(dir, dir);
      const output = fs.openSync(runFiles(dir).output, "a");
      const { command, args } = workerCommand(configFileOf(out, run));
      const child = spawn(command, args, { stdio: ["ignore", output, output], env: { ...process.env, GROKLAB_THREADS: String(threads) } });
      fs.closeSync(output);
      active.set(child, run);
      say(`started ${run.name} (process ${child.pid})`, run);
      child.once("exit", (code, killedBy) => {
        active.delete(child);
        const result = resultOf(run);
        if (result) {
          ended += 1;
          collectResults(runs, out);
          const g = result.generalisation === null ? "censored" : `generalised at ${result.generalisation}`;
          say(`[${ended}/${runs.length}] ${run.name}: ${result.status}${result.error ? ` (${result.error})` : ""} at step ${result.finalStep}, ${g}`, run);
          return;
        }
        if (signal.aborted) return; // interrupted on purpose: resumed next time
        if (code === 130) {
          // The worker itself was sent SIGINT or SIGTERM and stopped, checkpointed: not a crash to retry.
          say(`${run.name}: worker interrupted at a step boundary (checkpointed); left for the next run of this sweep to resume`, run);
          return;
        }
        const n = (attempts.get(run.name) ?? 0) + 1;
        attempts.set(run.name, n);
        const why = killedBy ? `killed by ${killedBy}` : `exited with code ${code}`;
        if (n <= retries) {
          say(`${run.name}: worker ${why}; started again from its last checkpoint (${n}/${retries})`, run);
          queue.unshift(run);
        } else {
          const folderLock = RunLock.acquire(dir);
          try {
            const folder = RunFolder.open(dir);
            folder.setOutcome({ status: "failed", error: `worker ${why} ${n} times; see "${runFiles(dir).output}"`, step: folder.records.at(-1)?.step ?? null, at: new Date().toISOString() });
          } finally {
            folderLock.release();
          }
          ended += 1;
          collectResults(runs, out);
          say(`[${ended}/${runs.length}] ${run.name}: failed (worker ${why} ${n} times)`, run);
        }
      });
    };
    const onAbort = () => active.forEach((_, child) => child.kill("SIGTERM"));
    signal.addEventListener("abort", onAbort);
    try {
      while ((queue.length > 0 || active.size > 0) && !signal.aborted) {
        while (active.size < workers && queue.length > 0) {
          const done = queue.findIndex((r) => lockHolder(r.config.run.dir) === null && resultOf(r) !== null);
          if (done >= 0) {
            const run = queue.splice(done, 1)[0]; // ended meanwhile by a worker of an earlier sweep
            ended += 1;
            collectResults(runs, out);
            say(`[${ended}/${runs.length}] ${run.name}: ended by an earlier sweep's worker`, run);
            continue;
          }
          const next = queue.findIndex((r) => lockHolder(r.config.run.dir) === null);
          if (next < 0) break; // every queued run is held by a worker of an earlier, killed sweep: wait for it
          start(queue.splice(next, 1)[0]);
        }
        await sleep(200);
      }
      while (active.size > 0) await sleep(100);
    } finally {
      signal.removeEventListener("abort", onAbort);
    }
    return collectResults(runs, out);
  } finally {
    active.forEach((_, child) => child.kill("SIGTERM"));
    restore();
    lock.release();
  }
}
