/**
 * Real sweeps through the command line (tiny p, few steps, 2 workers): the results table; a worker
 * killed mid-run and a whole sweep killed and started again end with the undisturbed results; two
 * sweeps on one folder and two writers of one run get a clear message and leave the log intact.
 */
import assert from "node:assert/strict";
import { ChildProcess, spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { test } from "node:test";
import { lockHolder } from "../../src/runs/RunLock";
import { layoutFor } from "../../src/experiment/runSweep";
import { runLog } from "../../src/runs/runLog";

const CLI = path.join(__dirname, "..", "..", "src", "cli", "main.ts");
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "groklab-sweep-"));
const env = { ...process.env, GROKLAB_BACKEND: process.env.GROKLAB_BACKEND ?? "auto" };

const SWEEP = {
  base: {
    data: { operation: "x+y", p: 17, trainFraction: 0.6 },
    model: { kind: "mlp", width: 48 },
    train: { steps: 1200, optimizer: { lr: 3e-3 }, evaluation: { every: 10 }, stopAtValAccuracy: { valAccuracy: 0.99, patience: 3 }, yieldEveryMs: 0 },
    run: { checkpointsPerDecade: 20 },
  },
  grid: { "train.optimizer.weightDecay": [0.5, 2], "data.seed": [0, 1] },
};

function writeSweep(dir: string, sweep: unknown = SWEEP): string {
  const file = path.join(dir, "sweep.json");
  fs.writeFileSync(file, JSON.stringify(sweep));
  return file;
}

function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ["--import", "tsx", CLI, ...args], { encoding: "utf8", env });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function start(args: string[]): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", CLI, ...args], { stdio: ["ignore", "pipe", "pipe"], env });
}

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once("exit", (code) => resolve(code))));

