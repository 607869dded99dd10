import assert from "node:assert/strict";
import { test } from "node:test";
import { progressMeasures } from "../../src/plots/progressMeasures";
import { ModelAnalysis } from "../../src/analysis/analyseModel";

const analysis = (restricted: number, excluded: number, full: number, shareAbove: number) =>
  ({ loss: { restricted, excluded, full }, neurons: { shareAbove } }) as unknown as ModelAnalysis;

test("progressMeasures: three losses on a log axis and the neuron share on the right, each at its checkpoint's step", () => {
  const f = progressMeasures({ steps: [10, 100, 1000], analyses: [analysis(3, 4, 5, 0.1), analysis(0.5, 4.5, 2, 0.5), analysis(0.01, 9, 0.02, 0.9)] }, { title: "t" });
  const traces = f.data as { name: string; x: number[]; y: number[]; yaxis: string }[];
  assert.deepEqual(traces.map((t) => [t.yaxis, t.y]), [["y", [3, 0.5, 0.01]], ["y", [4, 4.5, 9]], ["y", [5, 2, 0.02]], ["y2", [0.1, 0.5, 0.9]]]);
  assert.ok(traces.every((t) => t.x.join() === "10,100,1000"));
  const layout = f.layout as { yaxis: { type: string }; yaxis2: { type: string }; title: { text: string } };
  assert.equal(layout.yaxis.type, "log");
  assert.equal(layout.yaxis2.type, "linear");
  assert.equal(layout.title.text, "t");
  assert.throws(() => progressMeasures({ steps: [1, 2], analyses: [] }), /progressMeasures: 2 steps for 0 analyses/);
});
