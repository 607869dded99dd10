import assert from "node:assert/strict";
import * as path from "path";
import { test } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { classifyPhase } from "../../src/analysis/events/classifyPhase";
import { grokkingSteps } from "../../src/analysis/events/grokkingSteps";
import { neuronFrequencies } from "../../src/analysis/fourier/neuronFrequencies";
import { EmbeddingMLP } from "../../src/models/EmbeddingMLP";
import { gromovWeights } from "../../src/models/gromovSolution";
import { ActivationCache, disposeCache } from "../../src/models/Model";
import { checkpointSlider } from "../../src/plots/checkpointSlider";
import { fourierSpectrum } from "../../src/plots/fourierSpectrum";
import { keyFrequencyCircles } from "../../src/plots/keyFrequencyCircles";
import { circleCoordinates, circlePlanes } from "../../src/analysis/geometry/circleCoordinates";
import { logitSpectrum } from "../../src/plots/logitSpectrum";
import { logitSpectrumNorms } from "../../src/analysis/fourier/logitSpectrumNorms";
import { neuronFrequencyHeatmap } from "../../src/plots/neuronFrequencyHeatmap";
import { residueProjection } from "../../src/plots/residueProjection";
import { sharpnessScatter } from "../../src/plots/sharpnessScatter";
import { geometryCurves } from "../../src/plots/geometryCurves";
import { checkFigure } from "../../src/plots/checkFigure";
import { phaseDiagram, sweepHeatmap } from "../../src/plots/sweepPlots";
import { torusView } from "../../src/plots/torusView";
import { trainingCurves } from "../../src/plots/trainingCurves";
import { loadLog } from "../../src/logs/loadLog";
import { allPairs, matchSnapshot } from "../helpers";

const records = loadLog(path.join(__dirname, "..", "fixtures", "runs", "mlp-p31", "log.jsonl")).records.filter((_, i) => i % 10 === 0);

test("trainingCurves: log-step axis, four traces, event lines at data values and labels at log10", () => {
  const steps = grokkingSteps(records);
  const fig = trainingCurves(records, { title: "mod 31", steps });
  matchSnapshot("trainingCurves", fig);
  const shapes = (fig.layout!.shapes as { x0: number }[]).map((s) => s.x0);
  assert.deepEqual(shapes, [steps.memorisation, steps.generalisation]);
});

test("fourierSpectrum", () => matchSnapshot("fourierSpectrum", fourierSpectrum([{ name: "a", norms: [9, 1, 0, 5] }, { name: "b", norms: [9, 0, 2, 1] }], { keys: [3] })));

test("residueProjection joins x to x + step and colours mod m", () => {
  const pts = Array.from({ length: 6 }, (_, x) => [Math.cos(x), Math.sin(x)]);
  const fig = residueProjection(pts, { colourMod: 2, step: 2 });
  matchSnapshot("residueProjection", fig);
  assert.equal(fig.data.length, 3);
});

test("sweepHeatmap marks censored cells; phaseDiagram groups runs by phase", () => {
  matchSnapshot("sweepHeatmap", sweepHeatmap([{ x: 0.1, y: 0.3, value: 5000 }, { x: 1, y: 0.3, value: 800 }, { x: 0.1, y: 0.5, value: null }, { x: 1, y: 0.5, value: 300 }], { x: "wd", y: "fraction", value: "steps" }));
  matchSnapshot("phaseDiagram", phaseDiagram([{ x: 1e-3, y: 1, phase: "grokking" }, { x: 1e-2, y: 0, phase: "memorisation" }], { x: "lr", y: "wd", logX: true }));
});

test("phaseDiagram pads its axes by half a grid step so that edge markers are whole (05's weight decay 0 × fraction 0.3)", () => {
  const points = [0, 1].flatMap((wd) => [0.3, 0.5, 0.7].map((f) => ({ x: wd, y: f, phase: "grokking" as const })));
  const layout = phaseDiagram(points, { x: "weight decay", y: "training fraction" }).layout as Record<string, { range: number[]; tickvals: number[] }>;
  assert.deepEqual(layout.xaxis.range, [-0.5, 1.5]);
  assert.deepEqual(layout.xaxis.tickvals, [0, 1]);
  assert.deepEqual(layout.yaxis.range.map((v) => Math.round(v * 1e9) / 1e9), [0.2, 0.8]);
  assert.deepEqual(layout.yaxis.tickvals, [0.3, 0.5, 0.7]);
});

