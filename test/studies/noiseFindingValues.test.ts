import assert from "node:assert/strict";
import { test } from "node:test";
import { NOISE_KINDS, noiseFindingValues, noiseValueNames } from "../../src/studies/noiseFindingValues";
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
    // One seed each (seed 0): every kind's paired control is the control itself.
    smallerBatchControlSteps: 3800, smallerBatchControlFinal: 0.995, weightNoiseControlSteps: 3800, weightNoiseControlFinal: 0.995,
    gradientNoiseControlSteps: 3800, gradientNoiseControlFinal: 0.995,
  });
  assert.deepEqual(Object.keys(values).sort(), noiseValueNames().sort());
  assert.deepEqual([...NOISE_KINDS], ["smallerBatch", "weightNoise", "gradientNoise"]);
});

test("noiseFindingValues: a missing run or an empty log is an error naming the role", () => {
  const run = { events: { generalisation: null }, records: log(0.1) };
  assert.throws(() => noiseFindingValues({ control: run, smallerBatch: run, weightNoise: undefined, gradientNoise: run }), /noiseFindingValues: expected a run \(or one a seed\) for "weightNoise"/);
  assert.throws(() => noiseFindingValues({ control: { events: { generalisation: null }, records: [] }, smallerBatch: run, weightNoise: run, gradientNoise: run }), /noiseFindingValues: a "control" run has an empty log/);
});

test("noiseFindingValues: several seeds of a role give their medians (steps null once half the seeds are censored), each kind against the control over its own seeds", () => {
  const run = (steps: number | null, final: number, seed = 0) => ({ events: { generalisation: steps }, records: log(0.01, final), seed });
  const values = noiseFindingValues({
    // Three seeds: the middle values, 3981 and 0.995.
    control: [run(3981, 1), run(3700, 0.995, 1), run(4800, 0.99, 2)],
    // Three seeds, one censored: the median is the middle reached value; finals 0.4, 0.997, 0.999 → 0.997.
    smallerBatch: [run(2700, 0.997), run(null, 0.4, 1), run(3100, 0.999, 2)],
    // Two seeds, one censored: half censored, so the steps are null; finals (0.5 + 0.991) / 2 = 0.7455.
    weightNoise: [run(null, 0.5), run(3600, 0.991, 1)],
    gradientNoise: run(3500, 0.995),
  });
  assert.equal(values.controlSteps, 3981);
  assert.equal(values.controlFinal, 0.995);
  assert.equal(values.smallerBatchSteps, 3100);
  assert.equal(values.smallerBatchFinal, 0.997);
  assert.equal(values.weightNoiseSteps, null);
  assert.ok(Math.abs(values.weightNoiseFinal! - 0.7455) < 1e-12);
  assert.deepEqual([values.gradientNoiseSteps, values.gradientNoiseFinal], [3500, 0.995]);
  // Paired controls: all three seeds for the smaller batch; seeds 0 and 1 for weight noise, by hand the mean of the two,
  // (3981 + 3700) / 2 = 3840.5 and (1 + 0.995) / 2 = 0.9975; seed 0 alone for gradient noise.
  assert.deepEqual([values.smallerBatchControlSteps, values.weightNoiseControlSteps, values.gradientNoiseControlSteps], [3981, 3840.5, 3981]);
  assert.deepEqual([values.smallerBatchControlFinal, values.weightNoiseControlFinal, values.gradientNoiseControlFinal], [0.995, 0.9975, 1]);
  // A kind's seed without a control run cannot be compared seed for seed.
  assert.throws(() => noiseFindingValues({ control: [run(1, 1), run(1, 1, 1)], smallerBatch: [run(1, 1), run(1, 1, 2)], weightNoise: run(1, 1), gradientNoise: run(1, 1) }), /expected a control run for each seed of "smallerBatch" \(0, 2\); received none for seed 2 \(the control's seeds: 0, 1\)/);
  assert.throws(() => noiseFindingValues({ control: [], smallerBatch: run(1, 1), weightNoise: run(1, 1), gradientNoise: run(1, 1) }), /expected a run \(or one a seed\) for "control"/);
});
