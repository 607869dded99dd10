import assert from "node:assert/strict";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { test } from "node:test";
import { grokkingEvents } from "../../src/analysis/events/grokkingEvents";
import { loadResults } from "../../src/experiment/collectResults";
import { runLog } from "../../src/runs/runLog";
import { readSweep } from "../../src/live/readSweep";

const CLI = path.join(__dirname, "..", "..", "src", "cli", "main.ts");

test("readSweep: a finished sweep read back with each run's result row, log and events; a folder without results is an error", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "read-sweep-"));
  const spec = {
    base: { data: { operation: "x+y", p: 7, trainFraction: 0.6 }, model: { kind: "mlp", width: 16 }, train: { steps: 60, optimizer: { lr: 1e-2 }, evaluation: { every: 10 }, yieldEveryMs: 0 } },
    grid: { "train.optimizer.weightDecay": [0, 1] },
  };
  fs.writeFileSync(path.join(dir, "spec.json"), JSON.stringify(spec));
  const out = path.join(dir, "sweep");
  const r = spawnSync(process.execPath, ["--import", "tsx", CLI, "sweep", path.join(dir, "spec.json"), "--out", out], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  const runs = readSweep(out);
  const rows = loadResults(out);
  assert.deepEqual(runs.map((x) => x.name), rows.map((x) => x.name));
  assert.equal(runs.length, 2);
  for (const run of runs) {
    assert.deepEqual(run.records, runLog(run.dir).records);
    assert.deepEqual(run.events, grokkingEvents(run.records));
    assert.equal(run.row["train.optimizer.weightDecay"], run.name.includes("weightDecay=0") ? 0 : 1);
    assert.equal(run.status.state, "finished");
  }
  fs.rmSync(path.join(out, "results.jsonl"));
  assert.throws(() => readSweep(out), /loadResults: no results at/);
  assert.throws(() => readSweep(path.join(dir, "nothing")), /loadResults: no results at/);
});
