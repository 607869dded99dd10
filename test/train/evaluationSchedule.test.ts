import assert from "node:assert/strict";
import { test } from "node:test";
import { isEvaluationStep } from "../../src/train/evaluationSchedule";

test("ten log-spaced points a decade: round(10^(k/10)), plus step 0", () => {
  const steps = [...Array(101).keys()].filter((s) => isEvaluationStep(s, 100_000, { every: 0, perDecade: 10 }));
  // 10^(k/10) for k = 0…20: 1, 1.26, 1.58, 2.00, 2.51, 3.16, 3.98, 5.01, 6.31, 7.94, 10, 12.6, 15.8, 20.0, 25.1, 31.6, 39.8, 50.1, 63.1, 79.4, 100
  assert.deepEqual(steps, [0, 1, 2, 3, 4, 5, 6, 8, 10, 13, 16, 20, 25, 32, 40, 50, 63, 79, 100]);
});

test("a fixed grid and the last step are added", () => {
  const steps = [...Array(251).keys()].filter((s) => isEvaluationStep(s, 250, { every: 100, perDecade: 0 }));
  assert.deepEqual(steps, [0, 100, 200, 250]);
});

test("a 10^5-step run logs about a thousand evaluations with the defaults, with detail below step 100", () => {
  let n = 0;
  for (let s = 0; s <= 100_000; s++) if (isEvaluationStep(s, 100_000, { every: 100, perDecade: 10 })) n++;
  assert.ok(n > 1000 && n < 1100, `${n}`); // every 100 → 1,001, plus ~40 log-spaced points below 1,000
});