test("classifyPhase", () => {
  const s = (m: number | null, g: number | null) => ({ memorisation: m, generalisation: g, delay: null, lastStep: 1000 });
  assert.deepEqual([s(null, null), s(100, null), s(100, 1000), s(100, 150), s(null, 500)].map((x) => classifyPhase(x)), ["confusion", "memorisation", "grokking", "comprehension", "comprehension"]);
});

test("sharpnessScatter puts the Spearman figure in the title", () => {
  const fig = sharpnessScatter([{ phi: 1, valAccuracy: 0.9 }, { phi: 2, valAccuracy: 0.5 }, { phi: 3, valAccuracy: 0.6 }, { phi: 4, valAccuracy: 0.1 }]);
  assert.match(String((fig.layout!.title as { text: string }).text), /Spearman ρ = -0.800 \(p = 0.20, n = 4\)/);
  matchSnapshot("sharpnessScatter", fig);
});

test("sharpnessScatter draws φ at or below the floor at the floor as triangles, says so on the x axis, and correlates the measured φ", () => {
  // Two floored networks with the same validation accuracy (as several checkpoints of one run are): one trace, so they never form a collapsed trace of their own.
  const fig = sharpnessScatter([{ phi: 0, valAccuracy: 0.9 }, { phi: 1e-12, valAccuracy: 0.9 }, { phi: 1e-3, valAccuracy: 0.5 }, { phi: 1e-2, valAccuracy: 0.1 }]);
  assert.match(String((fig.layout!.title as { text: string }).text), /Spearman ρ = -0\.949/);
  assert.equal(fig.data.length, 1);
  const [t0] = fig.data as { x: number[]; y: number[]; marker: { symbol: string[] } }[];
  assert.deepEqual([t0.x, t0.y, t0.marker.symbol], [[1e-9, 1e-9, 1e-3, 1e-2], [0.9, 0.9, 0.5, 0.1], ["triangle-left", "triangle-left", "circle", "circle"]]);
  assert.match(String((fig.layout!.xaxis as { title: { text: string } }).title.text), /◄ at 1e-9: φ ≤ 1e-9 \(2 of 4\)/);
  assert.deepEqual(checkFigure(fig).filter((i) => i.kind === "degenerate"), []);
  assert.throws(() => sharpnessScatter([], { floor: 0 }), /sharpnessScatter: options\.floor must be a positive number .* received 0/);
});

test("sharpnessScatter: a caller's statistic replaces the t-approximated one; no spread is said, never thrown", () => {
  const points = [{ phi: 1, valAccuracy: 0.9 }, { phi: 2, valAccuracy: 0.5 }, { phi: 3, valAccuracy: 0.6 }];
  const given = sharpnessScatter(points, { statLine: "ρ = −0.500 [−1.00, 1.00], permutation p 0.67, n 3" });
  assert.match(String((given.layout!.title as { text: string }).text), /<sub>ρ = −0\.500 \[−1\.00, 1\.00\], permutation p 0\.67, n 3<\/sub>$/);
  const flat = sharpnessScatter(points.map((p) => ({ ...p, valAccuracy: 1 })));
  assert.match(String((flat.layout!.title as { text: string }).text), /n = 3: no spread in φ or accuracy, no rank correlation/);
});

test("checkpointSlider: one frame per checkpoint, each moving the marker, the spectrum and the projection", () => {
  const snaps = [100, 1000].map((step, i) => ({ step, spectrum: [1, i, 2 - i], points: [[i, 0], [0, 1], [-1, i]] }));
  const fig = checkpointSlider(records, snaps);
  assert.deepEqual(fig.frames!.map((f) => [f.name, f.traces]), [["100", [2, 3, 4]], ["1000", [2, 3, 4]]]);
  matchSnapshot("checkpointSlider", { frames: fig.frames, sliders: fig.layout!.sliders });
});

