/**
 * Notebook 06's seed design: the step chosen from validation accuracies alone, the correlations with
 * their intervals on hand-made networks, and the whole measurement on three trained seeds.
 */
import assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { test } from "node:test";
import { assertLedgerReads } from "./ledgerReads";
import { runExperiment } from "../../src/experiment/runExperiment";
import { readRuns } from "../../src/runs/readRuns";
import { expandSweep } from "../../src/experiment/expandSweep";
import {
  chooseStep, flatnessSeedsPreset, flatnessSeedsRefs, flatnessSeedsSetting, flatnessSeedsSweep, measureFlatnessSeeds, SeedNetwork, summariseFlatnessSeeds,
} from "../../src/studies/flatnessSeeds";

const log = (accuracies: [number, number | null][]) => accuracies.map(([step, valAccuracy]) => ({ step, valAccuracy }));

test("chooseStep: the evaluated step where the seeds' validation accuracies differ most (interquartile range), the earliest on a tie", () => {
  const runs = [
    log([[100, 0.0], [200, 0.1], [300, 1.0]]),
    log([[100, 0.0], [200, 0.9], [300, 1.0]]),
    log([[100, 0.1], [200, 0.5], [300, 1.0]]),
    log([[100, 0.0], [200, 1.0], [300, 1.0]]),
  ];
  // at 200 the sorted accuracies 0.1, 0.5, 0.9, 1.0 have quartiles 0.4 and 0.925: IQR 0.525
  const chosen = chooseStep(runs, [300, 100, 200]);
  assert.equal(chosen.step, 200);
  assert.ok(Math.abs(chosen.spread - 0.525) < 1e-12);
  assert.equal(chooseStep(runs.map((r) => r.map((x) => ({ ...x, valAccuracy: 0.5 }))), [100, 200, 300]).step, 100, "no spread anywhere: the earliest");
  // a step one run did not evaluate is no candidate
  assert.equal(chooseStep([log([[100, 0], [200, null]]), log([[100, 1], [200, 0.5]])], [100, 200]).step, 100);
  assert.throws(() => chooseStep(runs, [150]), /chooseStep: no step among 1 was checkpointed and evaluated in all 4 runs/);
});

const network = (seed: number, phi: number, valAccuracy: number, trainLoss: number, below = false): SeedNetwork => ({
  seed, valAccuracy, trainLoss, phi: { value: phi, belowResolution: below }, phiMinimised: { value: phi / 2, belowResolution: false },
});

