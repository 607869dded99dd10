/**
 * Notebook 01's study: each run's summary, the comparison with Fig. 1, the conclusion and the
 * findings the ledger reads, on a hand-made log whose events are known (memorised at 300,
 * generalised at 2,400, the norm falling 5 an evaluation).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { grokkingLog } from "./grokkingLog";
import { assertLedgerReads } from "./ledgerReads";
import { grokkingCurvesBase, grokkingCurvesPreset, summariseGrokkingCurves, grokkingCurvesRefs } from "../../src/studies/grokkingCurves";
import { grokkingEvents } from "../../src/analysis/events/grokkingEvents";
import { resolveExperiment } from "../../src/experiment/resolveExperiment";

const log = (grokks = true) => grokkingLog({ grokks });
const run = (weightDecay: number, grokks = true) => ({ weightDecay, records: log(grokks), events: grokkingEvents(log(grokks)) });

test("summaries, comparison, conclusion and findings of a run that groks and one that does not", () => {
  const params = { ...grokkingCurvesPreset("full"), weightDecays: [1, 0] };
  const s = summariseGrokkingCurves(params, [run(1), run(0, false)]);
  assert.deepEqual(s.summaries.map((x) => [x.weightDecay, x.memorisation, x.generalisation]), [[1, 300, 2400], [0, 300, null]]);
  assert.deepEqual(s.comparison[0], { quantity: "training accuracy ≥ 99%", "Power et al. (wd 0)": "before 10³", "measured, wd 1": 300, "measured, wd 0": 300 });
  assert.equal(s.comparison[2]["measured, wd 0"], "censored at 3000");
  // 2,400 / 300 = 8.0× later; validation 0.02 at memorisation against chance 1/97
  assert.match(s.conclusion, /^weight decay 1: memorised at step 300 \(validation then 0\.020, chance 0\.010\), generalised at 2400, 8\.0× later/);
  assert.equal(s.findings.memorisation, 300);
  assert.equal(s.findings.generalisation, 2400);
  assert.equal(s.findings.normAtMemorisation, 85);
  assert.equal(s.findings.normAtEnd, 35);
  assert.equal(s.findings.chance, 1 / 97);
  assertLedgerReads(grokkingCurvesRefs, s.saved);
  assert.deepEqual(s.saved.fig1.values, { ...s.findings });
  assert.equal(s.saved.fig1.text, "x/y mod 97, Power's transformer, weight decay 1: training ≥ 99% at step 300, validation ≥ 99% at 2400 (budget 3000); weight norm 85.0 at memorisation, 35.0 at the end");
  assert.deepEqual(s.curves.map((c) => c.title), ["x/y mod 97, 50% of pairs, weight decay 1", "x/y mod 97, 50% of pairs, weight decay 0"]);
  assert.deepEqual(s.normSeries.map((x) => [x.name, x.right ?? false, x.values.length]), [
    ["weight norm, wd 1", false, 14], ["validation accuracy, wd 1", true, 14], ["weight norm, wd 0", false, 14], ["validation accuracy, wd 0", true, 14],
  ]);
});

test("a first run that does not generalise says so, and its findings hold nulls", () => {
  const s = summariseGrokkingCurves(grokkingCurvesPreset("quick"), [run(1, false)]);
  assert.equal(s.conclusion, "weight decay 1: validation did not reach 99% within 3000 steps");
  assert.equal(s.findings.generalisation, null);
  assert.match(s.saved.fig1.text, /validation ≥ 99% at censored \(budget 3000\)/);
  assert.throws(() => summariseGrokkingCurves(grokkingCurvesPreset("quick"), []), /grokkingCurves: no runs to summarise/);
});

test("each mode's preset makes a valid experiment (the sweep's base, resolved)", () => {
  for (const mode of ["quick", "full", "paper"] as const) {
    const params = grokkingCurvesPreset(mode);
    const base = grokkingCurvesBase(params);
    const config = resolveExperiment({ ...base, run: { ...base.run, dir: "x" } });
    assert.equal(config.data.p, params.p);
    assert.equal(config.train.steps, params.budget);
    assert.equal(config.train.evaluation.perDecade, 20);
    assert.match(params.dir, new RegExp(`01-grokking-curves-${mode}$`));
  }
});
