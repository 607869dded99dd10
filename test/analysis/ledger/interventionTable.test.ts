import assert from "node:assert/strict";
import { test } from "node:test";
import { interventionTable, InterventionRun } from "../../../src/analysis/ledger/interventionTable";
import { LogRecord } from "../../../src/logs/LogRecord";

/** A log evaluated every 10 steps whose validation accuracy crosses 95% at `at95` and 99% at `at99` (null: never). */
function log(at95: number | null, at99: number | null, last = 300): LogRecord[] {
  const records: LogRecord[] = [];
  for (let step = 0; step <= last; step += 10) {
    const valAccuracy = at99 !== null && step >= at99 ? 1 : at95 !== null && step >= at95 ? 0.96 : 0.1;
    records.push({ step, epoch: step, trainLoss: 0, trainAccuracy: 1, valLoss: 0, valAccuracy, weightNorm: 1, lr: 1e-3, wallTime: step / 100 });
  }
  return records;
}

test("interventionTable: medians and ranges over seeds, censored seeds counted, the best baseline picked, speed-ups against it (hand-computed)", () => {
  const runs: InterventionRun[] = [
    ...[[100, 200], [120, 220], [140, 260]].map(([a, b], seed) => ({ intervention: "AdamW slow", seed, records: log(a, b) })),
    ...[[50, 100], [60, 120], [70, 140]].map(([a, b], seed) => ({ intervention: "AdamW fast", seed, records: log(a, b) })),
    ...[[20, 40], [30, null], [40, 60]].map(([a, b], seed) => ({ intervention: "trick", seed, records: log(a, b) })),
    ...[[null, null], [50, null], [60, 80]].map(([a, b], seed) => ({ intervention: "fragile", seed, records: log(a, b), error: seed === 0 ? "diverged" : null })),
  ];
  const rows = interventionTable(runs, { baselines: ["AdamW slow", "AdamW fast"] });
  const by = Object.fromEntries(rows.map((r) => [r.intervention, r]));
  assert.deepEqual(by["AdamW fast"].steps99, { median: 120, min: 100, max: 140, reached: 3, seeds: 3 });
  assert.equal(by["AdamW fast"].baseline, true);
  assert.equal(by["AdamW slow"].baseline, false);
  assert.equal(by["AdamW slow"].speedUp, 120 / 220);
  // one seed of three never reached 99%: it counts as +∞, so the median is the larger finite value
  assert.deepEqual(by.trick.steps99, { median: 60, min: 40, max: 60, reached: 2, seeds: 3 });
  assert.equal(by.trick.speedUp, 2);
  assert.deepEqual(by.trick.steps95, { median: 30, min: 20, max: 40, reached: 3, seeds: 3 });
  assert.deepEqual(by.trick.seconds99, { median: 0.6, min: 0.4, max: 0.6, reached: 2, seeds: 3 });
  // two of three censored: no median, no speed-up
  assert.equal(by.fragile.steps99.median, null);
  assert.equal(by.fragile.speedUp, null);
  assert.deepEqual(by.fragile.errors, ["diverged"]);
  assert.deepEqual(by.trick.errors, []);
  assert.throws(() => interventionTable(runs, { baselines: ["SGD"] }), /interventionTable: baselines "SGD" are not among the runs' interventions/);
});

test("interventionTable: training before the log (pre-training) adds its seconds to seconds99 and is summarised in beforeSteps", () => {
  const runs: InterventionRun[] = [
    ...[100, 120, 140].map((at99, seed) => ({ intervention: "AdamW", seed, records: log(50, at99) })),
    ...[40, 60, 80].map((at99, seed) => ({ intervention: "pre-trained", seed, records: log(20, at99), before: { steps: 500 + 100 * seed, seconds: 7 } })),
  ];
  const by = Object.fromEntries(interventionTable(runs, { baselines: ["AdamW"] }).map((r) => [r.intervention, r]));
  assert.deepEqual(by["pre-trained"].steps99, { median: 60, min: 40, max: 80, reached: 3, seeds: 3 });
  assert.deepEqual(by["pre-trained"].seconds99, { median: 7.6, min: 7.4, max: 7.8, reached: 3, seeds: 3 });
  assert.deepEqual(by["pre-trained"].beforeSteps, { median: 600, min: 500, max: 700, reached: 3, seeds: 3 });
  assert.equal(by.AdamW.beforeSteps, null);
  assert.equal(by["pre-trained"].speedUp, 2); // steps on the target only; the table shows the pre-training apart
});