async function until(what: string, ok: () => boolean, timeoutMs = 60_000): Promise<void> {
  for (const started = Date.now(); !ok(); ) {
    assert.ok(Date.now() - started < timeoutMs, `timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const lines = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, "utf8").split("\n").length - 1 : 0);
/** results.jsonl without what differs between runs of the same sweep: wall times and speeds. */
const results = (out: string) =>
  fs.readFileSync(path.join(out, "results.jsonl"), "utf8").trim().split("\n").map((l) => {
    const { wallTime: _w, stepsPerSecond: _s, ...row } = JSON.parse(l);
    return row;
  });

let undisturbed: unknown[];

test("a small sweep with 2 workers runs to its results table, one row per run with its values", () => {
  const dir = tmp();
  const out = path.join(dir, "out");
  const r = cli(["sweep", writeSweep(dir), "--out", out, "--workers", "2", "--threads", "1"]);
  assert.equal(r.status, 0, r.stderr + r.stdout);
  assert.match(r.stdout, /4 of 4 runs ended; results in .*results\.jsonl/);
  undisturbed = results(out);
  assert.deepEqual(undisturbed.map((row: any) => row.name), ["weightDecay=0.5,seed=0", "weightDecay=0.5,seed=1", "weightDecay=2,seed=0", "weightDecay=2,seed=1"]);
  for (const row of undisturbed as any[]) {
    assert.equal(row.status, "finished");
    assert.equal(row.threads, 1);
    assert.ok(typeof row["train.optimizer.weightDecay"] === "number" && typeof row["data.seed"] === "number");
    const records = runLog(path.join(out, "runs", row.name)).records;
    assert.equal(row.finalStep, records.at(-1)!.step);
    assert.equal(row.valAccuracy, records.at(-1)!.valAccuracy);
    if (row.generalisation !== null) assert.equal(row.stoppedBy, "valAccuracy", "a grokked run stops once it held 99% for 3 evaluations");
  }
  const again = cli(["sweep", writeSweep(dir), "--out", out]);
  assert.match(again.stdout, /4 runs, 4 already ended/);
  const status = cli(["status", out]);
  assert.match(status.stdout, /^run\s+state\s+step\s+train acc\s+val acc/);
  assert.match(status.stdout, /4 finished/);
});

test("a worker killed with SIGKILL mid-run is re-queued; the results equal the undisturbed sweep's", async () => {
  const dir = tmp();
  const out = path.join(dir, "out");
  const sweep = start(["sweep", writeSweep(dir), "--out", out, "--workers", "2", "--threads", "1"]);
  const victim = path.join(out, "runs", "weightDecay=0.5,seed=0");
  await until("the first run to log 15 evaluations", () => lines(path.join(victim, "log.jsonl")) >= 15);
  const pid = lockHolder(victim)?.pid;
  assert.ok(pid, "the run has a live writer");
  process.kill(pid!, "SIGKILL");
  let stdout = "";
  sweep.stdout!.on("data", (d) => (stdout += d));
  assert.equal(await exited(sweep), 0);
  assert.match(stdout, /weightDecay=0\.5,seed=0: worker killed by SIGKILL; started again from its last checkpoint \(1\/2\)/);
  assert.deepEqual(results(out), undisturbed);
});

test("a whole sweep killed and started again ends with the undisturbed results", async () => {
  const dir = tmp();
  const out = path.join(dir, "out");
  const file = writeSweep(dir);
  const sweep = start(["sweep", file, "--out", out, "--workers", "2", "--threads", "1"]);
  await until("a run to log 15 evaluations", () => lines(path.join(out, "runs", "weightDecay=0.5,seed=1", "log.jsonl")) >= 15);
  sweep.kill("SIGKILL"); // its workers notice within a second and stop, checkpointed
  await exited(sweep);
  const r = cli(["sweep", file, "--out", out, "--workers", "2", "--threads", "1"]);
  assert.equal(r.status, 0, r.stderr + r.stdout);
  assert.deepEqual(results(out), undisturbed);
});

test("SIGINT to the whole process group (Jupyter's interrupt, Ctrl-C) stops the sweep and its workers, checkpointed, without retries or the kernel's listener; run again it ends with the undisturbed results", async () => {
  const dir = tmp();
  const out = path.join(dir, "out");
  const file = writeSweep(dir);
  const child = spawn(process.execPath, ["--import", "tsx", path.join(__dirname, "sweepInterruptChild.ts"), file, out], { stdio: ["ignore", "pipe", "pipe"], env, detached: true });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d) => (stdout += d));
  child.stderr!.on("data", (d) => (stderr += d));
  assert.equal(await exited(child), 0, stderr);
  const report = JSON.parse(stdout.trim().split("\n").at(-1)!);
  assert.ok(report.rows < 4, `the sweep stopped before its end (${report.rows} of 4 rows)`);
  assert.equal(report.kernelListenerCalls, 0, "the kernel's listener did not see the interrupt");
  assert.equal(report.restored, true, "and it is back afterwards");
  assert.ok(!report.events.some((e: string) => /started again/.test(e)), `no worker restarted: ${report.events.join(" | ")}`);
  assert.equal(lockHolder(out), null, "the sweep's lock is released");
  const interrupted = path.join(out, "runs", "weightDecay=0.5,seed=0");
  assert.equal(lockHolder(interrupted), null, "its workers have exited");
  assert.ok(fs.readdirSync(path.join(interrupted, "checkpoints")).length > 0, "the interrupted run was checkpointed");
  const r = cli(["sweep", file, "--out", out, "--workers", "2", "--threads", "1"]);
  assert.equal(r.status, 0, r.stderr + r.stdout);
  assert.deepEqual(results(out), undisturbed);
});

test("two sweeps on one folder: the second is refused naming the first; the first finishes intact", async () => {
  const dir = tmp();
  const out = path.join(dir, "out");
  const file = writeSweep(dir);
  const first = start(["sweep", file, "--out", out, "--workers", "2"]);
  await until("the first sweep to start", () => fs.existsSync(path.join(out, "sweep.json")));
  const second = cli(["sweep", file, "--out", out]);
  assert.equal(second.status, 1);
  assert.match(second.stderr, new RegExp(`groklab sweep: ".*out" is being written by process ${first.pid} on .*; one writer per groklab sweep`));
  assert.equal(await exited(first), 0);
  assert.deepEqual(results(out), undisturbed);
  // the same names with another config are refused, naming them; nothing is rewritten
  const changed = cli(["sweep", writeSweep(dir, { ...SWEEP, base: { ...SWEEP.base, train: { ...SWEEP.base.train, steps: 900 } } }), "--out", out]);
  assert.equal(changed.status, 1);
  assert.match(changed.stderr, /groklab sweep: ".*out" holds run\(s\) "weightDecay=0\.5,seed=0", "weightDecay=0\.5,seed=1", "weightDecay=2,seed=0" and 1 more with another config than this sweep gives them/);
  assert.deepEqual(results(out), undisturbed);
});

test("a sweep edited to add runs takes its folder over: only the new runs train, the finished ones are read back untouched", async () => {
  const dir = tmp();
  const out = path.join(dir, "out");
  const small = { ...SWEEP, grid: { "train.optimizer.weightDecay": [2], "data.seed": [0] } };
  assert.equal(cli(["sweep", writeSweep(dir, small), "--out", out]).status, 0);
  const log = path.join(out, "runs", "weightDecay=2,seed=0", "log.jsonl");
  const before = fs.readFileSync(log, "utf8");
  const grown = cli(["sweep", writeSweep(dir, { ...SWEEP, grid: { "train.optimizer.weightDecay": [2], "data.seed": [0, 1] } }), "--out", out]);
  assert.equal(grown.status, 0, grown.stderr);
  assert.match(grown.stdout, /2 runs, 1 already ended/);
  assert.equal(fs.readFileSync(log, "utf8"), before);
  assert.deepEqual(fs.readdirSync(path.join(out, "runs")).sort(), ["weightDecay=2,seed=0", "weightDecay=2,seed=1"]);
});

test("two resumes of one run: the second is refused naming the first; the log stays whole", async () => {
  const dir = tmp();
  // a run long enough to outlast the second process's start on a loaded machine; stopped by SIGINT afterwards
  const config = { ...SWEEP.base, train: { ...SWEEP.base.train, steps: 1_000_000, stopAtValAccuracy: undefined }, run: { dir: path.join(dir, "run") } };
  const file = path.join(dir, "config.json");
  fs.writeFileSync(file, JSON.stringify(config));
  const first = start(["train", file]);
  await until("the run to log", () => lines(path.join(dir, "run", "log.jsonl")) >= 5);
  const second = cli(["train", file]);
  assert.equal(second.status, 1, second.stderr);
  assert.match(second.stderr, new RegExp(`RunFolder: ".*run" is being written by process ${first.pid} on .*one writer per run folder`));
  first.kill("SIGINT");
  assert.equal(await exited(first), 130, "the first run stops at a step boundary, checkpointed");
  const records = runLog(path.join(dir, "run")).records; // steps forward, no torn line
  assert.ok(records.length >= 5);
  assert.ok(records.every((r, i) => i === 0 || r.step > records[i - 1].step));
});

test("layoutFor: cores/threads workers of 1 thread; fewer runs than idle cores share the idle cores' threads; what is asked wins", () => {
  assert.deepEqual(layoutFor(42, {}, 2, 0), { workers: 2, threads: 1 });
  assert.deepEqual(layoutFor(1, {}, 2, 0), { workers: 1, threads: 2 });
  assert.deepEqual(layoutFor(0, {}, 2, 0.2), { workers: 1, threads: 2 });
  assert.deepEqual(layoutFor(3, {}, 8, 0), { workers: 3, threads: 2 });
  // A busy machine (load 2 on 2 cores: other trainings running) keeps one thread a run.
  assert.deepEqual(layoutFor(1, {}, 2, 2.1), { workers: 1, threads: 1 });
  assert.deepEqual(layoutFor(3, {}, 8, 4), { workers: 3, threads: 1 });
  assert.deepEqual(layoutFor(1, { threads: 1 }, 2, 0), { workers: 2, threads: 1 });
  assert.deepEqual(layoutFor(1, { workers: 2 }, 2, 0), { workers: 2, threads: 1 });
  assert.deepEqual(layoutFor(5, { threads: 2 }, 2, 0), { workers: 1, threads: 2 });
});
