import assert from "node:assert/strict";
import { test } from "node:test";
import { intervalVerdict } from "../../../src/analysis/ledger/intervalVerdict";

test("intervalVerdict: the whole interval on the predicted side supports, on the other side (zero included) does not, across zero is inconclusive", () => {
  assert.equal(intervalVerdict({ low: -0.9, high: -0.4 }, "negative"), "supported");
  assert.equal(intervalVerdict({ low: 0, high: 0.6 }, "negative"), "not supported");
  assert.equal(intervalVerdict({ low: 0.2, high: 0.6 }, "negative"), "not supported");
  assert.equal(intervalVerdict({ low: -0.9, high: 0.2 }, "negative"), "inconclusive");
  assert.equal(intervalVerdict({ low: -0.9, high: 0 }, "negative"), "inconclusive");
  assert.equal(intervalVerdict({ low: 0.1, high: 0.3 }, "positive"), "supported");
  assert.equal(intervalVerdict({ low: -0.3, high: 0 }, "positive"), "not supported");
  assert.equal(intervalVerdict({ low: -0.3, high: 0.1 }, "positive"), "inconclusive");
});

test("intervalVerdict: no interval is not testable; a reversed one is refused by name", () => {
  assert.equal(intervalVerdict({ low: null, high: null }, "negative"), "not testable here");
  assert.throws(() => intervalVerdict({ low: 0.5, high: -0.5 }, "negative"), /intervalVerdict: expected low ≤ high; received low 0.5, high -0.5/);
});
