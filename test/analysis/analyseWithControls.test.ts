import assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { test } from "node:test";
import { trainedMlpFolder } from "../helpers";
import * as tf from "@tensorflow/tfjs";
import { analyseWithControls } from "../../src/analysis/analyseWithControls";
import { analyseModel } from "../../src/analysis/analyseModel";
import { nullModel } from "../../src/analysis/geometry/nullModel";
import { RunFolder } from "../../src/runs/RunFolder";

test("analyseWithControls: the last checkpoint, the initial weights and the null model, each as analyseModel measures it on the trained keys; measure reads each; no tensors left", async () => {
  const { dir, folder, dataset } = await trainedMlpFolder("controls-", 60);
  const before = tf.memory().numTensors;
  const c = analyseWithControls(folder, dataset, { measure: (m) => (m.params["embed.E1"].arraySync() as number[][])[0][0] });
  assert.equal(tf.memory().numTensors, before);
  assert.equal(c.step, folder.checkpointSteps().at(-1));
  const trained = folder.model();
  const initial = folder.model(0);
  const permuted = nullModel(trained, () => folder.model());
  const keys = analyseModel(trained, dataset).keys;
  assert.deepEqual(c.keys, keys);
  for (const [got, model] of [[c.trained, trained], [c.initial, initial], [c.null, permuted]] as const) {
    const byHand = analyseModel(model, dataset, { keys });
    assert.deepEqual(got.analysis.norms, byHand.norms);
    assert.equal(got.analysis.loss.restricted, byHand.loss.restricted);
    assert.equal(got.measured, (model.params["embed.E1"].arraySync() as number[][])[0][0]);
  }
  assert.notDeepEqual(c.trained.analysis.norms, c.initial.analysis.norms);
  [trained, initial, permuted].forEach((m) => m.dispose());
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), "controls-empty-"));
  fs.copyFileSync(path.join(dir, "config.json"), path.join(empty, "config.json"));
  assert.throws(() => analyseWithControls(RunFolder.open(empty), dataset), /analyseWithControls: ".*controls-empty-.*" holds no checkpoint/);
});
