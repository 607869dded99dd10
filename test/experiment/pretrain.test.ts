import assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { test } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { selectBackend } from "../../src/backend/selectBackend";
import { makeDataset } from "../../src/data/makeDataset";
import { pretrainSummary } from "../../src/runs/pretrainSummary";
import { resolveExperiment } from "../../src/experiment/resolveExperiment";
import { runExperiment } from "../../src/experiment/runExperiment";
import { buildModel } from "../../src/models/buildModel";
import { train } from "../../src/train/train";

const dirIn = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), "groklab-pretrain-")), "run");
const base = {
  data: { operation: "x+y", p: 13, trainFraction: 0.7, seed: 1 },
  model: { kind: "mlp", width: 32, seed: 3 },
  train: { steps: 40, optimizer: { lr: 1e-2, weightDecay: 1 }, evaluation: { every: 10, perDecade: 0 }, yieldEveryMs: 0 },
};
const weights = (m: { params: Record<string, tf.Variable> }) => Object.fromEntries(Object.entries(m.params).map(([k, v]) => [k, Array.from(v.dataSync())]));

for (const resetUnembedding of [false, true]) {
  test(`pretrain (resetUnembedding ${resetUnembedding}) equals training on x−y, ${resetUnembedding ? "a new head from seed + 1, " : ""}then on x+y with a fresh optimizer`, async () => {
    await selectBackend("cpu");
    const dir = dirIn();
    const config = { ...base, pretrain: { operation: "x-y", steps: 60, valAccuracy: 0.9, resetUnembedding }, run: { dir } };
    const r = await runExperiment(config);
    // by hand, from the same resolved config
    const resolved = resolveExperiment(config);
    const model = buildModel(resolved.model);
    const pre = await train(model, makeDataset({ ...resolved.data, operation: "x-y" }), { ...resolved.train, steps: 60, stopAtValAccuracy: { valAccuracy: 0.9, patience: 3 } });
    if (resetUnembedding) {
      const other = buildModel({ ...resolved.model, seed: 4 });
      model.params["unembed.W_out"].assign(other.params["unembed.W_out"]);
      other.dispose();
    }
    const target = await train(model, makeDataset(resolved.data), resolved.train);
    assert.deepEqual(weights(r.model), weights(model));
    assert.deepEqual(r.records.map((x) => x.valAccuracy), target.records.map((x) => x.valAccuracy));
    assert.equal(r.records[0].step, 0, "the target's log starts at step 0");
    const summary = pretrainSummary(dir)!;
    assert.equal(summary.operation, "x-y");
    assert.equal(summary.steps, pre.records.at(-1)!.step);
    assert.equal(summary.valAccuracy, pre.records.at(-1)!.valAccuracy);
    assert.equal(summary.resetUnembedding, resetUnembedding);
    assert.ok(summary.seconds > 0);
    assert.equal(pretrainSummary(path.dirname(dir)), null, "a folder without pretrain.json has no summary");
    [r.model, model].forEach((m) => m.dispose());
  });
}

test("a run stopped during its pre-training writes no pretrain.json and pre-trains again when run again", async () => {
  await selectBackend("cpu");
  const dir = dirIn();
  const config = { ...base, pretrain: { operation: "x-y", steps: 200, valAccuracy: 1 }, run: { dir } };
  const controller = new AbortController();
  controller.abort();
  const stopped = await runExperiment(config, { signal: controller.signal });
  assert.equal(stopped.stoppedBy, "signal");
  assert.equal(fs.existsSync(path.join(dir, "pretrain.json")), false);
  stopped.model.dispose();
  const again = await runExperiment(config);
  assert.equal(again.stoppedBy, "steps");
  assert.ok(pretrainSummary(dir)!.steps > 0);
  again.model.dispose();
});

test("resolveExperiment refuses a pretrain operation with other classes, naming the field", () => {
  assert.throws(
    () => resolveExperiment({ ...base, pretrain: { operation: "a∘b", steps: 10 }, run: { dir: "x" } }),
    /pretrain\.operation: expected an operation with the 13 classes of data\.operation "x\+y"; received "a∘b" \(120 classes\)/,
  );
  assert.throws(() => resolveExperiment({ ...base, pretrain: { operation: "x-y" }, run: { dir: "x" } }), /pretrain/);
});
