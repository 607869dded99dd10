import assert from "node:assert/strict";
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { test } from "node:test";
import { runLog } from "../../src/runs/runLog";
import { listCheckpoints, loadCheckpoint } from "../../src/runs/checkpoint";
import { loadLog } from "../../src/logs/loadLog";
import { RunFolder } from "../../src/runs/RunFolder";

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "groklab-run-"));
const CHILD = path.join(__dirname, "resumeChild.ts");

test("an existing run is never replaced unless asked, and resume needs the same config and version", () => {
  const dir = path.join(tmp(), "run");
  new RunFolder(dir, { lr: 1 }).close();
  fs.appendFileSync(path.join(dir, "log.jsonl"), '{"step":0}\n');
  assert.throws(() => new RunFolder(dir, { lr: 1 }), /RunFolder: ".*run" already holds a run; pass \{ resume: true \} to continue it or \{ overwrite: true \}/);
  assert.throws(() => new RunFolder(dir, { lr: 2 }, { resume: true }), /holds a run with another config; resume needs the same config. Differences: lr: 1 in the folder, 2 now/);
  assert.ok(fs.existsSync(path.join(dir, "log.jsonl")), "nothing was deleted");
  const cfg = JSON.parse(fs.readFileSync(path.join(dir, "config.json"), "utf8"));
  fs.writeFileSync(path.join(dir, "config.json"), JSON.stringify({ ...cfg, groklabVersion: "0.0.1" }));
  assert.throws(() => new RunFolder(dir, { lr: 1 }, { resume: true }), /was written by groklab 0.0.1; this is \d+\.\d+\.\d+/);
  new RunFolder(dir, { lr: 3 }, { overwrite: true }).close();
  assert.ok(!fs.existsSync(path.join(dir, "log.jsonl")));
});

