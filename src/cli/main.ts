/**
 * The command line over the library and its run folders (package.json `bin`: `npx groklab …`):
 *   groklab train CONFIG.json [--detach] [--fresh]
 *   groklab sweep SWEEP.json --out DIR [--workers N] [--threads T] [--emit slurm|parallel]
 *   groklab status DIR [--stalled-after SECONDS]
 *   groklab results DIR
 *   groklab schema            (the JSON Schema of experiment configs)
 */
import { spawn } from "child_process";
import * as fs from "fs";
import { parseArgs } from "util";
import { selectBackend, describeBackend } from "../backend/selectBackend";
import { collectResults } from "../experiment/collectResults";
import { emitJobs } from "../experiment/emitJobs";
import { expandSweep } from "../experiment/expandSweep";
import { resolveExperiment } from "../experiment/resolveExperiment";
import { runExperiment } from "../experiment/runExperiment";
import { runStatus } from "../runs/runStatus";
import { StatusRow, statusRows } from "../experiment/statusRows";
import { runSweep } from "../experiment/runSweep";
import { runsOf } from "../runs/runsOf";
import { makeFolder } from "../runs/makeFolder";
import { describeHolder, lockHolder } from "../runs/RunLock";
import { TerminalProgress } from "./TerminalProgress";
import { ExperimentConfigSchema } from "../specs/ExperimentConfig";
import { SweepConfigSchema } from "../specs/SweepConfig";
import { resolve } from "../config/resolve";
import { runFiles, sweepFiles } from "../runs/runLayout";

const USAGE = `usage:
  groklab train CONFIG.json [--detach] [--fresh]     one run (foreground with progress, or detached)
  groklab sweep SWEEP.json --out DIR [--workers N] [--threads T] [--emit slurm|parallel]
  groklab status DIR [--stalled-after SECONDS]       a run folder or a sweep folder (exit status 1 if a run is unreadable)
  groklab results DIR                                rebuild DIR/results.jsonl of a sweep (every readable run; exit status 1 if one is not)
  groklab schema                                     the JSON Schema of experiment configs`;

class UsageError extends Error {}

