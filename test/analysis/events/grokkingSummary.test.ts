import assert from "node:assert/strict";
import { test } from "node:test";
import { grokkingSummary } from "../../../src/analysis/events/grokkingSummary";
import { LogRecord } from "../../../src/logs/LogRecord";

/** A hand-made grokking log: training memorises by step 300, validation jumps between 2,000 and 2,400, the norm falls. */
function log(): LogRecord[] {
  const steps = [0, 100, 200, 300, 400, 600, 1000, 1500, 2000, 2200, 2400, 2600, 2800, 3000];
  const val = [0.01, 0.01, 0.02, 0.02, 0.02, 0.02, 0.03, 0.03, 0.05, 0.5, 0.995, 0.996, 0.997, 0.998];
  const train = [0.01, 0.4, 0.9, 0.995, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
  return steps.map((step, i) => ({ step, epoch: step, trainLoss: 1, trainAccuracy: train[i], valLoss: 1, valAccuracy: val[i], weightNorm: 100 - i * 5, lr: 1e-3, wallTime: i }));
}

test("grokkingSummary: events, validation at memorisation, norms at memorisation, transition and end", () => {
  const s = grokkingSummary(log(), 97);
  assert.equal(s.memorisation, 300);
  assert.equal(s.generalisation, 2400);
  assert.equal(s.valAtMemorisation, 0.02);
  assert.equal(s.chance, 1 / 97);
  assert.equal(s.normAtMemorisation, 85); // record 3
  assert.equal(s.normAtEnd, 35);
  assert.ok(s.transitionStart !== null && s.transitionStart >= 1500 && s.transitionStart <= 2200, `transition start ${s.transitionStart}`);
  assert.equal(s.normAtTransition, 100 - 5 * log().findIndex((r) => r.step === s.transitionStart));
  assert.equal(s.transitionEnd, 2800); // validation accuracy smoothed over 3 evaluations (grokkingEvents) reaches 90% of its rise there
  assert.equal(s.lastStep, 3000);
});

test("grokkingSummary: a censored run has no generalisation or transition; the norm at the transition is null", () => {
  const records = log().map((r) => ({ ...r, valAccuracy: Math.min(r.valAccuracy, 0.3) }));
  const s = grokkingSummary(records, 97);
  assert.equal(s.generalisation, null);
  assert.equal(s.transitionStart, null);
  assert.equal(s.normAtTransition, null);
  assert.equal(s.memorisation, 300);
});

test("grokkingSummary: bad input names the function and what it expected", () => {
  assert.throws(() => grokkingSummary([], 97), /grokkingSummary: records must be a non-empty log; received no records/);
  assert.throws(() => grokkingSummary(log(), 1), /grokkingSummary: classes must be an integer ≥ 2 \(p\); received 1/);
});
