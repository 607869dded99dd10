import assert from "node:assert/strict";
import { test } from "node:test";
import { stepDistanceRatio } from "../../../src/analysis/geometry/stepDistanceRatio";
import { tsne } from "../../../src/analysis/geometry/tsne";

test("stepDistanceRatio: hand-computed on a square; a circle ordered by 8·x puts x and x + 8 close", () => {
  // Unit square, residues 0..3 at its corners in order: neighbours (step 1) are 1 apart; all pairs average (4·1 + 2·√2)/6.
  const square = [[0, 0], [1, 0], [1, 1], [0, 1]];
  assert.ok(Math.abs(stepDistanceRatio(square, 1) - 1 / ((4 + 2 * Math.SQRT2) / 6)) < 1e-12);
  assert.ok(Math.abs(stepDistanceRatio(square, 2) - Math.SQRT2 / ((4 + 2 * Math.SQRT2) / 6)) < 1e-12);
  // 97 residues on a circle at angle 2π·(8⁻¹·x)/97: x and x + 8 are neighbours on it.
  const p = 97;
  const inv8 = [...Array(p).keys()].find((k) => (8 * k) % p === 1)!;
  const circle = [...Array(p).keys()].map((x) => [Math.cos((2 * Math.PI * ((inv8 * x) % p)) / p), Math.sin((2 * Math.PI * ((inv8 * x) % p)) / p)]);
  assert.ok(stepDistanceRatio(circle, 8) < 0.1);
  assert.ok(stepDistanceRatio(circle, 1) > 0.5);
});

test("stepDistanceRatio: about 1 for the t-SNE of random rows (no residue structure), as the notebook's controls are", () => {
  let seed = 7;
  const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
  const rows = Array.from({ length: 59 }, () => Array.from({ length: 64 }, rand));
  const r = stepDistanceRatio(tsne(rows, { perplexity: 10 }), 8);
  assert.ok(r > 0.8 && r < 1.2, `ratio ${r}`);
});

test("stepDistanceRatio: bad input names the function", () => {
  assert.throws(() => stepDistanceRatio([[0, 0], [1, 1]], 1), /stepDistanceRatio: points must be three or more finite 2-D points/);
  assert.throws(() => stepDistanceRatio([[0, 0], [1, 1], [2, 2]], 3), /step must be an integer that is not a multiple of 3; received 3/);
});
