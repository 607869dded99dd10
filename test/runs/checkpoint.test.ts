import assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { test } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { listCheckpoints, loadCheckpoint, saveCheckpoint } from "../../src/runs/checkpoint";

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "groklab-ckpt-"));

test("tensors and run state round-trip exactly", async () => {
  const dir = tmp();
  const a = tf.tensor2d([[1.5, -2], [3, 1e-8]]);
  const b = tf.tensor1d([7], "int32");
  await saveCheckpoint(dir, { a, b }, { step: 12, randomState: 4242, wallTime: 1.5 });
  await saveCheckpoint(dir, { a }, { step: 3, randomState: 1, wallTime: 0.1 });
  assert.deepEqual(listCheckpoints(dir), [3, 12]);
  const c = loadCheckpoint(dir);
  assert.equal(c.step, 12);
  assert.equal(c.randomState, 4242);
  assert.deepEqual(c.tensors.a.arraySync(), [[1.5, -2], [3, Math.fround(1e-8)]]);
  assert.deepEqual(Array.from(c.tensors.b.dataSync()), [7]);
  assert.equal(loadCheckpoint(dir, 3).step, 3);
  tf.dispose([a, b, ...Object.values(c.tensors)]);
  assert.deepEqual(fs.readdirSync(dir).filter((f) => f.includes(".tmp")), [], "no temporary files left");
});

test("a truncated data file, a corrupt manifest or a missing step is an error naming the file", async () => {
  const dir = tmp();
  const a = tf.ones([100]);
  await saveCheckpoint(dir, { a }, { step: 5, randomState: 0, wallTime: 0 });
  a.dispose();
  const bin = path.join(dir, "step-000000005.bin");
  fs.truncateSync(bin, 10);
  assert.throws(() => loadCheckpoint(dir), /loadCheckpoint: ".*step-000000005.bin" holds 10 bytes; its manifest expects 400/);
  fs.writeFileSync(path.join(dir, "step-000000005.json"), "{not json");
  assert.throws(() => loadCheckpoint(dir), /loadCheckpoint: ".*step-000000005.json" is corrupt/);
  assert.throws(() => loadCheckpoint(dir, 7), /loadCheckpoint: no checkpoint for step 7 in ".*"; available steps: 5/);
  assert.throws(() => loadCheckpoint(tmp()), /available steps: none/);
});
