/**
 * Notebook 05's study: the cells over seeds, the smallest fraction that groks with and without
 * weight decay, and the findings the ledger reads, on a grid whose answers are worked by hand.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { assertLedgerReads } from "./ledgerReads";
import { GridPoint, summariseWeightDecayData, weightDecayDataBase, weightDecayDataPreset, weightDecayDataRefs } from "../../src/studies/weightDecayData";
import { resolveExperiment } from "../../src/experiment/resolveExperiment";
import { GrokkingEvents } from "../../src/analysis/events/grokkingEvents";

const run = (weightDecay: number, fraction: number, generalisation: number | null, memorisation = 50): GridPoint => ({
  weightDecay,
  fraction,
  phase: generalisation === null ? "memorisation" : "grokking",
  events: { generalisation, memorisation } as GrokkingEvents,
  records: [{ step: 300, epoch: 1, trainLoss: 0, trainAccuracy: 1, valLoss: 0, valAccuracy: generalisation === null ? 0.25 : 1, weightNorm: 1, lr: 1e-3, wallTime: 1 }],
});

test("the cells, the smallest fraction that groks and the findings, worked by hand", () => {
  const params = { ...weightDecayDataPreset("quick"), decays: [0, 1], fractions: [0.5, 0.8], seeds: [0], extraSeedFractions: [0.8] };
  // weight decay 0: 0.5 never, 0.8 at 200; weight decay 1: 0.5 at 150, 0.8 at 100 and (seed 1) 120 → median 110
  const runs = [run(0, 0.5, null), run(0, 0.8, 200), run(1, 0.5, 150), run(1, 0.8, 100), run(1, 0.8, 120)];
  const s = summariseWeightDecayData(params, runs);
  assert.deepEqual(s.cells.map((c) => [c.weightDecay, c.fraction, c.summary.median, c.summary.reached, c.summary.seeds]), [
    [0, 0.5, null, 0, 1],
    [0, 0.8, 200, 1, 1],
    [1, 0.5, 150, 1, 1],
    [1, 0.8, 110, 2, 2],
  ]);
  assert.deepEqual(s.findings, { fractions: 2, groksWithout: 1, groksWith: 2, smallestWithout: 0.8, smallestWith: 0.5 });
  assertLedgerReads(weightDecayDataRefs, s.saved);
  assert.deepEqual(s.saved.weightDecay.values, s.findings);
  assert.match(s.saved.weightDecay.text, /weight decay 0 reached 99% validation at 1 of 2 training fractions \(0\.8\), weight decay > 0 at 2 \(0\.5, 0\.8\)/);
  assert.deepEqual(s.heatmap, [{ x: 0, y: 0.5, value: null }, { x: 0, y: 0.8, value: 200 }, { x: 1, y: 0.5, value: 150 }, { x: 1, y: 0.8, value: 110 }]);
  assert.equal(s.phases.length, 5);
  assert.equal(s.table[0]["final validation accuracy"], "0.250");
  assert.match(String(s.comparison[0].measured), /smallest fraction that groks: 0\.8 without weight decay, 0\.5 with it/);
  assert.throws(() => summariseWeightDecayData(params, runs.slice(1)), /weightDecayData: no run for weight decay 0 and fraction 0\.5/);
});

test("each mode's preset makes a valid experiment (the sweep's base, resolved)", () => {
  for (const mode of ["quick", "full", "paper"] as const) {
    const params = weightDecayDataPreset(mode);
    const config = resolveExperiment({ ...weightDecayDataBase(params), run: { ...weightDecayDataBase(params).run, dir: "x" } });
    assert.equal(config.data.p, params.p);
    assert.equal(config.train.steps, params.budget);
    assert.notEqual(params.dir, params.seedsDir);
  }
});
