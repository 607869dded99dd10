import assert from "node:assert/strict";
import { test } from "node:test";
import { nandaPhases } from "../../../src/analysis/events/nandaPhases";
import { LogRecord } from "../../../src/logs/LogRecord";

/** A log shaped like Nanda et al.'s run: memorised by 1,400; validation rises from ~9,000; test loss settles by ~14,000; logged to 20,000. */
function log(lastStep = 20000): LogRecord[] {
  const out: LogRecord[] = [];
  for (let step = 0; step <= lastStep; step += 200) {
    const train = step < 1400 ? step / 1400 * 0.98 : 1;
    const val = step < 9000 ? 0.01 : step < 11000 ? 0.01 + (0.99 * (step - 9000)) / 2000 : 1;
    // Test loss: high until 9,000, falls tenfold a thousand steps until 14,000, then settles at 1e-4 (2× bound 2e-4).
    const valLoss = step < 9000 ? 8 : step < 14000 ? 8 * Math.pow(10, -(step - 9000) / 1000) : 1e-4;
    out.push({ step, epoch: step, trainLoss: 0.01, trainAccuracy: train, valLoss, valAccuracy: val, weightNorm: 50, lr: 1e-3, wallTime: step / 100 });
  }
  return out;
}

test("nandaPhases: boundaries at memorisation, the start of the validation rise, and where test loss settles", () => {
  const ph = nandaPhases(log());
  assert.equal(ph.memorisationEnd, 1400);
  assert.ok(ph.circuitFormationEnd! >= 8800 && ph.circuitFormationEnd! <= 9400, `circuit formation ends at ${ph.circuitFormationEnd}`);
  // 8·10^(−(s−9000)/1000) ≤ 2e-4 from s = 9000 + 1000·log10(4e4) ≈ 13,602: the first evaluation after is 13,800.
  assert.equal(ph.cleanupEnd, 13800);
  assert.equal(ph.lastStep, 20000);
});

test("nandaPhases: a log that stops during cleanup or before grokking leaves those boundaries null", () => {
  assert.equal(nandaPhases(log(14400)).cleanupEnd, null); // settles in the log's last 10%
  const early = nandaPhases(log(6000));
  assert.equal(early.memorisationEnd, 1400);
  assert.equal(early.circuitFormationEnd, null);
  assert.equal(early.cleanupEnd, null);
});

test("nandaPhases: bad input names the function", () => {
  assert.throws(() => nandaPhases([]), /nandaPhases: records must be a log of three or more evaluations; received 0/);
  assert.throws(() => nandaPhases(log(), { factor: 1 }), /nandaPhases: invalid options:\n  factor: expected number to be greater than 1; received 1/);
});
