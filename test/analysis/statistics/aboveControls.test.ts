import assert from "node:assert/strict";
import { test } from "node:test";
import { aboveControls } from "../../../src/analysis/statistics/aboveControls";

test("aboveControls: at least the floor and 3× the larger control (controls under 0.01 count as 0.01)", () => {
  // Notebook 04's full-mode W_out: trained 0.88, initial 0.00, null 0.01.
  assert.equal(aboveControls(0.88, [0.0, 0.01]), true);
  // Quick mode's W_out 0.06 beats 3 × 0.01 but is under the 0.2 floor.
  assert.equal(aboveControls(0.06, [-0.01, -0.04]), false);
  // 0.5 against a control of 0.2: 2.5×, not 3×.
  assert.equal(aboveControls(0.5, [0.2, 0.1]), false);
  assert.equal(aboveControls(0.7, [0.2, null]), true);
  // The ledger's neuron rule: 2× and a floor of 0.1.
  assert.equal(aboveControls(0.47, [0, 0], { factor: 2, floor: 0.1 }), true);
  assert.equal(aboveControls(0.15, [0.08, 0], { factor: 2, floor: 0.1 }), false);
  assert.equal(aboveControls(null, [0, 0]), false);
  assert.equal(aboveControls(Number.NaN, [0, 0]), false);
  assert.throws(() => aboveControls(1, [0], { factor: 0.5 }), /aboveControls: invalid options:\n  factor: expected number to be greater or equal to 1; received 0.5/);
});
