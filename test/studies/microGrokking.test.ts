/**
 * Notebook 08's study: the presets narrow the sweep files as each mode says; the goal's verdict,
 * the published comparison and the findings from hand-made intervention rows; a missing sweep file
 * is named.
 */
import assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { test } from "node:test";
import { assertLedgerReads } from "./ledgerReads";
import { microGrokkingPreset, MicroGrokkingMeasures, readSweepFile, summariseMicroGrokking, tasksOf, microGrokkingRefs } from "../../src/studies/microGrokking";
import { InterventionRow } from "../../src/analysis/ledger/interventionTable";
import { expandSweep } from "../../src/experiment/expandSweep";

const summary = (median: number | null, seeds = 1) => ({ median, min: median, max: median, reached: median === null ? 0 : seeds, seeds });
const row = (intervention: string, steps: number | null, seconds: number | null = null, baseline = false): InterventionRow => ({
  intervention, steps95: summary(steps === null ? null : steps - 10), steps99: summary(steps), seconds99: summary(seconds), beforeSteps: null, speedUp: null, baseline, errors: [],
});
const point = (step: number, circularity: number) => ({ step, valAccuracy: null, circularity, circularityNull: 0.02, keyShare: 0.5, keyShareNull: 0.1, keyFrequencies: [4, 9] });

function measures(goalSteps: number, goalSeconds: number): MicroGrokkingMeasures {
  const mlp = ["AdamW lr 1e-3", "AdamW lr 3e-3", "Grokfast EMA", "Grokfast EMA, lr ÷ 3", "⊥Grad + StableMax, wd 0", "weight norm fixed at 150", "output scale α 0.5", "Fourier init (6 random frequencies, noise 0.1)"];
  const power = ["AdamW lr 1e-3", "AdamW lr 3e-3", "Grokfast EMA (their wd 0.005)", "Grokfast EMA, lr ÷ 3 (their wd 0.005)", "Grokfast MA (their wd 0.01)", "Muon", "⊥Grad + StableMax, wd 0"];
  return {
    mlpTables: { "x+y": mlp.map((name, i) => row(name, name.startsWith("⊥Grad") ? null : 1000 - 50 * i)) },
    powerTables: { "x+y": power.map((name, i) => row(name, 2000 - 100 * i, null, name === "AdamW lr 3e-3")) },
    timed: [row("Fourier init (6 random frequencies, noise 0.1)", 50, 1), row("AdamW lr 1e-2, wd 3", goalSteps, goalSeconds)],
    fromSolution: ["Fourier init (6 random frequencies, noise 0.1)"],
    inside: [{ name: "AdamW lr 1e-3", points: [point(0, 0.05)] }, { name: "AdamW lr 1e-2, wd 3", points: [point(0, 0.03), point(500, 0.2), point(1000, 0.91)] }],
    gromov: { accuracy: 1, circularity: 0.99, width: 512 },
  };
}

test("the goal's verdict ignores starts in the solution's form; findings read the tuned baseline's geometry and ⊥Grad without weight decay", () => {
  const params = microGrokkingPreset("full");
  const s = summariseMicroGrokking(params, measures(280, 8.5));
  assert.equal(s.goalLine, "x+y mod 97, from a random init, timed alone: AdamW lr 1e-2, wd 3: median 280 steps in all, 8.5 s to 99% (meets the goal of ≤ 300 steps and < 10 s)");
  assert.match(summariseMicroGrokking(params, measures(280, 12)).goalLine, /\(does not meet the goal of ≤ 300 steps and < 10 s\)$/);
  assert.deepEqual(s.solutionLines, ["started in the solution's form: Fourier init (6 random frequencies, noise 0.1): median 650 steps"]);
  assert.deepEqual(s.findings.insideView, { start: 0.03, end: 0.91, nullEnd: 0.02 });
  assert.deepEqual(s.findings.withoutWeightDecay, { steps: null, reached: 0, seeds: 1 });
  assertLedgerReads(microGrokkingRefs, s.saved);
  assert.match(s.saved.withoutWeightDecay.text, /^⊥Grad \+ StableMax with weight decay 0 \(MLP, x\+y mod 97\): censored \(0\/1\) steps to 99% validation \(0 of 1 seeds\)$/);
  // Muon 1,500 against AdamW lr 1e-3 2,000 (1.33×) and against the tuned baseline (lr 3e-3, 1,900: 1.27×)
  assert.equal(s.published[3]["measured here"], "Power, x+y: 1500 vs AdamW lr 1e-3 2000 (1.33×); against the tuned baseline: 1500 vs AdamW lr 3e-3 1900 (1.27×)");
  assert.equal(s.mlpTable[0].task, "x+y");
  assert.equal(s.goalTable.length, 2);
  assert.equal(s.insideTable[1]["circularity at the end (null)"], "0.91 (0.02)");
  assert.match(s.gromovLine, /accuracy 1\.0000 on all 9409 pairs before any step/);
});

test("the presets: paper runs the files, full seed 0 on x+y, quick a small prime; every sweep expands", () => {
  const paper = microGrokkingPreset("paper");
  const full = microGrokkingPreset("full");
  const quick = microGrokkingPreset("quick");
  assert.deepEqual(tasksOf(paper.mlp), ["x+y", "x/y"]);
  assert.deepEqual(full.mlp.grid["model.seed"], [0]);
  assert.deepEqual(tasksOf(full.power), ["x+y"]);
  assert.equal(quick.mlp.base.data.p, 23);
  assert.equal(quick.goal.base.data.p, 23);
  assert.equal(full.dirs.goal, paper.dirs.goal);
  for (const params of [paper, full, quick]) for (const sweep of [params.mlp, params.power, params.goal]) assert.ok(expandSweep(sweep, "out").length > 0);
});

test("a sweep file that is missing or not JSON is named with its reason", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sweepfile-"));
  assert.throws(() => readSweepFile(path.join(dir, "none.json")), /readSweepFile: cannot read ".*none\.json": ENOENT/);
  fs.writeFileSync(path.join(dir, "bad.json"), "{");
  assert.throws(() => readSweepFile(path.join(dir, "bad.json")), /readSweepFile: ".*bad\.json" is not JSON/);
  assert.throws(() => microGrokkingPreset("full", "../runs", dir), /readSweepFile: cannot read ".*micro-grokking-mlp\.json"/);
});
