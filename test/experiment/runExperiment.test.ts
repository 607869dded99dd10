import assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { test } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { runExperiment } from "../../src/experiment/runExperiment";
import { RunFolder } from "../../src/runs/RunFolder";
import { LogRecord } from "../../src/logs/LogRecord";

const dirIn = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), "groklab-exp-")), "run");
const config = (dir: string) => ({
  data: { operation: "x-y", p: 11, trainFraction: 0.6, seed: 2 },
  model: { kind: "mlp", width: 24, seed: 5 },
  train: { steps: 120, optimizer: { lr: 1e-2 }, evaluation: { every: 10 }, batchSize: 16, yieldEveryMs: 0 },
  run: { dir, checkpointsPerDecade: 10 },
});
const strip = (rs: LogRecord[]) => rs.map(({ wallTime: _w, ...r }) => r);
const weights = (m: { params: Record<string, tf.Variable> }) => Object.fromEntries(Object.entries(m.params).map(([k, v]) => [k, Array.from(v.dataSync())]));

test("runExperiment writes the resolved config; RunFolder.open rebuilds the model and reads the records back", async () => {
  const dir = dirIn();
  const r = await runExperiment(config(dir));
  assert.equal(r.stoppedBy, "steps");
  assert.equal(r.records.at(-1)!.step, 120);
  const opened = RunFolder.open(dir);
  assert.deepEqual(opened.config, r.config);
  assert.equal((opened.config as typeof r.config).model.numClasses, 11);
  assert.deepEqual(opened.records, r.records);
  const rebuilt = opened.model();
  assert.deepEqual(weights(rebuilt), weights(r.model));
  const early = opened.model(10);
  assert.notDeepEqual(weights(early), weights(r.model));
  const initial = opened.model(0); // the run's seeded start, rebuilt from config.json
  const { buildModel } = await import("../../src/models/buildModel");
  const fresh = buildModel(r.config.model);
  assert.deepEqual(weights(initial), weights(fresh));
  assert.notDeepEqual(weights(initial), weights(early));
  [initial, fresh].forEach((m) => m.dispose());
  assert.deepEqual(opened.outcome()?.status, "finished");
  assert.equal(fs.existsSync(path.join(dir, "lock")), false, "the lock is given up at the end");
  [rebuilt, early, r.model].forEach((m) => m.dispose());
});

test("a finished run is read back without training; another config is refused naming the differences", async () => {
  const dir = dirIn();
  const first = await runExperiment(config(dir));
  const again = await runExperiment(config(dir));
  assert.equal(again.alreadyFinished, true);
  assert.deepEqual(again.records, first.records);
  assert.deepEqual(weights(again.model), weights(first.model));
  const other = config(dir);
  other.train.optimizer.lr = 3e-2;
  await assert.rejects(runExperiment(other), /holds a run with another config; resume needs the same config\. Differences: train\.optimizer\.lr: 0\.01 in the folder, 0\.03 now/);
  const fresh = await runExperiment(other, { fresh: true });
  assert.equal(fresh.config.train.optimizer!.lr, 3e-2);
  [first.model, again.model, fresh.model].forEach((m) => m.dispose());
});

// Power's transformer trained with Muon (its state: momenta beside AdamW's moments) resumes the same way.
const muonConfig = (dir: string) => ({
  data: { operation: "x+y", p: 7, trainFraction: 0.6, seed: 1 },
  model: { kind: "power", dModel: 8, heads: 2, dFF: 16, seed: 3 },
  train: { steps: 80, muon: { lr: 0.02 }, evaluation: { every: 10 }, batchSize: 16, yieldEveryMs: 0 },
  run: { dir, checkpointsPerDecade: 10 },
});

for (const [what, make] of [["the MLP with AdamW", config], ["Power's transformer with Muon", muonConfig]] as const) {
  test(`${what}: an aborted signal stops at the step boundary with a checkpoint; running again resumes to the uninterrupted result`, async () => {
    const whole = await runExperiment(make(dirIn()));
    const dir = dirIn();
    const controller = new AbortController();
    const cut = await runExperiment(make(dir), {
      signal: controller.signal,
      onEvaluation: (rec) => {
        if (rec.step === 40) controller.abort();
      },
    });
    assert.equal(cut.stoppedBy, "signal");
    assert.equal(RunFolder.open(dir).outcome(), null, "an interrupted run is not finished");
    assert.deepEqual(RunFolder.open(dir).checkpointSteps().at(-1), 41, "checkpoint at the step boundary after the abort");
    cut.model.dispose();
    const resumed = await runExperiment(make(dir));
    assert.equal(resumed.startStep, 41);
    assert.deepEqual(strip(resumed.records), strip(whole.records));
    assert.deepEqual(weights(resumed.model), weights(whole.model));
    [whole.model, resumed.model].forEach((m) => m.dispose());
  });
}

test("every model kind runs from a config and leaves no tensor behind", async () => {
  const before = tf.memory().numTensors;
  for (const model of [{ kind: "mlp", width: 8 }, { kind: "nanda", dModel: 8, heads: 2, dMlp: 8 }, { kind: "power", dModel: 8, heads: 2, dFF: 8 }]) {
    const r = await runExperiment({ data: { operation: "x+y", p: 5 }, model, train: { steps: 3 }, run: { dir: dirIn() } });
    assert.equal(r.records.at(-1)!.step, 3, model.kind);
    r.model.dispose();
  }
  assert.equal(tf.memory().numTensors, before);
});

test("run.checkpointEvery adds a checkpoint at every evaluated multiple of it (besides the log-spaced ones and the end)", async () => {
  const dir = dirIn();
  const c = config(dir);
  const r = await runExperiment({ ...c, train: { ...c.train, steps: 100, evaluation: { every: 10, perDecade: 0 } }, run: { dir, checkpointsPerDecade: 0, checkpointEvery: 30 } });
  assert.deepEqual(RunFolder.open(dir).checkpointSteps(), [30, 60, 90, 100]);
  r.model.dispose();
});
