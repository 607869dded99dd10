import assert from "node:assert/strict";
import { test } from "node:test";
import { Random } from "../../../src/data/random";
import { rqi } from "../../../src/analysis/geometry/rqi";

test("a linear representation e_x = x·v (adding k is a fixed translation) has RQI 1", () => {
  const v = [0.3, -1.2, 2];
  assert.equal(rqi(Array.from({ length: 20 }, (_, x) => v.map((t) => t * x))), 1);
});

test("random embeddings have RQI near 0", () => {
  const r = new Random(0);
  const e = Array.from({ length: 20 }, () => Array.from({ length: 16 }, () => r.normal()));
  assert.ok(rqi(e) < 0.01, `${rqi(e)}`);
});

test("modular sums: a line wraps and fails at the seam; counting is over all parallelograms", () => {
  const line = Array.from({ length: 7 }, (_, x) => [x]);
  const value = rqi(line, { modular: true });
  assert.ok(value > 0 && value < 1, `${value}`);
});
