/**
 * Notebook 07's study: the variants (seeds and batches), the sweep's configs, and the comparison
 * and ledger values of hand-made runs whose medians are worked by hand.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { assertLedgerReads } from "./ledgerReads";
import { noiseBatches, NoisePoint, noisePreset, noiseSweep, noiseVariants, summariseNoise, noiseRefs } from "../../src/studies/noise";
import { expandSweep } from "../../src/experiment/expandSweep";

test("the variants: every kind at seed 0, the control and the smaller minibatch at the extra seeds; batches from Power et al.'s rule", () => {
  const params = noisePreset("full");
  // p = 97, half of 97·96 pairs = 4,656: min(512, 2,328) = 512, a quarter 128
  assert.deepEqual(noiseBatches(params), { control: 512, small: 128 });
  assert.deepEqual(noiseVariants(params).map((v) => [v.name, v.role, v.seed]), [
    ["minibatch 512 (control)", "control", 0], ["minibatch 128", "smallerBatch", 0], ["weight noise", "weightNoise", 0], ["gradient noise", "gradientNoise", 0],
    ["minibatch 512 (control), seed 1", "control", 1], ["minibatch 128, seed 1", "smallerBatch", 1],
  ]);
  assert.equal(noiseVariants(noisePreset("paper")).length, 6 + 2 * 2);
  // quick: p = 11, 55 training pairs: min(512, 28) = 28, a quarter 7
  assert.deepEqual(noiseBatches(noisePreset("quick")), { control: 28, small: 7 });
});

test("each mode's sweep expands to valid runs, one a variant and weight decay", () => {
  for (const mode of ["quick", "full", "paper"] as const) {
    const params = noisePreset(mode);
    const runs = expandSweep(noiseSweep(params), "out");
    assert.equal(runs.length, noiseVariants(params).length * params.decays.length);
  }
});

test("comparison with the control of the same seed and the ledger's medians, worked by hand", () => {
  const params = noisePreset("full");
  const variants = noiseVariants(params);
  const run = (name: string, generalisation: number | null, final: number): NoisePoint => ({
    variant: variants.find((v) => v.name === name)!,
    weightDecay: 1,
    events: { generalisation, memorisation: 100 },
    records: [{ step: 6000, epoch: 1, trainLoss: 0, trainAccuracy: 1, valLoss: 0, valAccuracy: final, weightNorm: 1, lr: 1e-3, wallTime: 1 }],
  });
  const runs = [
    run("minibatch 512 (control)", 4000, 0.995), run("minibatch 128", 3000, 0.996), run("weight noise", null, 0.5), run("gradient noise", 3500, 0.993),
    run("minibatch 512 (control), seed 1", 5000, 0.994), run("minibatch 128, seed 1", 3400, 0.992),
  ];
  const s = summariseNoise(params, runs);
  assert.equal(s.findings.controlSteps, 4500); // median of 4,000 and 5,000
  assert.equal(s.findings.smallerBatchSteps, 3200); // median of 3,000 and 3,400
  assert.equal(s.findings.smallerBatchControlSteps, 4500);
  assert.equal(s.findings.weightNoiseSteps, null); // its one seed censored
  assert.equal(s.findings.weightNoiseControlSteps, 4000); // seed 0's control only
  assert.equal(s.findings.gradientNoiseFinal, 0.993);
  const seed1 = s.comparison.find((r) => r.variant === "minibatch 128, seed 1")!;
  assert.equal(seed1["control, same wd and seed"], 5000);
  assert.equal(seed1["final validation accuracy (control)"], "0.992 (0.994)");
  assert.equal(s.comparison.length, 4);
  assert.equal(s.curves[0].runs.length, 6);
  assert.match(s.saved.noise.text, /minibatch 512 \(control\) 4000 \(0\.995\); minibatch 128 3000 \(0\.996\); weight noise censored \(0\.500\)/);
  assertLedgerReads(noiseRefs, s.saved);
  assert.deepEqual(s.saved.noise.values, s.findings);
});
