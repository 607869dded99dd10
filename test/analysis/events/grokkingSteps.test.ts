import assert from "node:assert/strict";
import { test } from "node:test";
import { firstSustained, grokkingSteps } from "../../../src/analysis/events/grokkingSteps";
import { LogRecord } from "../../../src/logs/LogRecord";

function log(points: [number, number, number][]): LogRecord[] {
  return points.map(([step, trainAccuracy, valAccuracy]) => ({
    step, epoch: step, trainAccuracy, valAccuracy, trainLoss: 0, valLoss: 0, weightNorm: 0, lr: 0, wallTime: 0,
  }));
}

test("clean grokking: memorisation, then generalisation much later", () => {
  const r = log([[0, 0.01, 0.01], [100, 0.5, 0.01], [200, 1, 0.01], [300, 1, 0.02], [400, 1, 0.02], [1000, 1, 0.3], [2000, 1, 0.995], [2100, 1, 1], [2200, 1, 1]]);
  assert.deepEqual(grokkingSteps(r), { memorisation: 200, generalisation: 2000, delay: 1800, lastStep: 2200 });
});

test("a single spike above the threshold does not count; sustained means k evaluations in a row", () => {
  const r = log([[0, 0, 0], [10, 1, 0.995], [20, 1, 0.5], [30, 1, 0.99], [40, 1, 0.99], [50, 1, 0.999]]);
  assert.equal(grokkingSteps(r).generalisation, 30);
  assert.equal(firstSustained(r, (x) => x.valAccuracy, 0.99, 1), 10);
});

test("never grokked within the budget is censored (null), with the budget reported", () => {
  const r = log([[0, 0, 0], [500, 1, 0.02], [1000, 1, 0.03]]);
  assert.deepEqual(grokkingSteps(r), { memorisation: 500, generalisation: null, delay: null, lastStep: 1000 });
});

test("a run that reaches the threshold at its very end counts (the log ends, not the accuracy)", () => {
  const r = log([[0, 0, 0], [10, 1, 0.2], [20, 1, 1]]);
  assert.equal(grokkingSteps(r).generalisation, 20);
});

test("bad thresholds are named", () => {
  assert.throws(() => grokkingSteps([], { threshold: 99 }), /grokkingSteps: invalid options:\n  threshold: expected number to be less or equal to 1; received 99/);
  assert.throws(() => grokkingSteps([], { sustain: 0 }), /grokkingSteps: invalid options:\n  sustain: expected integer to be greater or equal to 1; received 0/);
});

test("the analyses of a log refuse unknown options and strings where numbers belong, naming them", async () => {
  const { grokkingEvents } = await import("../../../src/analysis/events/grokkingEvents");
  const { nandaPhases } = await import("../../../src/analysis/events/nandaPhases");
  const { rqi } = await import("../../../src/analysis/geometry/rqi");
  const { aboveControls } = await import("../../../src/analysis/statistics/aboveControls");
  assert.throws(() => grokkingSteps([], { treshold: 0.9 } as never), /grokkingSteps: invalid options:\n  treshold: unexpected property \(expected one of threshold, sustain; did you mean threshold\?\)/);
  assert.throws(() => grokkingSteps([], { threshold: "0.9" as never }), /grokkingSteps: invalid options:\n  threshold: expected number; received "0\.9" \(a string\)/);
  assert.throws(() => grokkingEvents([], { smoothing: 0 }), /grokkingEvents: invalid options:\n  smoothing: expected integer to be greater or equal to 1; received 0/);
  assert.throws(() => grokkingEvents([], { window: 3 } as never), /grokkingEvents: invalid options:\n  window: unexpected property \(expected one of threshold, sustain, smoothing, dropSize\)/);
  assert.throws(() => nandaPhases([], { tails: 0.1 } as never), /nandaPhases: invalid options:\n  tails: unexpected property .*did you mean tail\?/);
  assert.throws(() => rqi([[0], [1]], { modular: "yes" as never }), /rqi: invalid options:\n  modular: expected boolean; received "yes" \(a string\)/);
  assert.throws(() => aboveControls(1, [0], { flor: 0.1 } as never), /aboveControls: invalid options:\n  flor: unexpected property .*did you mean floor\?/);
  // the options the notebooks pass still work
  assert.equal(grokkingEvents([], { threshold: 0.95, sustain: 2, smoothing: 3, dropSize: 0.1 }).generalisation, null);
});
