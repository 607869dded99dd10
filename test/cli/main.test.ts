/**
 * The command line as a user runs it: a detached run watched with `status`, the emitted Slurm
 * and GNU parallel job files run as a cluster would run them (with `npx` answered by this
 * checkout), `results` rebuilt from their folders, and bad arguments named.
 */
import assert from "node:assert/strict";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { test } from "node:test";
import { runStatus } from "../../src/runs/runStatus";
import { pathToFileURL } from "url";

const CLI = path.join(__dirname, "..", "..", "src", "cli", "main.ts");
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "groklab-cli-"));
const TSX = pathToFileURL(require.resolve("tsx")).href; // --import resolves from the working folder otherwise
const cli = (args: string[], cwd?: string) => spawnSync(process.execPath, ["--import", TSX, CLI, ...args], { encoding: "utf8", cwd });

const base = {
  data: { operation: "x-y", p: 11, trainFraction: 0.6 },
  model: { kind: "mlp", width: 16 },
  train: { steps: 200, optimizer: { lr: 1e-2 }, evaluation: { every: 20 } },
};

test("train --detach starts its own process with a pid file and output.log; status follows it to the end", async () => {
  const dir = tmp();
  const file = path.join(dir, "config.json");
  fs.writeFileSync(file, JSON.stringify({ ...base, train: { ...base.train, steps: 4000 }, run: { dir: path.join(dir, "run") } }));
  const r = cli(["train", file, "--detach"]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /groklab: started ".*run" as process (\d+); output in .*output\.log; watch it with: groklab status/);
  const pid = Number(fs.readFileSync(path.join(dir, "run", "pid"), "utf8"));
  assert.equal(pid, Number(/process (\d+)/.exec(r.stdout)![1]));
  // polled in this process (a `groklab status` process per poll takes longer than the run under load)
  const seen = new Set<string>();
  for (let waited = 0; !seen.has("finished"); waited += 50) {
    assert.ok(waited < 120_000, `the detached run did not finish: ${[...seen].join(", ")}`);
    await new Promise((res) => setTimeout(res, 50));
    seen.add(runStatus(path.join(dir, "run")).state);
  }
  assert.ok(seen.has("running") || seen.has("pending"), `seen while it ran: ${[...seen].join(", ")}`);
  assert.match(cli(["status", path.join(dir, "run")]).stdout.split("\n")[1], /run\s+finished/);
  assert.match(fs.readFileSync(path.join(dir, "run", "output.log"), "utf8"), /finished \(steps\) at step 4000/);
});

test("train --detach on a folder another process writes: refused with exit status 1, its pid file untouched; a config that fails says so", async () => {
  const dir = tmp();
  const file = path.join(dir, "config.json");
  fs.writeFileSync(file, JSON.stringify({ ...base, train: { ...base.train, steps: 1_000_000 }, run: { dir: path.join(dir, "run") } }));
  const first = cli(["train", file, "--detach"]);
  assert.equal(first.status, 0, first.stderr);
  const pid = Number(/process (\d+)/.exec(first.stdout)![1]);
  try {
    assert.equal(Number(fs.readFileSync(path.join(dir, "run", "pid"), "utf8")), pid, "the pid file is written once the run holds its folder");
    const second = cli(["train", file, "--detach"]);
    assert.equal(second.status, 1);
    assert.match(second.stderr, new RegExp(`groklab train --detach: ".*run" is being written by process ${pid} on .*; nothing started`));
    assert.equal(Number(fs.readFileSync(path.join(dir, "run", "pid"), "utf8")), pid, "the running run's pid file is untouched");
  } finally {
    process.kill(pid, "SIGKILL");
  }
  // a run that cannot start (a model of another run's checkpoints) reports its own exit status
  const other = path.join(dir, "other.json");
  fs.writeFileSync(other, JSON.stringify({ ...base, data: { ...base.data, p: 13 }, run: { dir: path.join(dir, "run") } }));
  await new Promise((r) => setTimeout(r, 200));
  const refused = cli(["train", other, "--detach"]);
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, /groklab train --detach: the run did not start \(exit status 1\):\n.*another config/s);
});

