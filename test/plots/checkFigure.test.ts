import assert from "node:assert/strict";
import { test } from "node:test";
import { checkFigure } from "../../src/plots/checkFigure";
import { residueProjection } from "../../src/plots/residueProjection";
import { phaseDiagram, sweepHeatmap } from "../../src/plots/sweepPlots";
import { setDisplaySink } from "../../src/display/kernelDisplay";
import { MimeBundle } from "../../src/display/MimeBundle";
import { configureDisplay, show } from "../../src/display/show";

test("a collapsed layout is degenerate; a spread one is not", () => {
  const collapsed = Array.from({ length: 20 }, () => [1e-20, -2e-20]);
  const issues = checkFigure(residueProjection(collapsed, { colourMod: 4, step: 4 }));
  assert.ok(issues.some((i) => i.kind === "degenerate" && /all \d+ points at one spot/.test(i.message)), JSON.stringify(issues));
  const spread = Array.from({ length: 20 }, (_, i) => [Math.cos(i), Math.sin(i)]);
  assert.deepEqual(checkFigure(residueProjection(spread, { colourMod: 4, step: 4 })), [], "the x → x+8 segments' null gaps are no finding");
});

test("NaN and ±Infinity are counted as dropped; an all-missing trace and an empty figure are degenerate", () => {
  const fig = { data: [{ type: "scatter", name: "loss", x: [1, 2, 3, 4], y: [0.5, NaN, Infinity, 0.1] }] };
  assert.deepEqual(checkFigure(fig).map((i) => [i.kind, i.message]), [["nonFinite", "y: 2 of 4 values are NaN or ±Infinity and are not drawn"]]);
  assert.equal(checkFigure({ data: [{ type: "heatmap", z: [[NaN, NaN]] }] })[0].message, "z: no finite value among 2");
  assert.equal(checkFigure({ data: [] })[0].message, "no trace holds a finite value: nothing to draw");
  // Phases no run has are empty legend entries, not a problem; an all-censored sweep still shows its cells.
  assert.deepEqual(checkFigure(phaseDiagram([{ x: 1, y: 1, phase: "grokking" }, { x: 2, y: 1, phase: "grokking" }], { x: "a", y: "b" })), []);
  assert.deepEqual(checkFigure(sweepHeatmap([{ x: 0, y: 0.3, value: null }, { x: 1, y: 0.3, value: null }], { x: "wd", y: "f", value: "steps" })), []);
});

test("show puts a visible note above a figure that cannot show its data", async () => {
  const out: MimeBundle[] = [];
  setDisplaySink((b) => out.push(b));
  configureDisplay({ staticImage: false });
  try {
    await show(residueProjection(Array.from({ length: 12 }, () => [0, 0]), { title: "t-SNE of W_out", colourMod: 4, step: 4 }));
    const html = String(out.at(-1)!.data["text/html"]);
    assert.match(html, /^<div class="groklab-figure-note"[^>]*>t-SNE of W_out:<br>⚠ cannot show its data: .*all \d+ points at one spot/);
    assert.match(String(out.at(-1)!.data["text/plain"]), /^t-SNE of W_out: ⚠ cannot show its data/);
    await show({ data: [{ type: "scatter", x: [1, 2, 3], y: [1, NaN, 3] }], layout: { title: { text: "curve" } } });
    assert.match(String(out.at(-1)!.data["text/html"]), /curve:<br>note: trace 0: y: 1 of 3 values are NaN or ±Infinity and are not drawn/);
  } finally {
    setDisplaySink(undefined);
    configureDisplay({ staticImage: true });
  }
});

test("the checkpoint slider keeps its control drawn in grey beside every frame", async () => {
  const { checkpointSlider } = await import("../../src/plots/checkpointSlider");
  const snaps = [1, 10].map((step) => ({ step, spectrum: [0, 1, 2, 3], points: [[0, 1], [1, 0], [0, -1], [-1, 0]].map(([x, y]) => [x * step, y]) }));
  const fig = checkpointSlider([{ step: 1, epoch: 0, trainLoss: 1, trainAccuracy: 0.5, valLoss: 1, valAccuracy: 0.1, weightNorm: 1, lr: 1, wallTime: 0 }], snaps, {
    control: { label: "initial weights", spectrum: [0, 2, 2, 2], points: [[0, 2], [2, 0], [0, -2], [-2, 0]] },
  });
  assert.deepEqual(fig.data.slice(5).map((t) => t.name), ["control: initial weights", "control: initial weights (projection)"]);
  assert.ok(fig.frames!.every((f) => JSON.stringify((f as { traces: number[] }).traces) === "[2,3,4]"), "frames leave the control alone");
  assert.deepEqual(checkFigure(fig).filter((i) => i.kind === "degenerate"), []);
});
