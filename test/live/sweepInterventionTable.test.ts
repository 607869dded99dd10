import assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { test } from "node:test";
import { LogRecord } from "../../src/logs/LogRecord";
import { LiveSweepRun } from "../../src/live/runSweepLive";
import { sweepInterventionTable } from "../../src/live/sweepInterventionTable";

function log(at99: number): LogRecord[] {
  return Array.from({ length: 31 }, (_, i) => ({ step: 10 * i, epoch: i, trainLoss: 0, trainAccuracy: 1, valLoss: 0, valAccuracy: 10 * i >= at99 ? 1 : 0.1, weightNorm: 1, lr: 1e-3, wallTime: i }));
}

test("sweepInterventionTable: one task's runs by variant and seed, pre-training read from each run's pretrain.json", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "groklab-sit-"));
  const run = (variant: string, seed: number, operation: string, at99: number, pretrainSeconds?: number): LiveSweepRun => {
    const dir = path.join(root, encodeURIComponent(`${variant}-${seed}-${operation}`));
    fs.mkdirSync(dir);
    if (pretrainSeconds !== undefined) fs.writeFileSync(path.join(dir, "pretrain.json"), JSON.stringify({ operation: "x-y", steps: 400, seconds: pretrainSeconds, valAccuracy: 1, resetUnembedding: false }));
    const records = log(at99);
    return { name: dir, dir, status: "finished", records, row: { name: dir, variant, "model.seed": seed, "data.operation": operation, error: null }, events: {} } as unknown as LiveSweepRun;
  };
  const runs = [
    ...[0, 1, 2].map((seed) => run("AdamW", seed, "x+y", 200 + 10 * seed)),
    ...[0, 1, 2].map((seed) => run("AdamW", seed, "x/y", 290)),
    ...[0, 1, 2].map((seed) => run("pre-trained", seed, "x+y", 50, 12)),
  ];
  const rows = sweepInterventionTable(runs, { baselines: ["AdamW"], where: { "data.operation": "x+y" } });
  assert.deepEqual(rows.map((r) => r.intervention), ["AdamW", "pre-trained"]);
  assert.equal(rows[0].steps99.median, 210);
  assert.equal(rows[0].steps99.seeds, 3, "the x/y runs are left out");
  assert.equal(rows[1].seconds99.median, 5 + 12);
  assert.equal(rows[1].beforeSteps!.median, 400);
  assert.equal(sweepInterventionTable(runs, { baselines: ["AdamW"], where: { "data.operation": "x/y" } })[0].steps99.median, 290);
  assert.throws(() => sweepInterventionTable(runs, { baselines: ["AdamW"], where: { "data.operation": "x*y" } }), /sweepInterventionTable: no run matches \{"data.operation":"x\*y"\}; the runs have data.operation = "x\+y", data.operation = "x\/y"/);
});
