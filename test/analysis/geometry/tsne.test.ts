/**
 * groklab's t-SNE against scikit-learn's on the rows this project feeds it (near-equidistant
 * random rows, a trained network's W_out, a circle, clusters): the trustworthiness of groklab's
 * layout is within 0.02 of scikit-learn's own t-SNE (or better), and no layout collapses.
 * Reference: test/fixtures/make_tsne_fixture.py (Debian's python3-sklearn).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { trustworthiness } from "../../../src/analysis/geometry/trustworthiness";
import { tsne } from "../../../src/analysis/geometry/tsne";
import { Random } from "../../../src/data/random";
import { fixture } from "../../helpers";

const inputs = fixture<Record<string, { rows: number[][]; perplexity: number }>>("tsneInputs");
const reference = fixture<{ sklearn: string; cases: Record<string, { default: number; exactRandomStarts: number[]; fixedLayout: { layout: number[][]; trustworthiness: number } }> }>("tsne");
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const spreadOf = (layout: number[][]) => Math.min(...[0, 1].map((k) => Math.max(...layout.map((y) => y[k])) - Math.min(...layout.map((y) => y[k]))));

test("trustworthiness equals scikit-learn's on the same layouts", () => {
  for (const [name, c] of Object.entries(reference.cases)) {
    const mine = trustworthiness(inputs[name].rows, c.fixedLayout.layout, 5);
    assert.ok(Math.abs(mine - c.fixedLayout.trustworthiness) < 1e-9, `${name}: ${mine} vs scikit-learn ${c.fixedLayout.trustworthiness}`);
  }
});

for (const [name, input] of Object.entries(inputs)) {
  test(`t-SNE of ${name}: trustworthiness within 0.02 of scikit-learn ${reference.sklearn}'s over 11 starts; the default layout is not collapsed`, () => {
    // t-SNE of near-equidistant rows lands in another local minimum for each start: compare medians over starts.
    const starts = reference.cases[name].exactRandomStarts;
    const mine = Array.from({ length: starts.length }, (_, seed) => trustworthiness(input.rows, tsne(input.rows, { perplexity: input.perplexity, init: "random", seed }), 5));
    assert.ok(median(mine) >= median(starts) - 0.02, `${name}: median trustworthiness ${median(mine).toFixed(4)} vs scikit-learn's ${median(starts).toFixed(4)}`);
    const layout = tsne(input.rows, { perplexity: input.perplexity }); // PCA start, as notebooks use it
    assert.ok(spreadOf(layout) > 1, `${name}: the layout spans ${spreadOf(layout)} on its narrower axis`);
    const t = trustworthiness(input.rows, layout, 5);
    const r = new Random(1);
    const shuffled = trustworthiness(input.rows, r.shuffle(layout), 5); // the same points, assigned to random rows
    assert.ok(t > shuffled + 0.05, `${name}: trustworthiness ${t.toFixed(3)}, against ${shuffled.toFixed(3)} for a layout of the wrong rows`);
  });
}

test("a perplexity the points cannot carry, NaN input and identical rows are refused", () => {
  const rows = inputs["noisy circle (40 x 10)"].rows;
  assert.throws(() => tsne(rows, { perplexity: 40 }), /tsne: perplexity must be in \(0, 40\), below the number of points \(40\); received 40/);
  assert.throws(() => tsne(rows.slice(0, 20)), /tsne: perplexity must be in \(0, 20\).*received 30/);
  const withNaN = rows.map((r, i) => (i === 3 ? r.map((v, j) => (j === 2 ? NaN : v)) : r));
  assert.throws(() => tsne(withNaN, { perplexity: 5 }), /tsne: data must hold finite numbers; received NaN at row 3, column 2/);
  assert.throws(() => tsne(Array.from({ length: 6 }, () => [1, 2]), { perplexity: 2 }), /tsne: data must hold at least two different rows; received 6 identical rows/);
});

test("iterations below 1, a string where a number belongs and unknown options are refused (they returned the start silently)", () => {
  const rows = inputs["noisy circle (40 x 10)"].rows;
  assert.throws(() => tsne(rows, { iterations: -1 }), /^Error: tsne: invalid options:\n  iterations: expected integer to be greater or equal to 1; received -1 \(a number\)$/);
  assert.throws(() => tsne(rows, { iterations: 0 }), /iterations: expected integer to be greater or equal to 1; received 0/);
  assert.throws(() => tsne(rows, { perplexity: "5" as never }), /tsne: invalid options:\n  perplexity: expected number; received "5" \(a string\)/);
  assert.throws(() => tsne(rows, { perplexty: 5 } as never), /tsne: invalid options:\n  perplexty: unexpected property \(expected one of perplexity, iterations, learningRate, init, seed; did you mean perplexity\?\)/);
});
