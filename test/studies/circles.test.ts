/**
 * Notebook 04's study: the comparison, disagreements and findings from hand-made structure rows and
 * pictures; each rule made to say both of its answers; the preset's config.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { assertLedgerReads } from "./ledgerReads";
import { circlesConfig, circlesPowerConfig, circlesPreset, StructureRow, summariseCircles, circlesRefs } from "../../src/studies/circles";
import { resolveExperiment } from "../../src/experiment/resolveExperiment";

const row = (weights: string, circularityE1: number, circularityWout: number, singleFrequencyNeurons: number): StructureRow => ({
  weights, circularityE1, circularityWout, singleFrequencyNeurons, rqi: 0, rqiModular: 0, ipr: 0, gini: 0, keyFrequencies: 0, accuracyAllPairs: 0, pcaTop2: 0,
});
const picture = (weights: string, xToXPlus8Distance: number) => ({ weights, trustworthiness: 0.9, xToXPlus8Distance, circularityOfWout: 0 });

test("structure above both controls and a picture that shows x + 8: no disagreement; findings by network", () => {
  const rows = [row("trained", 0.92, 0.81, 0.9), row("initial", 0.02, 0.03, 0.01), row("null", 0.01, 0.02, 0)];
  const s = summariseCircles(circlesPreset("full"), rows, [picture("t", 0.3), picture("i", 1.0), picture("n", 0.95)], [picture("t", 0.2), picture("i", 1.05), picture("n", 0.9)]);
  assert.deepEqual(s.disagreements, []);
  assert.deepEqual(s.findings, {
    circularity: { trained: 0.92, initial: 0.02, null: 0.01 },
    circularityWout: { trained: 0.81, initial: 0.03, null: 0.02 },
    tsnePlusEight: { trained: 0.3, initial: 1.0, null: 0.95 },
    tsnePlusEightPower: { trained: 0.2, initial: 1.05, null: 0.9 },
    singleFrequencyNeurons: { trained: 0.9, initial: 0.01, null: 0 },
  });
  assertLedgerReads(circlesRefs, s.saved);
  assert.equal(s.saved.circularity.text, "circularity of E1 (a+b mod 59, embedding MLP): trained 0.920, initial 0.020, null 0.010");
  assert.equal(s.saved.tsnePlusEight.text, "t-SNE of W_out, distance of x to x + 8 relative to a random pair: trained 0.30, initial 1.00, null 0.95");
  assert.match(s.pictureLine, /^the embedding MLP: .*trained 0\.30, initial 1\.00, null 0\.95; the trained picture puts x \+ 8 nearer than its controls do$/);
  assert.match(s.powerPictureLine, /^Power's transformer \(x\+y mod 97\): .*trained 0\.20, initial 1\.05, null 0\.90; the trained picture puts x \+ 8 nearer/);
  assert.equal(s.saved.tsnePlusEightPower.text, "t-SNE of Power's transformer's unembedding (x+y mod 97), distance of x to x + 8 relative to a random pair: trained 0.20, initial 1.05, null 0.90");
  assert.equal(s.comparison[0]["measured here"], "0.20 (initial 1.05, null 0.90)");
  assert.equal(s.comparison[4]["measured here"], "90.0% (initial 1.0%, null 0.0%)");
});

test("a picture within 0.1 of a control and structure at the controls' level: each disagreement", () => {
  const rows = [row("trained", 0.03, 0.04, 0.1), row("initial", 0.02, 0.03, 0.01), row("null", 0.01, 0.02, 0)];
  const s = summariseCircles(circlesPreset("quick"), rows, [picture("t", 0.85), picture("i", 0.9), picture("n", 1.2)], [picture("t", 0.95), picture("i", 1.0), picture("n", 1.0)]);
  assert.equal(s.disagreements.length, 4);
  assert.match(s.disagreements[0], /of Power's transformer puts x next to x \+ 8 no more than its controls do/);
  assert.match(s.disagreements[1], /of the embedding MLP puts x next to x \+ 8 no more than its controls do/);
  assert.match(s.pictureLine, /shows no more x → x\+8 structure than its controls/);
  assert.throws(() => summariseCircles(circlesPreset("quick"), rows.slice(0, 2), [], []), /circles: expected 3 structure rows and 3 pictures a network \(trained, initial, null\); received 2, 0 and 0/);
});

test("each mode's preset makes a valid experiment", () => {
  for (const mode of ["quick", "full", "paper"] as const) {
    const params = circlesPreset(mode);
    const config = resolveExperiment(circlesConfig(params));
    assert.equal(config.data.p, params.p);
    const power = resolveExperiment(circlesPowerConfig(params));
    assert.deepEqual([power.model.kind, power.data.p, power.data.operation, power.run.dir], ["power", params.powerP, "x+y", `../runs/04-circles-power-${mode}`]);
    assert.equal(config.run.dir, `../runs/04-circles-${mode}`);
  }
});
