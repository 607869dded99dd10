import assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { test } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { selectBackend } from "../../../src/backend/selectBackend";
import { circularity } from "../../../src/analysis/geometry/circularity";
import { geometryOverTraining, keyShare } from "../../../src/analysis/events/geometryOverTraining";
import { Random } from "../../../src/data/random";
import { runExperiment } from "../../../src/experiment/runExperiment";
import { gromovWeights } from "../../../src/models/gromovSolution";
import { RunFolder } from "../../../src/runs/RunFolder";

test("keyShare: Gromov's units on frequencies 3 and 7 (20 each) give share 1 for two keys and 1/2 for one", () => {
  const w = gromovWeights(31, 40, { frequencies: [3, 7] });
  const rows = w["embed.E1"].arraySync();
  const c = circularity(rows);
  const two = keyShare(rows, c, 2);
  assert.ok(Math.abs(two.share - 1) < 1e-9, `share ${two.share}`);
  assert.deepEqual([...two.frequencies].sort((a, b) => a - b), [3, 7]);
  assert.ok(Math.abs(keyShare(rows, c, 1).share - 0.5) < 1e-6);
  tf.dispose(Object.values(w));
});

test("keyShare of random N(0, 1) rows [97 × 512]: about 5 of 48 frequencies' worth (0.10–0.22)", () => {
  const random = new Random(3);
  const rows = Array.from({ length: 97 }, () => Array.from({ length: 512 }, () => random.normal()));
  const share = keyShare(rows, circularity(rows), 5).share;
  assert.ok(share > 0.1 && share < 0.22, `share ${share}`);
});

const dirIn = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), "groklab-geometry-")), "run");

test("geometryOverTraining on a run started at cosines of frequencies 2 and 5 (lr 1e-5): circular and on those keys at every checkpoint, its nulls not; the log's accuracies", async () => {
  await selectBackend("cpu");
  const dir = dirIn();
  const r = await runExperiment({
    data: { operation: "x+y", p: 23, trainFraction: 0.8 },
    model: { kind: "mlp", width: 64, init: { kind: "fourier", frequencies: [2, 5], noise: 0 } },
    train: { steps: 60, optimizer: { lr: 1e-5, weightDecay: 0 }, evaluation: { every: 10, perDecade: 0 }, yieldEveryMs: 0 },
    run: { dir, checkpointsPerDecade: 0, checkpointEvery: 20 },
  });
  r.model.dispose();
  const points = geometryOverTraining(RunFolder.open(dir));
  assert.deepEqual(points.map((x) => x.step), [20, 40, 60]);
  for (const x of points) {
    assert.ok(x.circularity > 0.99, `circularity ${x.circularity} at ${x.step}`);
    assert.ok(Math.abs(x.circularityNull) < 0.15, `null ${x.circularityNull}`);
    assert.ok(x.keyShare > 0.99 && x.keyShareNull < 0.9, `keyShare ${x.keyShare} vs null ${x.keyShareNull}`);
    assert.deepEqual([...x.keyFrequencies].sort((a, b) => a - b), [2, 5]);
    assert.equal(x.valAccuracy, r.records.find((rec) => rec.step === x.step)!.valAccuracy);
  }
  const start = geometryOverTraining(RunFolder.open(dir), { steps: [0] })[0]; // the seeded init, rebuilt: the same cosines
  assert.ok(start.circularity > 0.99);
  assert.throws(() => geometryOverTraining(RunFolder.open(dir), { steps: [30] }), /geometryOverTraining: ".*" has no checkpoint for step\(s\) 30; it has 20, 40, 60/);
});
