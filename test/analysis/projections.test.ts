import assert from "node:assert/strict";
import { test } from "node:test";
import { pca } from "../../src/analysis/geometry/pca";
import { tsne } from "../../src/analysis/geometry/tsne";
import { Random } from "../../src/data/random";
import { assertClose } from "../helpers";

test("PCA of points on a tilted plane in 3-D recovers two components with all the variance", () => {
  const rows = Array.from({ length: 40 }, (_, i) => {
    const u = Math.cos(i), v = 0.5 * Math.sin(3 * i);
    return [u + v, u - v, 2 * u];
  });
  const r = pca(rows, 2);
  assertClose([r.explained[0] + r.explained[1]], [1], 1e-9);
  assert.equal(r.points.length, 40);
});

test("PCA of a circle isometrically embedded in 8-D gives back the circle (constant radius)", () => {
  const p = 17;
  const u = [1, 1, 1, 1, 0, 0, 0, 0].map((v) => v / 2); // orthonormal u ⟂ v
  const v = [1, -1, 0, 0, 1, -1, 0, 0].map((t) => t / 2);
  const rows = Array.from({ length: p }, (_, x) => {
    const c = Math.cos((2 * Math.PI * x) / p), s = Math.sin((2 * Math.PI * x) / p);
    return u.map((ui, k) => 3 * (c * ui + s * v[k]));
  });
  const radii = pca(rows, 2).points.map(([x, y]) => Math.hypot(x, y));
  assert.ok(Math.max(...radii) - Math.min(...radii) < 1e-6 * Math.max(...radii), `${radii}`);
});

test("t-SNE separates two far clusters and is reproducible for a seed", () => {
  const r = new Random(1);
  const rows = Array.from({ length: 30 }, (_, i) => Array.from({ length: 5 }, () => r.normal() * 0.1 + (i < 15 ? 0 : 10)));
  const y1 = tsne(rows, { perplexity: 5, seed: 2 });
  assert.deepEqual(tsne(rows, { perplexity: 5, seed: 2 }), y1);
  const centre = (ys: number[][]) => [0, 1].map((k) => ys.reduce((s, y) => s + y[k], 0) / ys.length);
  const [a, b] = [centre(y1.slice(0, 15)), centre(y1.slice(15))];
  const dist = (y: number[], c: number[]) => Math.hypot(y[0] - c[0], y[1] - c[1]);
  y1.forEach((y, i) => {
    const [own, other] = i < 15 ? [a, b] : [b, a];
    assert.ok(dist(y, own) < dist(y, other) / 2, `point ${i} is nearer its own cluster`);
  });
});

test("t-SNE of points on a circle keeps circle neighbours as layout neighbours", () => {
  const p = 31;
  const r = new Random(3);
  const circle = Array.from({ length: p }, (_, x) => [Math.cos((2 * Math.PI * x) / p), Math.sin((2 * Math.PI * x) / p), 0.01 * r.normal()]);
  const y = tsne(circle, { perplexity: 5, seed: 0 });
  y.forEach((yi, i) => {
    let nearest = -1;
    let best = Infinity;
    y.forEach((yj, j) => {
      const d = Math.hypot(yi[0] - yj[0], yi[1] - yj[1]);
      if (j !== i && d < best) [best, nearest] = [d, j];
    });
    const apart = Math.min((nearest - i + p) % p, (i - nearest + p) % p);
    assert.ok(apart <= 2, `point ${i}'s nearest layout neighbour is ${nearest}, ${apart} steps away on the circle`);
  });
});

test("bad arguments are named", () => {
  assert.throws(() => pca([[1, 2], [3, 4]], 3), /pca: components must be an integer in \[1, 2\]; received 3/);
  assert.throws(() => tsne([[1], [2]]), /tsne: needs at least 4 points; received 2/);
  assert.throws(() => pca([] as number[][]), /pca: data must be a non-empty 2-D matrix/);
  assert.throws(() => pca([[1, 2]]), /pca: data needs at least 2 rows; received 1/);
  assert.throws(() => pca([[1, 2], [1, 2], [1, 2]]), /pca: data must vary between rows; received 3 identical rows/);
  assert.throws(() => pca([[1, 2], [Infinity, 2]]), /pca: data must hold finite numbers; received Infinity at row 1, column 0/);
});