test("the emitted Slurm array and GNU parallel jobs run the same runs into the same folders", () => {
  const dir = tmp();
  const sweep = path.join(dir, "sweep.json");
  fs.writeFileSync(sweep, JSON.stringify({ base, grid: { "data.seed": [0, 1, 2] } }));
  const slurm = cli(["sweep", "sweep.json", "--out", "out", "--emit", "slurm"], dir);
  assert.equal(slurm.status, 0, slurm.stderr);
  const parallel = cli(["sweep", "sweep.json", "--out", "out", "--emit", "parallel", "--threads", "2"], dir);
  assert.equal(parallel.status, 0, parallel.stderr);
  const script = fs.readFileSync(path.join(dir, "out", "sweep.slurm"), "utf8");
  assert.match(script, /#SBATCH --array=0-2\n/);
  const jobs = fs.readFileSync(path.join(dir, "out", "jobs.txt"), "utf8").trim().split("\n");
  assert.deepEqual(jobs, [0, 1, 2].map((s) => `GROKLAB_THREADS=2 npx groklab train 'out/configs/seed=${s}.json'`));
  // A cluster's `npx groklab` is this checkout's command line.
  const shims = path.join(dir, "bin");
  fs.mkdirSync(shims);
  fs.writeFileSync(path.join(shims, "npx"), `#!/bin/sh\nshift\nexec "${process.execPath}" --import "${TSX}" "${CLI}" "$@"\n`, { mode: 0o755 });
  const shell = (cmd: string, extra: Record<string, string> = {}) =>
    spawnSync("bash", ["-c", cmd], { cwd: dir, encoding: "utf8", env: { ...process.env, PATH: `${shims}:${process.env.PATH}`, ...extra } });
  const task = shell("bash out/sweep.slurm", { SLURM_ARRAY_TASK_ID: "1" });
  assert.equal(task.status, 0, task.stderr);
  const line = shell(jobs[2]);
  assert.equal(line.status, 0, line.stderr);
  const status = cli(["status", "out"], dir).stdout;
  assert.match(status, /seed=0\s+pending/);
  assert.match(status, /seed=1\s+finished\s+200/);
  assert.match(status, /seed=2\s+finished\s+200/);
  assert.match(cli(["results", "out"], dir).stdout, /2 runs ended; wrote out\/results\.jsonl/);
  const rows = fs.readFileSync(path.join(dir, "out", "results.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
  assert.deepEqual(rows.map((r) => [r.name, r["data.seed"], r.threads]), [["seed=1", 1, 1], ["seed=2", 2, 2]]);
  // one run's log corrupted: status and results show the healthy runs and name the broken one (exit status 1)
  const log = path.join(dir, "out", "runs", "seed=2", "log.jsonl");
  fs.writeFileSync(log, fs.readFileSync(log, "utf8").replace(/\n\{/, "\ngarbage\n{"));
  const broken = cli(["status", "out"], dir);
  assert.equal(broken.status, 1);
  assert.match(broken.stdout, /seed=0\s+pending/);
  assert.match(broken.stdout, /seed=1\s+finished\s+200/);
  assert.match(broken.stdout, /seed=2\s+unreadable: loadLog: line 2 of ".*log\.jsonl" is not JSON: garbage/);
  assert.match(broken.stderr, /groklab status: ".*seed=2" is unreadable: loadLog: line 2/);
  const partial = cli(["results", "out"], dir);
  assert.equal(partial.status, 1);
  assert.match(partial.stdout, /1 runs ended, 1 unreadable; wrote out\/results\.jsonl/);
  assert.match(partial.stderr, /groklab results: run "seed=2" is unreadable: loadLog: line 2/);
  const kept = fs.readFileSync(path.join(dir, "out", "results.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
  assert.deepEqual(kept.map((r) => [r.name, r.status, r.valAccuracy === null]), [["seed=1", "finished", false], ["seed=2", "unreadable", true]]);
});

test("bad arguments and bad configs are named", () => {
  const dir = tmp();
  fs.writeFileSync(path.join(dir, "bad.json"), JSON.stringify({ ...base, train: { steps: "200" }, run: { dir: "x" } }));
  const bad = cli(["train", path.join(dir, "bad.json")]);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /groklab train .*bad\.json: invalid config:\n  train\.steps: expected integer; received "200" \(a string\)/);
  assert.match(cli(["sweep", "x.json", "--out", dir, "--workers", "0"]).stderr, /groklab sweep: cannot read "x\.json"/);
  fs.writeFileSync(path.join(dir, "s.json"), JSON.stringify({ base: { ...base }, grid: { "train.optimiser.lr": [1] } }));
  assert.match(cli(["sweep", path.join(dir, "s.json"), "--out", path.join(dir, "o"), "--workers", "0"]).stderr, /--workers expects an integer ≥ 1; received "0"/);
  assert.match(cli(["sweep", path.join(dir, "s.json"), "--out", path.join(dir, "o")]).stderr, /sweep run "optimiser\.lr=1|lr=1": invalid config:\n  train\.optimiser: unexpected property/);
  assert.match(cli(["status", dir]).stderr, /is neither a run folder \(config\.json\) nor a sweep folder \(sweep\.json\)/);
  assert.equal(cli(["frobnicate"]).status, 2);
});
