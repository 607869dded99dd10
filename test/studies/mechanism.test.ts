/**
 * Notebook 09's study: phases, neurons per key frequency, the comparison, the share of the
 * restricted loss's fall before the validation rise and the findings, on a hand-made log with a
 * plateau (memorised at 300, validation rising after 1,500, ≥ 99% at 2,400) and hand-made neurons.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { grokkingLog } from "./grokkingLog";
import { assertLedgerReads } from "./ledgerReads";
import { mechanismBase, MechanismMeasures, mechanismPreset, summariseMechanism, mechanismRefs } from "../../src/studies/mechanism";
import { grokkingEvents } from "../../src/analysis/events/grokkingEvents";
import { resolveExperiment } from "../../src/experiment/resolveExperiment";

const log = (plateau = true) => grokkingLog({ plateau });

function measures(plateau = true): MechanismMeasures {
  const records = log(plateau);
  return {
    records,
    events: grokkingEvents(records),
    // one decade of the three from memorisation to the end falls before the transition starts (between 1,500 and 2,200)
    checkpoints: { steps: [300, 1200, 2400, 3000], keys: [3, 5], restricted: [1, 0.1, 0.01, 0.001] },
    neuronShares: { trained: 0.75, initial: 0.05, null: 0 },
    neurons: { count: 4, frequency: [3, 3, 5, 7], best: [0.9, 0.5, 0.95, 0.99], threshold: 0.85 },
  };
}

test("the share before the rise, neurons per key, comparison and findings, worked by hand", () => {
  const params = mechanismPreset("full");
  const s = summariseMechanism(params, measures());
  // linear: (1 − 0.1) / (1 − 0.001) of the fall by the checkpoint before the rise; log: one decade of three
  assert.ok(Math.abs(s.findings.circuitFormation.shareBefore! - 0.9 / 0.999) < 1e-12);
  assert.ok(Math.abs(s.findings.circuitFormation.shareBeforeLog! - 1 / 3) < 1e-12);
  assert.match(s.circuitLine, /^90% of the restricted loss's fall from memorisation to the end \(33% on its log scale\) happened before validation accuracy began to rise \(step \d+\)$/);
  assert.deepEqual(s.neuronsPerKey, [{ frequency: 3, neurons: 1, "share of all neurons": 0.25 }, { frequency: 5, neurons: 1, "share of all neurons": 0.25 }]);
  assert.equal(s.comparison[1].measured, "3 / 4 = 75.0% (initial 5.0%, null 0.0%)");
  assert.equal(s.comparison[0].measured, "2 (3, 5)");
  assert.equal(s.findings.mechanism.keys, 2);
  assert.equal(s.findings.mechanism.generalisation, 2400);
  assert.equal(s.findings.circuitFormation.memorisation, 300);
  assertLedgerReads(mechanismRefs, s.saved);
  assert.deepEqual(s.saved.mechanism.values, { ...s.findings.mechanism });
  assert.match(s.saved.mechanism.text, /^Nanda transformer, a\+b mod 113, 30%: 2 key frequencies \(3, 5\); 75\.0% of neurons > 85% one frequency \(initial 5\.0%\); phases end at /);
  assert.match(s.saved.circuitFormation.text, /90% of the restricted loss's fall \(33% on its log scale\) came before validation accuracy rose \(memorised at 300, transition from \d+, generalised at 2400\)$/);
  assert.equal(s.phaseTable.length, 3);
});

test("without a plateau the circuit's timing is not measurable and its finding is null", () => {
  const s = summariseMechanism(mechanismPreset("quick"), measures(false));
  assert.equal(s.findings.circuitFormation.shareBefore, null);
  assert.equal(s.circuitLine, "no plateau between memorisation and the validation rise: when the circuit formed is not measurable here");
  assert.match(s.saved.circuitFormation.text, /no plateau to measure \(memorised at 300, transition from —, generalised at censored\)/);
  assert.equal(s.comparison[2].measured, "not within 3000");
});

test("each mode's preset makes a valid experiment", () => {
  for (const mode of ["quick", "full", "paper"] as const) {
    const params = mechanismPreset(mode);
    const base = mechanismBase(params);
    const config = resolveExperiment({ ...base, run: { ...base.run, dir: "x" } });
    assert.equal(config.data.p, params.p);
    assert.equal(config.model.kind, "nanda");
    assert.equal(config.train.steps, params.budget);
  }
});
