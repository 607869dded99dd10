/**
 * Notebook 03's study: events, φ series, correlations (pooled and per run), the Hessian and
 * embedding tables, the disagreements and the findings, on hand-made measures whose answers are
 * worked by hand; and the presets' configs.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { grokkingLog } from "./grokkingLog";
import { assertLedgerReads } from "./ledgerReads";
import { consolidationLayerConfig, consolidationLayerPreset, ConsolidationLayerMeasures, summariseConsolidationLayer, consolidationLayerRefs } from "../../src/studies/consolidationLayer";
import { resolveExperiment } from "../../src/experiment/resolveExperiment";

const log = (groks: boolean) => grokkingLog({ grokks: groks });

function measures(): ConsolidationLayerMeasures {
  // weight decay 1: φ falls 8 → 4 → 2 → 1 while validation accuracy rises (ρ = −1 within the run);
  // weight decay 0: φ 3, 5, 7 with validation 0.1, 0.2, 0.3 (ρ = +1 within the run).
  const m = (run: string, step: number, phi: number, valAccuracy: number) => ({ run, step, phi, valAccuracy, trainLoss: 0.1 });
  return {
    runs: [{ name: "weight decay 1", weightDecay: 1, records: log(true) }, { name: "weight decay 0", weightDecay: 0, records: log(false) }],
    measured: [
      m("weight decay 1", 1000, 8, 0.03), m("weight decay 1", 2000, 4, 0.05), m("weight decay 1", 2400, 2, 0.995), m("weight decay 1", 3000, 1, 0.998),
      m("weight decay 0", 1000, 3, 0.1), m("weight decay 0", 2000, 5, 0.2), m("weight decay 0", 3000, 7, 0.3),
    ],
    hessian: { initial: { phi: 9, lambda: 2 }, final: { phi: 1, lambda: 0.5 } },
    embeddings: [
      { keyFrequencies: 0, circularity: 0.1, singleFrequencyNeurons: 0 },
      { keyFrequencies: 3, circularity: 0.9, singleFrequencyNeurons: 0.8 },
      { keyFrequencies: 0, circularity: 0.05, singleFrequencyNeurons: 0 },
    ],
  };
}

test("events, correlations, tables, disagreements and findings, worked by hand", () => {
  const params = consolidationLayerPreset("full");
  const s = summariseConsolidationLayer(params, measures());
  assert.equal(s.eventLines[0], "weight decay 1: training ≥ 99% from step 300; validation ≥ 99% from step 2400 (8.0× later)");
  assert.match(s.eventLines[1], /^weight decay 0: training ≥ 99% from step 300; validation did not reach 99% within 3000 steps \(final 0\.300\)$/);
  // Within a run the ranks agree or disagree exactly; pooled (7 points): φ ranks 7,4,2,1 | 3,5,6 against
  // validation ranks 1,2,6,7 | 3,4,5: d² = 36+4+16+36+0+1+1 = 94, ρ = 1 − 6·94/(7·48) = −19/28.
  assert.deepEqual(s.correlations.map((c) => [c.checkpoints, c.n]), [["both runs", 7], ["weight decay 1", 4], ["weight decay 0", 3]]);
  assert.ok(Math.abs((s.correlations[0].spearmanRho as number) - -19 / 28) < 1e-12);
  assert.ok(Math.abs((s.correlations[1].spearmanRho as number) + 1) < 1e-12);
  assert.ok(Math.abs((s.correlations[2].spearmanRho as number) - 1) < 1e-12);
  assert.deepEqual(s.findings.phiOverTraining, { atGeneralisation: 2, final: 1, min: 1 });
  assert.equal(s.findings.flatness.n, 7);
  assertLedgerReads(consolidationLayerRefs, s.saved);
  assert.equal(s.saved.flatness.text, `consolidation layer (a+b mod 59), 7 checkpoints of the runs with weight decay 1 and 0: Spearman ρ(φ, validation accuracy) = ${(-19 / 28).toFixed(3)}`);
  assert.equal(s.saved.phiOverTraining.text, "weight decay 1: φ 2.0 at step 2400 (generalisation), 1.0 at the last checkpoint (step 3000)");
  assert.deepEqual(s.embeddingTable[1], { weights: "after training", keyFrequencies: 3, circularityOfE1: 0.9, singleFrequencyNeurons: 0.8 });
  assert.equal(s.hessianTable[1].weights, "after 10000 steps");
  assert.equal(s.comparison[3]["measured here"], "circularity of E1 0.10 → 0.90 (null 0.05)");
  // pooled ρ −0.68 with p above 0.01 (n 7): the one disagreement
  assert.deepEqual(s.disagreements, ["φ does not rank validation accuracy as Power et al. report (checkpoints of one run are not independent samples either)"]);
  assert.deepEqual(s.phiSeries.map((x) => [x.name, x.values.length]), [["φ, weight decay 1", 4], ["val acc, weight decay 1", 4], ["φ, weight decay 0", 3], ["val acc, weight decay 0", 3]]);
  assert.equal(s.scatter[0].label, "weight decay 1, step 1000");
});

test("a run that does not generalise, φ that rises and E1 at its controls each give their disagreement", () => {
  const m = measures();
  m.runs[0].records = log(false);
  m.measured = m.measured.map((x) => (x.run === "weight decay 1" ? { ...x, phi: 10 - x.phi } : x));
  m.embeddings[1].circularity = 0.1;
  const s = summariseConsolidationLayer(consolidationLayerPreset("quick"), m);
  assert.equal(s.disagreements.length, 4);
  assert.match(s.disagreements[0], /weight decay 1 did not generalise within 3000 steps/);
  assert.equal(s.findings.phiOverTraining.atGeneralisation, null);
  assert.match(s.saved.phiOverTraining.text, /n\/a \(did not generalise\)/);
  assert.throws(() => summariseConsolidationLayer(consolidationLayerPreset("quick"), { ...m, measured: [] }), /consolidationLayer: no φ measured at the checkpoints of "weight decay 1"/);
  assert.throws(() => summariseConsolidationLayer(consolidationLayerPreset("quick"), { ...m, embeddings: [] }), /embeddings must hold initial, trained and null; received 0/);
});

test("each mode's preset makes valid experiments that differ in weight decay and folder only", () => {
  for (const mode of ["quick", "full", "paper"] as const) {
    const params = consolidationLayerPreset(mode);
    const [a, b] = params.weightDecays.map((wd) => resolveExperiment(consolidationLayerConfig(params, wd)));
    assert.equal(a.model.kind, "mlp");
    assert.equal(a.run.checkpointEvery, params.sharpnessEvery);
    assert.deepEqual({ ...a.train, optimizer: { ...a.train.optimizer, weightDecay: 0 } }, { ...b.train, optimizer: { ...b.train.optimizer, weightDecay: 0 } });
    assert.equal(a.run.dir, `../runs/03-weight-decay-1-${mode}`);
  }
});

test("φ below its resolution is neither drawn nor ranked: counted in the correlation rows and the findings' text, null in the findings", () => {
  const m = measures();
  // the last checkpoint of weight decay 1 and one of weight decay 0 are below resolution
  m.measured = m.measured.map((x) => (x.step === 3000 ? { ...x, belowResolution: true } : x));
  const s = summariseConsolidationLayer(consolidationLayerPreset("full"), m);
  assert.deepEqual(s.correlations.map((c) => [c.checkpoints, c.n, c.belowResolution]), [["both runs", 5, 2], ["weight decay 1", 3, 1], ["weight decay 0", 2, 1]]);
  assert.equal(s.findings.phiOverTraining.final, null);
  assert.equal(s.findings.phiOverTraining.min, 2);
  assert.equal(s.findings.flatness.n, 5);
  assert.match(s.saved.flatness.text, /5 checkpoints of the runs with weight decay 1 and 0 \(2 more below φ's resolution, not ranked\)/);
  assert.match(s.saved.phiOverTraining.text, /below resolution at the last checkpoint \(step 3000\); 1 of 4 checkpoints below φ's resolution$/);
  assert.equal(s.phiSeries[0].values.length, 3);
  assert.equal(s.scatter.length, 5);
  assert.ok(s.disagreements.some((d) => d.startsWith("φ at the first or last checkpoint is below its resolution")));
});
