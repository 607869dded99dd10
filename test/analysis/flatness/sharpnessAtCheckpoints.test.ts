import assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { test } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { sharpness } from "../../../src/analysis/flatness/sharpness";
import { sharpnessAtCheckpoints } from "../../../src/analysis/flatness/sharpnessAtCheckpoints";
import { makeDataset } from "../../../src/data/makeDataset";
import { runExperiment } from "../../../src/experiment/runExperiment";
import { RunFolder } from "../../../src/runs/RunFolder";

test("sharpnessAtCheckpoints: φ of each checkpoint equals φ of that checkpoint loaded by hand; accuracies from the log; no tensors left", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "phi-"));
  const config = {
    data: { operation: "x+y", p: 11, seed: 0 }, model: { kind: "mlp", width: 24, seed: 0 },
    train: { steps: 60, optimizer: { lr: 1e-2 }, evaluation: { every: 10 }, yieldEveryMs: 0 }, run: { dir, checkpointsPerDecade: 3 },
  };
  const run = await runExperiment(config);
  run.model.dispose();
  const folder = RunFolder.open(dir);
  const dataset = makeDataset(config.data as Parameters<typeof makeDataset>[0]);
  const before = tf.memory().numTensors;
  const measured = sharpnessAtCheckpoints(folder, dataset, { seed: 1 });
  assert.equal(tf.memory().numTensors, before);
  assert.deepEqual(measured.map((m) => m.step), folder.checkpointSteps());
  assert.ok(measured.length >= 3);
  const phis = new Set(measured.map((m) => m.phi.toFixed(6)));
  assert.ok(phis.size > 1, "different training lengths give different φ");
  for (const m of measured) {
    const model = folder.model(m.step);
    assert.equal(m.phi, sharpness(model, dataset, { seed: 1 }).phi);
    model.dispose();
    const record = run.records.find((r) => r.step === m.step);
    assert.equal(m.valAccuracy, record?.valAccuracy ?? null);
    assert.equal(m.trainAccuracy, record?.trainAccuracy ?? null);
  }
  assert.ok(measured.some((m) => m.trainAccuracy !== null), "evaluated checkpoints carry their training accuracy");
  // A threshold between the lowest and highest logged training accuracy: exactly the checkpoints at or above it are measured.
  const accuracies = measured.map((m) => m.trainAccuracy).filter((a): a is number => a !== null).sort((a, b) => a - b);
  const threshold = accuracies.at(-1)!;
  assert.ok(accuracies[0] < threshold, `the run's checkpoints differ in training accuracy (${accuracies.join(", ")})`);
  const fitted = sharpnessAtCheckpoints(folder, dataset, { seed: 1, minTrainAccuracy: threshold });
  assert.deepEqual(fitted.map((m) => m.step), measured.filter((m) => m.trainAccuracy !== null && m.trainAccuracy >= threshold).map((m) => m.step));
  assert.ok(fitted.length > 0 && fitted.length < measured.length, `some but not all checkpoints fit (${fitted.length} of ${measured.length})`);
  assert.deepEqual(fitted.map((m) => m.phi), measured.filter((m) => fitted.some((f) => f.step === m.step)).map((m) => m.phi));
  assert.throws(() => sharpnessAtCheckpoints(folder, dataset, { minTrainAccuracy: 99 }), /sharpnessAtCheckpoints: invalid options:\n  minTrainAccuracy: expected number to be less or equal to 1; received 99/);
  assert.throws(() => sharpnessAtCheckpoints(folder, dataset, { steps: [7] }), /sharpnessAtCheckpoints: ".*" has no checkpoint for step\(s\) 7; it has/);
});

test("the checkpoint analyses refuse unknown options and bad steps before reading the folder", async () => {
  const { analyseCheckpoints } = await import("../../../src/analysis/analyseCheckpoints");
  const { geometryOverTraining } = await import("../../../src/analysis/events/geometryOverTraining");
  const { sharpnessAtCheckpoints: atCheckpoints } = await import("../../../src/analysis/flatness/sharpnessAtCheckpoints");
  const folder = {} as never;
  const dataset = {} as never;
  assert.throws(() => atCheckpoints(folder, dataset, { minTrainAcc: 0.99 } as never), /sharpnessAtCheckpoints: invalid options:\n  minTrainAcc: unexpected property .*did you mean minTrainAccuracy\?/);
  assert.throws(() => atCheckpoints(folder, dataset, { iterations: 0 }), /sharpnessAtCheckpoints: invalid options:\n  iterations: expected integer to be greater or equal to 1/);
  assert.throws(() => analyseCheckpoints(folder, dataset, { steps: [10, "20"] } as never), /analyseCheckpoints: invalid options:\n  steps\[1\]: expected integer; received "20" \(a string\)/);
  assert.throws(() => geometryOverTraining(folder, { key: 5 } as never), /geometryOverTraining: invalid options:\n  key: unexpected property .*did you mean keys\?/);
});