function runChild(dir: string, mode: string) {
  const r = spawnSync(process.execPath, ["--import", "tsx", CHILD, dir, mode], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
}

test("a run killed with SIGKILL resumes to exactly the weights and log of an uninterrupted run", async () => {
  const base = tmp();
  const whole = path.join(base, "whole");
  const killed = path.join(base, "killed");
  runChild(whole, "fresh");

  const child = spawn(process.execPath, ["--import", "tsx", CHILD, killed, "fresh"], { stdio: "ignore" });
  let exited = false;
  child.on("exit", () => (exited = true));
  const logPath = path.join(killed, "log.jsonl");
  for (let waited = 0; ; waited += 50) {
    assert.ok(!exited && waited < 60_000, "the child run ended or stalled before it could be killed");
    await new Promise((r) => setTimeout(r, 50));
    const n = fs.existsSync(logPath) ? fs.readFileSync(logPath, "utf8").split("\n").length - 1 : 0;
    if (n >= 12) break; // past step 200 of 600
  }
  child.kill("SIGKILL");
  while (!exited) await new Promise((r) => setTimeout(r, 20));
  const stepsBefore = listCheckpoints(path.join(killed, "checkpoints"));
  assert.ok(stepsBefore[stepsBefore.length - 1] < 600, `killed before the end (checkpoints ${stepsBefore})`);

  runChild(killed, "resume");
  const a = loadCheckpoint(path.join(whole, "checkpoints"), 600);
  const b = loadCheckpoint(path.join(killed, "checkpoints"), 600);
  for (const name of Object.keys(a.tensors)) {
    assert.deepEqual(Array.from(b.tensors[name].dataSync()), Array.from(a.tensors[name].dataSync()), name);
  }
  const strip = (p: string) => loadLog(p).records.map(({ wallTime: _w, ...r }) => r);
  assert.deepEqual(strip(logPath), strip(path.join(whole, "log.jsonl")));
});

const RESUME_CASES = {
  "plain full-batch AdamW": {},
  "minibatches, ⊥Grad, Grokfast MA, gradient and weight noise, StableMax": {
    batchSize: 8, orthogonalGrad: true, gradientFilter: { kind: "ma", window: 7 }, noise: { on: "gradients", std: 1e-3 }, loss: "stablemax",
  },
  "Grokfast EMA and weight noise": { gradientFilter: { kind: "ema" }, noise: { on: "weights", std: 1e-3 } },
} as const;

for (const [what, extra] of Object.entries(RESUME_CASES)) {
  test(`resuming into a new model object continues exactly (${what})`, async () => {
    const { makeDataset } = await import("../../src/data/makeDataset");
    const { EmbeddingMLP } = await import("../../src/models/EmbeddingMLP");
    const { train } = await import("../../src/train/train");
    const ds = makeDataset({ operation: "x-y", p: 7, seed: 1 });
    const cfg = { steps: 40, optimizer: { lr: 1e-2 }, evaluation: { every: 10 }, ...extra };
    const whole = new EmbeddingMLP({ numClasses: 7, width: 8, seed: 1 });
    const full = await train(whole, ds, cfg);
    const dir = path.join(tmp(), "run");
    const first = new EmbeddingMLP({ numClasses: 7, width: 8, seed: 1 });
    await train(first, ds, { ...cfg, steps: 20 }, undefined, new RunFolder(dir, {}, { checkpointsPerDecade: 0 }));
    first.dispose();
    const second = new EmbeddingMLP({ numClasses: 7, width: 8, seed: 99 }); // weights come from the checkpoint
    assert.notEqual(second.params["embed.E1"].name, whole.params["embed.E1"].name);
    const { records } = await train(second, ds, cfg, undefined, new RunFolder(dir, {}, { resume: true, checkpointsPerDecade: 0 }));
    for (const name of Object.keys(whole.params)) {
      assert.deepEqual(Array.from(second.params[name].dataSync()), Array.from(whole.params[name].dataSync()), name);
    }
    const strip = (rs: typeof records) => rs.map(({ wallTime: _w, ...r }) => r);
    assert.deepEqual(strip(records), strip(full.records));
    whole.dispose();
    second.dispose();
  });
}

test("RunFolder.open reads a finished run: checkpoint steps and weights of any of them", async () => {
  const { makeDataset } = await import("../../src/data/makeDataset");
  const { EmbeddingMLP } = await import("../../src/models/EmbeddingMLP");
  const { train } = await import("../../src/train/train");
  const dir = path.join(tmp(), "run");
  const model = new EmbeddingMLP({ numClasses: 5, width: 4, seed: 2 });
  const initial = Array.from(model.params["embed.E1"].dataSync());
  await train(model, makeDataset({ operation: "x+y", p: 5 }), { steps: 10, optimizer: { lr: 0.1 } }, undefined, new RunFolder(dir, { a: 1 }));
  const final = Array.from(model.params["embed.E1"].dataSync());
  const run = RunFolder.open(dir);
  assert.deepEqual(run.checkpointSteps(), [1, 2, 5, 10]);
  run.loadWeights(model, 10);
  assert.deepEqual(Array.from(model.params["embed.E1"].dataSync()), final);
  run.loadWeights(model, 1);
  assert.notDeepEqual(Array.from(model.params["embed.E1"].dataSync()), initial, "step 1 is after one update");
  assert.throws(() => RunFolder.open(path.join(dir, "nothing")), /RunFolder.open: ".*nothing" holds no run/);
  model.dispose();
});

test("checkpointStepsFor: every checkpoint by default; asked steps checked, the caller and the steps there are named; step 0 from the config when allowed", async () => {
  const { runExperiment } = await import("../../src/experiment/runExperiment");
  const dir = tmp();
  const run = await runExperiment({
    data: { operation: "x+y", p: 7, seed: 0 }, model: { kind: "mlp", width: 8, seed: 0 },
    train: { steps: 30, optimizer: { lr: 1e-2 }, evaluation: { every: 10 }, yieldEveryMs: 0 }, run: { dir, checkpointsPerDecade: 0, checkpointEvery: 10 },
  });
  run.model.dispose();
  const folder = RunFolder.open(dir);
  const all = folder.checkpointSteps();
  assert.ok(all.includes(10) && all.includes(30), `checkpoints ${all}`);
  assert.deepEqual(folder.checkpointStepsFor("me"), all);
  assert.deepEqual(folder.checkpointStepsFor("me", [30, 10]), [30, 10]);
  assert.throws(() => folder.checkpointStepsFor("analyseCheckpoints", [10, 15]), new RegExp(`analyseCheckpoints: ".*" has no checkpoint for step\\(s\\) 15; it has ${all.join(", ")}`));
  assert.equal(all.includes(0), false, "step 0 is not checkpointed: its weights come from the config");
  assert.throws(() => folder.checkpointStepsFor("me", [0]), /has no checkpoint for step\(s\) 0/);
  assert.deepEqual(folder.checkpointStepsFor("me", [0, 10], { initialFromConfig: true }), [0, 10]);
});

test("a checkpoint of another model: resume and loadWeights name the file, the step and the first tensor, and the checkpoints that fit", async () => {
  const { makeDataset } = await import("../../src/data/makeDataset");
  const { EmbeddingMLP } = await import("../../src/models/EmbeddingMLP");
  const { train } = await import("../../src/train/train");
  const root = tmp();
  // a run of p = 5, and one of p = 7 whose latest checkpoint is then replaced by the p = 5 run's
  const five = new EmbeddingMLP({ numClasses: 5, width: 4, seed: 2 });
  await train(five, makeDataset({ operation: "x+y", p: 5 }), { steps: 10, optimizer: { lr: 0.1 } }, undefined, new RunFolder(path.join(root, "five"), { p: 5 }));
  five.dispose();
  const dir = path.join(root, "seven");
  const ds = makeDataset({ operation: "x+y", p: 7 });
  const seven = new EmbeddingMLP({ numClasses: 7, width: 4, seed: 2 });
  await train(seven, ds, { steps: 10, optimizer: { lr: 0.1 } }, undefined, new RunFolder(dir, { p: 7 }));
  const name = "step-000000010";
  for (const ext of [".json", ".bin"]) fs.copyFileSync(path.join(root, "five", "checkpoints", name + ext), path.join(dir, "checkpoints", name + ext));
  fs.rmSync(path.join(dir, "outcome.json"));
  const message = (owner: string) =>
    new RegExp(
      `${owner}: the checkpoint of step 10 \\(".*seven/checkpoints/step-000000010\\.json"\\) does not fit this model: "model/embed\\.E1" is \\[5, 4\\] there and \\[7, 4\\] in the model ` +
        `\\(was it written by another model or another p\\?\\); checkpoints of this folder that fit: steps 1, 2, 5; delete the later ones to resume from step 5`,
    );
  await assert.rejects(train(seven, ds, { steps: 20, optimizer: { lr: 0.1 } }, undefined, new RunFolder(dir, { p: 7 }, { resume: true })), message("RunFolder.restore"));
  const outcome = JSON.parse(fs.readFileSync(path.join(dir, "outcome.json"), "utf8"));
  assert.equal(outcome.status, "failed");
  assert.equal(outcome.step, null, "no step of this run was reached");
  assert.throws(() => RunFolder.open(dir).loadWeights(seven), message("RunFolder.loadWeights"));
  assert.equal(runLog(dir).records.at(-1)!.step, 10, "the log was not touched");
  seven.dispose();
});

test("a log emptied or cut short beside later checkpoints is refused, not resumed without its earlier steps", async () => {
  const { makeDataset } = await import("../../src/data/makeDataset");
  const { EmbeddingMLP } = await import("../../src/models/EmbeddingMLP");
  const { train } = await import("../../src/train/train");
  const dir = path.join(tmp(), "run");
  const ds = makeDataset({ operation: "x+y", p: 5 });
  const config = (steps: number) => ({ steps, optimizer: { lr: 0.1 }, evaluation: { every: 10, perDecade: 0 } });
  const model = new EmbeddingMLP({ numClasses: 5, width: 4, seed: 2 });
  await train(model, ds, config(30), undefined, new RunFolder(dir, { a: 1 }));
  fs.rmSync(path.join(dir, "outcome.json"));
  const log = path.join(dir, "log.jsonl");
  const full = fs.readFileSync(log, "utf8");
  for (const [kept, says] of [["", "it is empty"], [full.split("\n").slice(0, 2).join("\n") + "\n", "it ends at step 10"]]) {
    fs.writeFileSync(log, kept);
    await assert.rejects(
      train(model, ds, config(60), undefined, new RunFolder(dir, { a: 1 }, { resume: true })),
      new RegExp(`RunFolder.restore: ".*log\\.jsonl" lacks the evaluations of steps (0, 10, 20|20) before the checkpoint of step 30 \\(${says}: was it emptied or cut short\\?\\)`),
    );
  }
  fs.writeFileSync(log, full); // put back: the run resumes
  const resumed = await train(model, ds, config(60), undefined, new RunFolder(dir, { a: 1 }, { resume: true }));
  assert.deepEqual(resumed.records.map((r) => r.step), [0, 10, 20, 30, 40, 50, 60]);
  model.dispose();
});