test("model figures on Gromov's solution (p = 7): circles, torus, neuron heatmap, logit spectrum", () => {
  const w = gromovWeights(7, 24, { frequencies: [2], seed: 0 });
  const model = new EmbeddingMLP({ numClasses: 7, width: 24, activation: "quadratic" }, w);
  tf.dispose(Object.values(w));
  const { a, b } = allPairs(7);
  const cache: ActivationCache = new Map();
  const logits = model.forward({ a, b }, cache);
  const circles = keyFrequencyCircles(circlePlanes(model.params["embed.E1"], [2]));
  // E1 is a linear image of the circle x ↦ w₂x: going round x = 0 … 6 the angle winds twice.
  const angles = (circles.data[0].x as number[]).map((x, i) => Math.atan2((circles.data[0].y as number[])[i], x));
  const winding = angles.reduce((s, t, i) => {
    const d = angles[(i + 1) % 7] - t;
    return s + Math.atan2(Math.sin(d), Math.cos(d));
  }, 0);
  assert.ok(Math.abs(Math.abs(winding) - 2 * 2 * Math.PI) < 1e-6, `winding ${winding / (2 * Math.PI)} turns`);
  matchSnapshot("keyFrequencyCircles", circles);
  matchSnapshot("torusView", torusView(circleCoordinates(model.params["embed.E1"], 2).angles, circleCoordinates(model.params["embed.E2"], 2).angles, 2).layout);
  matchSnapshot("neuronFrequencyHeatmap", neuronFrequencyHeatmap(neuronFrequencies(cache.get("hidden.pre") as tf.Tensor2D, 7)));
  const spectrum = logitSpectrum(logitSpectrumNorms(logits, 7), 7);
  matchSnapshot("logitSpectrum", spectrum);
  disposeCache(cache);
  tf.dispose([logits, a, b]);
  model.dispose();
});

test("geometryCurves: four traces a run (measure and null on two panels), step 0 left off the log axis, one legend entry a run", () => {
  const point = (step: number, c: number) => ({ step, valAccuracy: 0.5, circularity: c, circularityNull: 0.01, keyShare: c / 2, keyShareNull: 0.1, keyFrequencies: [3] });
  const fig = geometryCurves([
    { name: "a", points: [point(0, 0), point(10, 0.2), point(100, 0.9)] },
    { name: "b", points: [point(10, 0.1), point(100, 0.3)] },
  ]);
  assert.equal(fig.data.length, 8);
  assert.deepEqual(fig.data[0].x, [10, 100]);
  assert.deepEqual(fig.data[0].y, [0.2, 0.9]);
  assert.deepEqual(fig.data[2].y, [0.1, 0.45]);
  assert.deepEqual(fig.data.map((t) => t.showlegend), [true, false, false, false, true, false, false, false]);
  assert.deepEqual(fig.data.map((t) => t.yaxis), ["y", "y", "y2", "y2", "y", "y", "y2", "y2"]);
  assert.deepEqual(checkFigure(fig), []);
});

test("residueProjection colours by any function of the residue: classes (one trace each) or a continuous scale", () => {
  const pts = Array.from({ length: 7 }, (_, x) => [Math.cos(x), Math.sin(x)]);
  const byThree = residueProjection(pts, { colourBy: { label: "x mod 3", values: pts.map((_, x) => x % 3) }, step: 1 });
  assert.equal(byThree.data.length, 4); // the lines and classes 0, 1, 2
  assert.deepEqual(byThree.data.slice(1).map((t) => t.text), [["0", "3", "6"], ["1", "4"], ["2", "5"]]);
  assert.deepEqual(byThree.data.slice(1).map((t) => t.name), ["x mod 3 = 0", "x mod 3 = 1", "x mod 3 = 2"]);
  const phase = pts.map((_, x) => (2 * Math.PI * 2 * x) / 7);
  const continuous = residueProjection(pts, { colourBy: { label: "phase at k = 2", values: phase, continuous: true } });
  assert.equal(continuous.data.length, 2);
  const markers = continuous.data[1] as { marker: { color: number[] }; x: number[] };
  assert.deepEqual(markers.marker.color, phase);
  assert.deepEqual(markers.x, pts.map((q) => q[0]));
  assert.throws(() => residueProjection(pts, { colourBy: { label: "short", values: [1, 2] } }), /residueProjection: colourBy "short" must give one finite value per residue \(7\); received 2 value/);
  assert.equal((markers.marker as unknown as { colorscale: string }).colorscale, "Viridis");
});

