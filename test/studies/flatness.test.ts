/**
 * Notebook 06's study: the correlation of φ with validation accuracy, the comparison and the
 * findings, on hand-made networks; and a sweep folder that holds no run, refused with the hint.
 */
import assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { test } from "node:test";
import { assertLedgerReads } from "./ledgerReads";
import { flatness, flatnessPreset, summariseFlatness, flatnessRefs } from "../../src/studies/flatness";

test("ρ over the networks, worked by hand; no spread, no correlation", () => {
  // φ 4, 3, 2, 1 against validation 0.1, 0.3, 0.2, 0.9: ranks 4,3,2,1 vs 1,3,2,4: d² = 9+0+0+9 = 18, ρ = 1 − 6·18/(4·15) = −0.8
  const points = [[4, 0.1], [3, 0.3], [2, 0.2], [1, 0.9]].map(([phi, valAccuracy], i) => ({ phi, valAccuracy, label: `n${i}` }));
  const s = summariseFlatness(points, 2);
  assert.ok(Math.abs(s.findings.rho! + 0.8) < 1e-12);
  assert.equal(s.findings.n, 4);
  assert.equal(s.comparison[0].measured, "-0.800");
  assert.equal(s.comparison[2].measured, "4 (the checkpoints of 2 runs that fit their training set)");
  assertLedgerReads(flatnessRefs, s.saved);
  assert.match(s.saved.flatness.text, /^φ vs validation accuracy over 4 networks \(notebook 05's checkpoints that fit their training set\): Spearman ρ = -0\.800 \(p = /);
  const flat = summariseFlatness(points.map((x) => ({ ...x, valAccuracy: 1 })), 2);
  assert.equal(flat.correlation, null);
  assert.deepEqual(flat.findings, { rho: null, pValue: null, n: 4 });
  assert.equal(flat.saved.flatness.text, "φ vs validation accuracy over 4 networks: no spread to rank");
});

test("the preset reads notebook 05's folders of the same mode; a missing grid says to run 05 first", () => {
  assert.deepEqual(flatnessPreset("full").sweeps, ["../runs/05-weight-decay-x-fraction-full", "../runs/05-weight-decay-x-fraction-seeds-full"]);
  const missing = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "flatness-")), "none");
  assert.throws(() => flatness({ ...flatnessPreset("quick"), sweeps: [missing] }), /run notebooks\/05-weight-decay-data\.ipynb in this mode first/);
});

test("networks whose φ is below its resolution are left out of the ranking and counted", () => {
  const points = [[4, 0.1], [3, 0.3], [2, 0.2], [1, 0.9], [1e-9, 1]].map(([phi, valAccuracy], i) => ({ phi, valAccuracy, label: `n${i}`, belowResolution: i === 4 }));
  const s = summariseFlatness(points, 2);
  assert.equal(s.ranked.length, 4);
  assert.equal(s.belowResolution, 1);
  assert.ok(Math.abs(s.findings.rho! + 0.8) < 1e-12, "the same ρ as without the unresolved network");
  assert.match(s.saved.flatness.text, /; 1 more below φ's resolution, not ranked\): Spearman ρ = -0\.800/);
});