function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new UsageError(`groklab ${what}: cannot read "${file}": ${(err as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UsageError(`groklab ${what}: "${file}" is not JSON: ${(err as Error).message}`);
  }
}

function positiveInt(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`groklab: ${flag} expects an integer ≥ 1; received "${value}"`);
  return n;
}

/** Stops `controller` on SIGINT/SIGTERM (a second signal exits at once). */
function stopOnSignals(controller: AbortController, what: string): void {
  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    process.once(sig, () => {
      console.error(`groklab: ${sig}: stopping ${what} at the next step boundary (checkpointed); ${sig} again exits now`);
      controller.abort();
      process.once(sig, () => process.exit(130));
    });
  }
}

async function train(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { detach: { type: "boolean" }, fresh: { type: "boolean" }, worker: { type: "boolean" }, "detached-child": { type: "boolean" } } });
  if (positionals.length !== 1) throw new UsageError(`groklab train: expected one CONFIG.json; received ${positionals.length ? positionals.join(" ") : "none"}\n${USAGE}`);
  const file = positionals[0];
  const config = resolveExperiment(readJson(file, "train"), { owner: `groklab train ${file}` });
  const dir = config.run.dir;
  if (values.detach) return detach(dir, file, values.fresh ? ["--fresh"] : []);
  const controller = new AbortController();
  stopOnSignals(controller, `"${dir}"`);
  if (values.worker) {
    const parent = process.ppid; // a worker of a sweep stops when its sweep is gone
    setInterval(() => process.ppid !== parent && controller.abort(), 1000).unref();
  }
  console.error(describeBackend(await selectBackend()));
  const progress = new TerminalProgress(config.train.steps, process.stderr);
  const result = await runExperiment(config, {
    signal: controller.signal,
    fresh: values.fresh,
    // a detached run says it started (its folder open, its config accepted) by writing its pid file
    onStart: values["detached-child"] ? () => fs.writeFileSync(runFiles(dir).pid, `${process.pid}\n`) : undefined,
    onEvaluation: (r) => progress.update(r.step, { "train acc": r.trainAccuracy, "val acc": r.valAccuracy, "val loss": r.valLoss }),
  });
  const last = result.records.at(-1);
  if (last) progress.update(last.step, { "train acc": last.trainAccuracy, "val acc": last.valAccuracy, "val loss": last.valLoss }, true);
  result.model.dispose();
  if (result.alreadyFinished) console.error(`groklab: "${dir}" had already finished (${result.stoppedBy} at step ${last?.step}); nothing to do`);
  else if (result.stoppedBy === "signal") console.error(`groklab: interrupted at step ${last?.step ?? 0}; run the same command again to resume`);
  else console.error(`groklab: "${dir}" finished (${result.stoppedBy}) at step ${last?.step}`);
  return result.stoppedBy === "signal" ? 130 : 0;
}

/**
 * `train --detach`: starts the run in a process of its own and returns once that process has
 * started the run (holds the folder, its config accepted: it then writes the pid file) or has ended
 * (then says why, with its exit status). A folder another live process writes is refused before
 * anything starts; its pid file is never touched.
 */
/** The pid a detached run wrote when it started, or null. */
function startedAs(pidFile: string): number | null {
  try {
    return Number(fs.readFileSync(pidFile, "utf8"));
  } catch {
    return null;
  }
}

async function detach(dir: string, file: string, rest: string[]): Promise<number> {
  const busy = lockHolder(dir);
  if (busy) {
    console.error(`groklab train --detach: "${dir}" is being written by ${describeHolder(busy)}; nothing started. Wait for it to end (groklab status ${dir}) or stop it`);
    return 1;
  }
  makeFolder(dir, dir);
  const log = runFiles(dir).output;
  const from = fs.existsSync(log) ? fs.statSync(log).size : 0;
  const output = fs.openSync(log, "a");
  const child = spawn(process.execPath, [...process.execArgv, __filename, "train", file, "--detached-child", ...rest], { detached: true, stdio: ["ignore", output, output] });
  fs.closeSync(output);
  const exited = new Promise<number>((resolve) => child.once("exit", (code, signal) => resolve(code ?? (signal ? 128 : 1))));
  for (const deadline = Date.now() + 300_000; Date.now() < deadline; ) {
    const code = await Promise.race([exited, new Promise<null>((r) => setTimeout(() => r(null), 100))]);
    const said = () => fs.readFileSync(log, "utf8").slice(from).trim().split("\n").slice(-4).join("\n");
    if (code !== null) {
      if (code === 0) console.log(`groklab: "${dir}" ended at once (exit status 0):\n${said()}`);
      else console.error(`groklab train --detach: the run did not start (exit status ${code}):\n${said()}`);
      return code;
    }
    if (startedAs(runFiles(dir).pid) === child.pid) {
      child.unref();
      console.log(`groklab: started "${dir}" as process ${child.pid}; output in ${log}; watch it with: groklab status ${dir}`);
      return 0;
    }
  }
  child.unref();
  console.error(`groklab train --detach: process ${child.pid} has not taken "${dir}" within 300 s; see ${log}`);
  return 1;
}

async function sweep(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { out: { type: "string" }, workers: { type: "string" }, threads: { type: "string" }, emit: { type: "string" } },
  });
  if (positionals.length !== 1 || !values.out) throw new UsageError(`groklab sweep: expected SWEEP.json and --out DIR\n${USAGE}`);
  const spec = resolve(SweepConfigSchema, readJson(positionals[0], "sweep"), "sweep");
  const threads = positiveInt(values.threads, "--threads");
  if (values.emit !== undefined) {
    if (values.emit !== "slurm" && values.emit !== "parallel") throw new UsageError(`groklab sweep: --emit expects "slurm" or "parallel"; received "${values.emit}"`);
    const file = emitJobs(spec, values.out, values.emit, threads ?? 1);
    console.log(values.emit === "slurm" ? `wrote ${file}; submit it with: sbatch ${file}` : `wrote ${file}; run it with: parallel --jobs N < ${file}`);
    return 0;
  }
  const controller = new AbortController();
  stopOnSignals(controller, "the sweep");
  const rows = await runSweep(spec, values.out, { workers: positiveInt(values.workers, "--workers"), threads, signal: controller.signal, onEvent: (line) => console.log(line) });
  const total = expandSweep(spec, values.out).length;
  console.log(`${rows.length} of ${total} runs ended; results in ${sweepFiles(values.out).results}`);
  return controller.signal.aborted ? 130 : 0;
}

const fmt = (v: number | null, digits = 3) => (v === null || !Number.isFinite(v) ? "-" : v.toFixed(digits));

/** The status table of a run folder or a sweep folder, as text (pure). */
export function statusTable(rows: StatusRow[]): string {
  const header = ["run", "state", "step", "train acc", "val acc", "val loss", "silent (s)", "pid"];
  const body = rows.map((r) => [r.run, r.state, r.step === null ? "-" : String(r.step), fmt(r.trainAccuracy), fmt(r.valAccuracy), fmt(r.valLoss, 4), r.silentSeconds === null ? "-" : String(r.silentSeconds), r.pid === null ? "-" : String(r.pid)]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  return [header, ...body].map((r) => r.map((c, i) => c.padEnd(widths[i])).join("  ").trimEnd()).join("\n");
}

function status(args: string[]): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { "stalled-after": { type: "string" } } });
  if (positionals.length !== 1) throw new UsageError(`groklab status: expected one DIR\n${USAGE}`);
  const stalledAfterSeconds = positiveInt(values["stalled-after"], "--stalled-after");
  const statuses = runsOf(positionals[0], "groklab status").map((r) => ({ name: r.name, status: runStatus(r.dir, { stalledAfterSeconds }) }));
  console.log(statusTable(statusRows(statuses)));
  const counts = statuses.reduce<Record<string, number>>((c, r) => ((c[r.status.state] = (c[r.status.state] ?? 0) + 1), c), {});
  console.log(Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(", "));
  const broken = statuses.filter((r) => r.status.state === "unreadable");
  for (const r of broken) console.error(`groklab status: "${r.status.dir}" is unreadable: ${r.status.problem}`);
  return broken.length ? 1 : 0;
}

function results(args: string[]): number {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  if (positionals.length !== 1) throw new UsageError(`groklab results: expected one sweep DIR\n${USAGE}`);
  const dir = positionals[0];
  const spec = readJson(sweepFiles(dir).spec, "results") as { sweep: unknown };
  const rows = collectResults(expandSweep(spec.sweep, dir), dir);
  const broken = rows.filter((r) => r.status === "unreadable");
  console.log(`${rows.length - broken.length} runs ended${broken.length ? `, ${broken.length} unreadable` : ""}; wrote ${sweepFiles(dir).results}`);
  for (const r of broken) console.error(`groklab results: run "${r.name}" is unreadable: ${r.error}`);
  return broken.length ? 1 : 0;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "train":
        return await train(rest);
      case "sweep":
        return await sweep(rest);
      case "status":
        return status(rest);
      case "results":
        return results(rest);
      case "schema":
        console.log(JSON.stringify(ExperimentConfigSchema, null, 2));
        return 0;
      case undefined:
      case "help":
      case "--help":
        console.log(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`groklab: unknown command "${command}"\n${USAGE}`);
    }
  } catch (err) {
    console.error((err as Error).message);
    return err instanceof UsageError ? 2 : 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
