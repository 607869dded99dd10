import assert from "node:assert/strict";
import { test } from "node:test";
import { circularity } from "../../../src/analysis/geometry/circularity";
import { permuteRows } from "../../../src/analysis/geometry/nullModel";
import { circleCoordinates } from "../../../src/analysis/geometry/circleCoordinates";
import { Random } from "../../../src/data/random";
import { EmbeddingMLP } from "../../../src/models/EmbeddingMLP";
import { gromovWeights } from "../../../src/models/gromovSolution";
import { fixture } from "../../helpers";


test("circularity is ~0 for random and freshly initialised weights, 1 for Gromov's solution, whatever p and width", () => {
  const r = new Random(2);
  for (const [p, d] of [[31, 128], [59, 256], [97, 512]]) {
    const random = Array.from({ length: p }, () => Array.from({ length: d }, () => r.normal()));
    assert.ok(Math.abs(circularity(random).score) < 0.03, `random ${p}×${d}: ${circularity(random).score}`);
    const init = new EmbeddingMLP({ numClasses: p, width: d, seed: 3 });
    assert.ok(Math.abs(circularity(init.params["embed.E1"]).score) < 0.03, `initial E1 ${p}×${d}`);
    init.dispose();
    const g = gromovWeights(p, d);
    assert.ok(circularity(g["embed.E1"]).score > 0.999, `Gromov ${p}×${d}: ${circularity(g["embed.E1"]).score}`);
    assert.ok(Math.abs(circularity(permuteRows(g["embed.E1"], 1)).score) < 0.05, `Gromov with its rows permuted ${p}×${d}`);
    Object.values(g).forEach((t) => t.dispose());
  }
});

test("a grokked network's unembedding scores high, and its permuted null ~0", () => {
  const trained = fixture<Record<string, { rows: number[][] }>>("tsneInputs")["trained W_out (31 x 128)"].rows; // W_out rows per residue
  const c = circularity(trained);
  assert.ok(c.score > 0.8, `trained: ${c.score}`);
  assert.ok(Math.abs(circularity(permuteRows(trained, 4)).score) < 0.06, "permuted");
  assert.equal(c.units.length, 128);
});

test("the self-projection bias that circularity avoids: circleCoordinates orders even random rows", () => {
  // Why the projection figure only stands beside its control: random rows, projected on their own
  // frequency-k plane, come out in near-circular order.
  const r = new Random(9);
  const p = 59;
  const random = Array.from({ length: p }, () => Array.from({ length: 256 }, () => r.normal()));
  const { angles } = circleCoordinates(random, 4);
  const w = (2 * Math.PI * 4) / p;
  const R = Math.hypot(...[Math.cos, Math.sin].map((f) => angles.reduce((s, a, x) => s + f(a - w * x), 0))) / p;
  assert.ok(R > 0.8, `mean resultant of angle − w·x for random rows: ${R}`);
  assert.ok(Math.abs(circularity(random).score) < 0.03);
});

test("bad inputs are named", () => {
  assert.throws(() => circularity([[1], [2], [3]]), /circularity: embedding needs at least 5 rows \(residues\); received 3/);
  assert.throws(() => circularity(Array.from({ length: 7 }, () => [1, 2])), /circularity: embedding must vary over the residues; received 7 identical rows/);
  assert.throws(() => circularity([[1], [2], [NaN], [4], [5]]), /circularity: embedding must hold finite numbers; received NaN at row 2, column 0/);
});
