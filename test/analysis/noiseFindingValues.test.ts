import assert from "node:assert/strict";
import { test } from "node:test";
import { NOISE_KINDS, noiseFindingValues, noiseValueNames } from "../../src/analysis/noiseFindingValues";
import type { LogRecord } from "../../src/logs/LogRecord";

const log = (...valAccuracies: number[]): LogRecord[] =>
  valAccuracies.map((valAccuracy, i) => ({ step: 100 * i, epoch: i, trainLoss: 1, trainAccuracy: 1, valLoss: 1, valAccuracy, weightNorm: 1, lr: 1e-3, wallTime: i }));

test("noiseFindingValues: steps and the last logged validation accuracy of the control and each kind, under the names the ledger reads", () => {
  const values = noiseFindingValues({
    control: { events: { generalisation: 3800 }, records: log(0.01, 0.5, 0.995) },
    smallerBatch: { events: { generalisation: null }, records: log(0.01, 0.3, 0.41) },
    weightNoise: { events: { generalisation: 4200 }, records: log(0.02, 0.992) },
    gradientNoise: { events: { generalisation: null }, records: log(0.01) },
  });
  assert.deepEqual(values, {
    controlSteps: 3800, controlFinal: 0.995, smallerBatchSteps: null, smallerBatchFinal: 0.41,
    weightNoiseSteps: 4200, weightNoiseFinal: 0.992, gradientNoiseSteps: null, gradientNoiseFinal: 0.01,
  });
  assert.deepEqual(Object.keys(values).sort(), noiseValueNames().sort());
  assert.deepEqual([...NOISE_KINDS], ["smallerBatch", "weightNoise", "gradientNoise"]);
});

test("noiseFindingValues: a missing run or an empty log is an error naming the role", () => {
  const run = { events: { generalisation: null }, records: log(0.1) };
  assert.throws(() => noiseFindingValues({ control: run, smallerBatch: run, weightNoise: undefined, gradientNoise: run }), /noiseFindingValues: expected a run for "weightNoise"/);
  assert.throws(() => noiseFindingValues({ control: { events: { generalisation: null }, records: [] }, smallerBatch: run, weightNoise: run, gradientNoise: run }), /noiseFindingValues: the "control" run has an empty log/);
});