test("residueProjection: a phase (period 360) on a cyclic scale from 0 to 360, whose ends are one colour", () => {
  const pts = Array.from({ length: 7 }, (_, x) => [Math.cos(x), Math.sin(x)]);
  const degrees = pts.map((_, x) => ((3 * x) % 7) * (360 / 7));
  const fig = residueProjection(pts, { colourBy: { label: "phase at k = 3 (degrees)", values: degrees, continuous: true, period: 360 } });
  const marker = (fig.data[1] as { marker: { color: number[]; cmin: number; cmax: number; colorscale: [number, string][] } }).marker;
  assert.deepEqual(marker.color, degrees);
  assert.deepEqual([marker.cmin, marker.cmax], [0, 360]);
  assert.equal(marker.colorscale[0][1], marker.colorscale.at(-1)![1]);
  assert.throws(() => residueProjection(pts, { colourBy: { label: "phase", values: degrees, period: 360 } }), /residueProjection: colourBy "phase".period must be a positive finite number with continuous: true; received 360 without continuous/);
  assert.throws(() => residueProjection(pts, { colourBy: { label: "phase", values: degrees, continuous: true, period: -1 } }), /period must be a positive finite number/);
});

test("torusView colours each pair by the phase of a + b at frequency k, which ideal angles place on the torus's diagonals", () => {
  // Ideal angles of a network computing a + b at frequency k: θ_a = 2πka/p, the same for b.
  const p = 13;
  const k = 5;
  const angles = Array.from({ length: p }, (_, x) => (2 * Math.PI * k * x) / p);
  const fig = torusView(angles, angles, k);
  const marker = (fig.data[0] as { marker: { color: number[]; cmin: number; cmax: number; colorscale: [number, string][] } }).marker;
  assert.equal(marker.color.length, p * p);
  const wrap = (t: number) => ((t % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI);
  for (let a = 0; a < p; a++) {
    for (let b = 0; b < p; b++) {
      const c = marker.color[a * p + b];
      const d = Math.abs(wrap((2 * Math.PI * c) / p) - wrap(angles[a] + angles[b]));
      assert.ok(Math.min(d, 2 * Math.PI - d) < 1e-9, `pair (${a}, ${b}): colour ${c}`);
    }
  }
  assert.deepEqual([marker.cmin, marker.cmax], [0, p]);
  assert.equal(marker.colorscale[0][1], marker.colorscale.at(-1)![1], "the scale is cyclic: its ends are one colour");
});

test("figures refuse an option they do not know (it was ignored: a misspelt title vanished)", async () => {
  const { compareRuns } = await import("../../src/plots/compareRuns");
  const { fourierSpectrum } = await import("../../src/plots/fourierSpectrum");
  const { trainingCurves } = await import("../../src/plots/trainingCurves");
  assert.throws(() => trainingCurves([], { titel: "x" } as never), /trainingCurves: invalid options:\n  titel: unexpected property \(expected one of title, steps; did you mean title\?\)/);
  assert.throws(() => compareRuns([], { logy: true } as never), /compareRuns: invalid options:\n  logy: unexpected property .*did you mean logY\?/);
  assert.throws(() => fourierSpectrum([], { key: [1] } as never), /fourierSpectrum: invalid options:\n  key: unexpected property .*did you mean keys\?/);
});
