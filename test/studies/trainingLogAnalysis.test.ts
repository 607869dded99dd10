/**
 * Notebook 02's study: events, phases, the φ series (zeros left out and counted), the controls'
 * table, the comparison and each disagreement, on a hand-made log and hand-made analyses.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { grokkingLog } from "./grokkingLog";
import { summariseTrainingLog, trainingLogAnalysisConfig, trainingLogAnalysisPreset, TrainingLogMeasures } from "../../src/studies/trainingLogAnalysis";
import { resolveExperiment } from "../../src/experiment/resolveExperiment";
import { ModelAnalysis } from "../../src/analysis/analyseModel";

const log = () => grokkingLog();
const analysis = (keys: number[], shareAbove: number, restricted: number, excluded: number) =>
  ({ keys, neurons: { shareAbove }, loss: { restricted, excluded, full: 0.01 }, accuracy: 1 }) as unknown as ModelAnalysis;

function measures(ring = 0.9, keys = [3, 5, 8, 11, 17]): TrainingLogMeasures {
  return {
    records: log(),
    keys,
    phis: [{ step: 100, phi: 0.02, valAccuracy: 0.01 }, { step: 1000, phi: 3e-9, valAccuracy: 0.03, belowResolution: true }, { step: 3000, phi: 1e-4, valAccuracy: 0.998 }],
    networks: [
      { name: "trained (step 3000)", analysis: analysis(keys, 0.9, 1e-3, 5), ring },
      { name: "initial weights", analysis: analysis([], 0.02, 4, 4), ring: 0.05 },
      { name: "null: residues permuted", analysis: analysis([], 0.1, 3, 3), ring: 0.04 },
    ],
  };
}

test("events, φ zeros counted and left off the log axis, the controls' table and the comparison, worked by hand", () => {
  const s = summariseTrainingLog(measures());
  assert.equal(s.eventsTable[0].memorisationStep, 300);
  assert.equal(s.eventsTable[0].generalisationStep, 2400);
  assert.equal(s.phiBelowResolution, 1);
  assert.deepEqual(s.phiSeries[0].steps, [100, 3000]);
  assert.deepEqual(s.phiSeries[1].steps, [100, 1000, 3000]);
  assert.match(s.phaseLine, /φ 0\.020 at step 100 → 0\.00010 at 3000; φ below its resolution at 1 of 3 checkpoints \(not drawn\)$/);
  assert.equal(s.phaseTable[0]["weight norm there"], (100 - 5 * 3).toFixed(1)); // memorisation ends at 300, the 4th record
  assert.deepEqual(s.controlTable.map((r) => [r.weights, r.circularityOfWeWin, r.keyFrequencies]), [["trained (step 3000)", 0.9, 5], ["initial weights", 0.05, 0], ["null: residues permuted", 0.04, 0]]);
  assert.equal(s.comparison[4]["measured here"], "0.90 (initial 0.05, null 0.04)");
  assert.equal(s.comparison[1]["measured here"], "90.0% (initial 2.0%, null 10.0%)");
  // 5 keys, 90% neurons, rings above controls: only the phases can disagree
  assert.ok(s.disagreements.every((d) => d.startsWith("the log does not show every phase end")), s.disagreements.join("; "));
});

test("fewer keys and rings at the controls' level each give their disagreement; three networks are required", () => {
  const s = summariseTrainingLog(measures(0.05, [3, 5]));
  assert.ok(s.disagreements.some((d) => d === "2 key frequencies where Nanda et al. found 5 at p = 113 (the count depends on p and the seed)"));
  assert.ok(s.disagreements.some((d) => d === "the rings are not clearly above the controls (0.05 vs 0.05)"));
  assert.throws(() => summariseTrainingLog({ ...measures(), networks: [] }), /trainingLogAnalysis: networks must be trained, initial and null; received 0/);
});

test("each mode's preset makes a valid experiment", () => {
  for (const mode of ["quick", "full", "paper"] as const) {
    const params = trainingLogAnalysisPreset(mode);
    const config = resolveExperiment(trainingLogAnalysisConfig(params));
    assert.equal(config.data.p, params.p);
    assert.equal(config.run.dir, `../runs/02-nanda-transformer-${mode}`);
  }
});