test("summary: ρ over resolved networks with the exact permutation p; below-resolution networks counted out; what φ tracks beside", () => {
  // φ falls as validation accuracy rises (ρ = −1); seed 5's φ is unresolved: Keskar's ranks 5 networks, the minimised 6.
  const networks = [network(0, 5, 0.1, 1e-2), network(1, 4, 0.2, 5e-3), network(2, 3, 0.5, 1e-3), network(3, 2, 0.7, 5e-4), network(4, 1, 0.9, 1e-4), network(5, 1e-12, 1, 1e-6, true)];
  const s = summariseFlatnessSeeds(300, "a test setting", networks, [{ seed: 0, rho: -0.5, checkpoints: 4 }, { seed: 1, rho: null, checkpoints: 1 }, { seed: 2, rho: 0.1, checkpoints: 5 }]);
  assert.equal(s.findings.rho, -1);
  assert.equal(s.findings.ranked, 5);
  // 5! = 120 orderings, of which 2 (ρ = ±1) are as extreme
  assert.ok(Math.abs(s.findings.pValue! - 2 / 120) < 1e-12, `${s.findings.pValue}`);
  assert.deepEqual([s.findings.low, s.findings.high], [-1, -1]);
  assert.equal(s.findings.rankedMinimised, 6);
  assert.equal(s.findings.rhoMinimised, -1);
  assert.equal(s.findings.rhoTrainLoss, 1, "φ rises with the training loss");
  // the within-run ρs of the runs that have one: median of −0.5 and 0.1
  assert.ok(Math.abs(s.findings.withinMedian! + 0.2) < 1e-12);
  assert.equal(s.findings.withinRuns, 2);
  assert.match(s.comparison[1].measured, /^-1\.000 \[-1\.00, -1\.00\], permutation p 0\.017, n 5; 1 below φ's resolution, not ranked$/);
  assertLedgerReads(flatnessSeedsRefs, s.saved);
});

test("summary: no spread in validation accuracy, no correlation (nulls, said as n/a)", () => {
  const s = summariseFlatnessSeeds(100, "x", [network(0, 3, 1, 1e-3), network(1, 2, 1, 1e-3), network(2, 1, 1, 1e-3)], []);
  assert.equal(s.keskar, null);
  assert.equal(s.findings.rho, null);
  assert.equal(s.findings.withinMedian, null);
  assert.match(s.comparison[1].measured, /^n\/a/);
});

test("the preset: 20 seeds in full and paper mode, the paper's the transformer at 70% without early stop; one run a seed sets split, weights and batches", () => {
  const full = flatnessSeedsPreset("full");
  assert.equal(full.seeds.length, 20);
  const paper = flatnessSeedsPreset("paper");
  const train = paper.experiment.train as Record<string, unknown>;
  assert.equal((paper.experiment.model as { kind: string }).kind, "power");
  assert.equal((paper.experiment.data as { trainFraction: number }).trainFraction, 0.7);
  assert.equal("stopAtValAccuracy" in train, false);
  // every mode's sweep is a valid sweep: one run a seed, the seed in data, model and train
  for (const mode of ["quick", "full", "paper"] as const) {
    const runs = expandSweep(flatnessSeedsSweep({ ...flatnessSeedsPreset(mode), seeds: [3, 7] }), "/tmp/unused");
    assert.deepEqual(runs.map((r) => r.name), ["seed=3", "seed=7"]);
    assert.deepEqual(runs.map((r) => [r.config.data.seed, r.config.model.seed, r.config.train.seed]), [[3, 3, 3], [7, 7, 7]]);
    assert.equal(runs[0].config.train.stopAtValAccuracy, undefined, `${mode}: no early stop`);
  }
});

test("measureFlatnessSeeds on three trained seeds: the step chosen among their common checkpoints, both φs and the log's numbers at it", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "flatness-seeds-"));
  const params = { ...flatnessSeedsPreset("quick", dir), seeds: [0, 1, 2], withinRuns: 2 };
  const setting = flatnessSeedsSetting({ data: { operation: "x+y", p: 11, trainFraction: 0.5 }, model: { kind: "mlp", width: 16 }, train: { steps: 60, optimizer: { lr: 1e-2, weightDecay: 1 }, evaluation: { every: 10 }, yieldEveryMs: 0 }, checkpointEvery: 20 });
  for (const seed of params.seeds) {
    const run = await runExperiment({ ...setting, data: { ...(setting.data as object), seed }, model: { ...(setting.model as object), seed }, train: { ...(setting.train as object), seed }, run: { ...(setting.run as object), dir: path.join(dir, `seed=${seed}`) } });
    run.model.dispose();
  }
  const runs = params.seeds.map((seed) => readRuns(path.join(dir, `seed=${seed}`))[0]);
  const measured = measureFlatnessSeeds(params, runs);
  assert.ok([20, 40, 60].includes(measured.step), `step ${measured.step}`);
  assert.deepEqual(measured.networks.map((n) => n.seed), [0, 1, 2]);
  for (const [i, n] of measured.networks.entries()) {
    const record = runs[i].records.find((r) => r.step === measured.step)!;
    assert.equal(n.valAccuracy, record.valAccuracy);
    assert.ok(Number.isFinite(n.phi.value) && n.phi.value >= 0 && Number.isFinite(n.phiMinimised.value), JSON.stringify(n));
  }
  assert.equal(measured.withinRuns.length, 2);
});
