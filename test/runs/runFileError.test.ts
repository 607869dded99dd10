/**
 * File-system faults on real file systems: a tiny tmpfs that fills up, the same tmpfs remounted
 * read-only, a path through a file. Mounting needs root; without it these tests are skipped and
 * say so.
 */
import assert from "node:assert/strict";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { after, test } from "node:test";
import { runExperiment } from "../../src/experiment/runExperiment";
import { runLog } from "../../src/runs/runLog";
import { listCheckpoints, loadCheckpoint } from "../../src/runs/checkpoint";
import { RunFolder } from "../../src/runs/RunFolder";
import * as tf from "@tensorflow/tfjs";

const mountPoint = fs.mkdtempSync(path.join(os.tmpdir(), "groklab-tmpfs-"));
const mounted = spawnSync("mount", ["-t", "tmpfs", "-o", "size=160k", "tmpfs", mountPoint]).status === 0;
after(() => {
  if (mounted) spawnSync("umount", [mountPoint]);
});
const skip = mounted ? false : "mounting a tmpfs needs root";

const config = (dir: string, steps = 400) => ({
  data: { operation: "x+y", p: 13, seed: 1 },
  model: { kind: "mlp", width: 48, seed: 1 },
  train: { steps, optimizer: { lr: 1e-2 }, evaluation: { every: 5 }, yieldEveryMs: 0 },
  run: { dir, checkpointsPerDecade: 30 },
});
const leftovers = (dir: string): string[] =>
  fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => /\.tmp-|\.stale-/.test(f));

test("a full disk: the error names folder, file and cause; earlier log lines and checkpoints stay intact; no temporary file is left", { skip }, async () => {
  const dir = path.join(mountPoint, "full");
  await assert.rejects(runExperiment(config(dir)), /RunFolder: cannot (write|append to) ".*full\/.*" in run folder ".*full": the disk is full \(ENOSPC\)/);
  const records = runLog(dir).records; // readable, steps forward
  assert.ok(records.length > 3, `some records were written (${records.length})`);
  const steps = listCheckpoints(path.join(dir, "checkpoints"));
  assert.ok(steps.length > 3, `some checkpoints were written (${steps})`);
  for (const s of steps) tf.dispose(Object.values(loadCheckpoint(path.join(dir, "checkpoints"), s).tensors));
  assert.deepEqual(leftovers(dir), []);
  assert.equal(fs.existsSync(path.join(dir, "lock")), false, "the lock was given up");
  fs.rmSync(dir, { recursive: true, force: true });
});

test("a read-only file system: a new run and a resume fail at once, naming the file; the run already there is intact", { skip }, async () => {
  const dir = path.join(mountPoint, "ro");
  const done = await runExperiment(config(dir, 5));
  done.model.dispose();
  const before = fs.readFileSync(path.join(dir, "log.jsonl"), "utf8");
  assert.equal(spawnSync("mount", ["-o", "remount,ro", mountPoint]).status, 0);
  try {
    await assert.rejects(runExperiment(config(path.join(mountPoint, "new"))), /RunFolder: cannot create ".*new" in run folder ".*new": the file system is read-only \(EROFS\)/);
    await assert.rejects(runExperiment(config(dir, 5), { fresh: true }), /RunFolder: cannot write ".*ro\/lock\.tmp-\d+" in run folder ".*ro": the file system is read-only \(EROFS\)/);
    assert.equal(fs.readFileSync(path.join(dir, "log.jsonl"), "utf8"), before);
  } finally {
    spawnSync("mount", ["-o", "remount,rw", mountPoint]);
  }
});

test("a folder that cannot be created fails at once with the reason", async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "groklab-notdir-")), "a-file");
  fs.writeFileSync(file, "");
  const started = Date.now();
  await assert.rejects(runExperiment(config(path.join(file, "run"))), /RunFolder: cannot create ".*a-file\/run" in run folder ".*a-file\/run": a part of its path is a file, not a folder \(ENOTDIR\)/);
  assert.ok(Date.now() - started < 2000);
});

test("log lines without a checkpoint (a kill before the first one) are redone, not appended to", async () => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), "groklab-nockpt-"));
  const whole = await runExperiment(config(path.join(base, "whole"), 30));
  const dir = path.join(base, "killed");
  // What a kill before the first checkpoint leaves: config.json, some log lines, a torn last line.
  new RunFolder(dir, whole.config).close();
  const lines = whole.records.slice(0, 4).map((r) => JSON.stringify(r) + "\n").join("");
  fs.writeFileSync(path.join(dir, "log.jsonl"), lines + '{"step":20,"epo');
  const resumed = await runExperiment(config(dir, 30));
  const strip = (rs: typeof whole.records) => rs.map(({ wallTime: _w, ...r }) => r);
  assert.deepEqual(strip(runLog(dir).records), strip(whole.records));
  [whole.model, resumed.model].forEach((m) => m.dispose());
});
