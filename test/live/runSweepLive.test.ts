import assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { test } from "node:test";
import { setDisplaySink } from "../../src/display/kernelDisplay";
import { closeDisplay, configureDisplay } from "../../src/display/show";
import { runSweepLive } from "../../src/live/runSweepLive";
import { readRuns } from "../../src/runs/readRuns";
import { lockHolder } from "../../src/runs/RunLock";

test("runSweepLive runs a sweep in workers while showing it, and returns each run with its log, result row and events", async () => {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "groklab-live-sweep-")), "sweep");
  const spec = {
    base: { data: { operation: "x+y", p: 7, trainFraction: 0.6 }, model: { kind: "mlp", width: 16 }, train: { steps: 40, optimizer: { lr: 1e-2 }, evaluation: { every: 10 } } },
    configs: [{ name: "plain" }, { name: "α 2", train: { outputScale: 2 } }],
  };
  const shown: string[] = [];
  configureDisplay({ staticImage: false });
  setDisplaySink((b) => shown.push(String(b.data["text/plain"] ?? "")));
  try {
    const runs = await runSweepLive(spec, dir, { title: "tiny" });
    assert.deepEqual(runs.map((r) => r.row.variant).sort(), ["plain", "α 2"]);
    for (const r of runs) {
      assert.equal(r.records.at(-1)?.step, 40, `${r.name}: ${r.status.state}, ${r.records.length} records, ${JSON.stringify(r.row).slice(0, 300)}`);
      assert.equal(r.row.status, "finished");
      assert.equal(r.events.lastStep, 40);
    }
    assert.ok(shown.some((t) => /Figure "tiny"/.test(t)), "the live figure was shown");
  } finally {
    setDisplaySink(undefined);
    configureDisplay({ staticImage: true });
    await closeDisplay(); // the final figure's static image started Chromium
  }
});

test("runSweepLive: when its figure fails, the sweep is stopped (workers checkpointed, locks released) and the error says so", async () => {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "groklab-live-sweep-fail-")), "sweep");
  const spec = {
    base: { data: { operation: "x+y", p: 7, trainFraction: 0.6 }, model: { kind: "mlp", width: 16 }, train: { steps: 1_000_000, evaluation: { every: 10 } } },
    configs: [{ name: "long" }],
  };
  configureDisplay({ staticImage: false });
  let figures = 0;
  setDisplaySink((b) => {
    if (/Figure/.test(String(b.data["text/plain"] ?? "")) && ++figures === 3) throw new Error("display lost");
  });
  try {
    await assert.rejects(runSweepLive(spec, dir), /watching ".*" failed \(display lost\); the sweep was stopped .*checkpointed \(0 runs ended\): run the cell again/);
  } finally {
    setDisplaySink(undefined);
    configureDisplay({ staticImage: true });
  }
  assert.equal(lockHolder(dir), null, "the sweep's lock is released");
  const runs = readRuns(dir);
  assert.equal(runs.length, 1);
  assert.equal(lockHolder(path.join(dir, "runs", runs[0].name)), null, "no worker holds the run");
  assert.notEqual(runs[0].status.state, "finished", JSON.stringify(runs[0].status));
  assert.ok(runs[0].records.length > 0 && runs[0].records.at(-1)!.step < 1_000_000, "the run was stopped part way, with its log");
});

test("runSweepLive: a sweep that fails before its runs start (a bad config) ends the cell with the sweep's error, not an endless watch", async () => {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "groklab-live-sweep-bad-")), "sweep");
  const spec = { base: { data: { operation: "x+y", p: 7 }, model: { kind: "mlp" }, train: { steps: 10, checkpoint: { every: 5 } } }, configs: [{ name: "bad" }] };
  const shown: string[] = [];
  setDisplaySink((b) => shown.push(String(b.data["text/plain"] ?? "")));
  try {
    await assert.rejects(runSweepLive(spec, dir), /checkpoint/);
  } finally {
    setDisplaySink(undefined);
  }
  assert.equal(lockHolder(dir), null);
});
