import assert from "node:assert/strict";
import { test } from "node:test";
import { compareRuns } from "../../src/plots/compareRuns";
import { LogRecord } from "../../src/logs/LogRecord";

const log = (accs: [number, number][]): LogRecord[] =>
  accs.map(([train, val], i) => ({ step: i * 100, trainLoss: 1, trainAccuracy: train, valLoss: 1, valAccuracy: val, weightNorm: 1 }) as LogRecord);

test("compareRuns: one legend entry per run (its dotted training curve shares it), the legend under the axis title", () => {
  const fig = compareRuns([{ name: "wd 1", records: log([[0, 0], [0.5, 0.1], [1, 0.9]]) }, { name: "wd 0", records: log([[0, 0], [1, 0.2]]) }], { withTrain: true });
  const traces = fig.data as { name: string; legendgroup: string; showlegend?: boolean; x: number[]; y: number[]; line: { dash?: string } }[];
  assert.deepEqual(traces.map((t) => [t.legendgroup, t.showlegend ?? true, t.line.dash ?? "solid"]), [["wd 1", true, "solid"], ["wd 1", false, "dot"], ["wd 0", true, "solid"], ["wd 0", false, "dot"]]);
  // Step 0 cannot sit on the log axis: it is left out.
  assert.deepEqual([traces[0].x, traces[0].y, traces[1].y], [[100, 200], [0.1, 0.9], [0.5, 1]]);
  // One row of two entries: the figure grows by it (legendBelow; where it is drawn is tested there).
  assert.deepEqual([fig.layout!.height, fig.layout!.margin], [100 + 270 + 109, { t: 100, b: 109 }]);
  assert.deepEqual(fig.layout!.legend, { orientation: "h", x: 0, xanchor: "left", y: -70 / 270, yanchor: "top" });
});

test("compareRuns: axes and title say the metric in words, 'accuracy' when training curves share the axis", () => {
  const runs = [{ name: "a", records: log([[0, 0], [1, 1]]) }];
  const label = (fig: ReturnType<typeof compareRuns>) => [(fig.layout!.yaxis as { title: { text: string } }).title.text, (fig.layout!.title as { text: string }).text];
  assert.deepEqual(label(compareRuns(runs)), ["validation accuracy", "validation accuracy of 1 runs"]);
  assert.deepEqual(label(compareRuns(runs, { withTrain: true })), ["accuracy", "validation accuracy of 1 runs"]);
  assert.deepEqual(label(compareRuns(runs, { metric: "valLoss", withTrain: true, logY: true })), ["validation loss", "validation loss of 1 runs"]);
});
