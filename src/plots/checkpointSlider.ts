/**
 * One slider scrubs the training step and moves three linked views together: the accuracy curves
 * (a marker at the step), the Fourier spectrum of the embedding at that checkpoint, and a 2-D
 * projection of the residues at that checkpoint. Built from plotly.js frames, so it works in the
 * live notebook and in exported HTML alike (no kernel needed). A `control` (e.g. the initial
 * weights, or a null model) stays drawn in grey in the spectrum and projection panels, so every
 * frame is seen beside it.
 */
import { PlotlyFigure } from "./PlotlyFigure";
import { CheckpointSnapshot } from "../analysis/analyseCheckpoints";
import { LogRecord } from "../logs/LogRecord";
import { optionsOf } from "../config/optionsOf";
import { validateOptions } from "../config/validateConfig";

function views(s: CheckpointSnapshot) {
  return [
    { x: [s.step, s.step], y: [0, 1.05] },
    { x: s.spectrum.slice(1).map((_, i) => i + 1), y: s.spectrum.slice(1) },
    { x: s.points.map((p) => p[0]), y: s.points.map((p) => p[1]), marker: { color: s.points.map((_, x) => x), colorscale: "HSV", size: 7 } },
  ];
}

const OPTIONS = optionsOf("title", "control");

/**
 * @example
 * checkpointSlider(records, snapshots, { title: "x+y mod 97 across training" });
 */
export function checkpointSlider(
  records: LogRecord[],
  snapshots: CheckpointSnapshot[],
  options: { title?: string; control?: { label: string; spectrum: number[]; points: number[][] } } = {},
): PlotlyFigure {
  validateOptions(OPTIONS, options, "checkpointSlider");
  if (snapshots.length === 0) throw new Error("checkpointSlider: snapshots must hold at least one checkpoint");
  const shown = records.filter((r) => r.step > 0);
  const [marker, spectrum, points] = views(snapshots[0]);
  const all = options.control ? [...snapshots, { step: -1, ...options.control }] : snapshots;
  const maxNorm = Math.max(...all.flatMap((s) => s.spectrum.slice(1)));
  const extent = Math.max(...all.flatMap((s) => s.points.flat().map(Math.abs))) * 1.1;
  const c = options.control;
  const control = c
    ? [
        { type: "scatter", mode: "lines+markers", name: `control: ${c.label}`, x: c.spectrum.slice(1).map((_, i) => i + 1), y: c.spectrum.slice(1), xaxis: "x2", yaxis: "y2", line: { color: "#999" }, marker: { size: 4 } },
        { type: "scatter", mode: "markers", name: `control: ${c.label} (projection)`, x: c.points.map((q) => q[0]), y: c.points.map((q) => q[1]), xaxis: "x3", yaxis: "y3", marker: { color: "#bbb", size: 5 }, showlegend: false },
      ]
    : [];
  return {
    data: [
      { type: "scatter", mode: "lines", name: "train accuracy", x: shown.map((r) => r.step), y: shown.map((r) => r.trainAccuracy), line: { color: "#1f77b4" } },
      { type: "scatter", mode: "lines", name: "validation accuracy", x: shown.map((r) => r.step), y: shown.map((r) => r.valAccuracy), line: { color: "#d62728" } },
      { type: "scatter", mode: "lines", name: "checkpoint", ...marker, line: { color: "#444", dash: "dot" }, showlegend: false },
      { type: "bar", name: "Fourier norm", ...spectrum, xaxis: "x2", yaxis: "y2", marker: { color: "#9467bd" }, showlegend: false },
      { type: "scatter", mode: "markers", name: "residues", ...points, xaxis: "x3", yaxis: "y3", showlegend: false },
      ...control,
    ],
    frames: snapshots.map((s) => ({ name: String(s.step), data: views(s), traces: [2, 3, 4] })),
    layout: {
      title: { text: options.title ?? "Training curves, spectrum and projection at one checkpoint" },
      xaxis: { domain: [0, 0.3], type: "log", title: { text: "step" } },
      yaxis: { range: [0, 1.05], title: { text: "accuracy" } },
      xaxis2: { domain: [0.37, 0.63], anchor: "y2", title: { text: "frequency k" } },
      yaxis2: { anchor: "x2", range: [0, maxNorm * 1.05], title: { text: "norm" } },
      xaxis3: { domain: [0.7, 1], anchor: "y3", range: [-extent, extent], showticklabels: false, title: { text: "projection" } },
      yaxis3: { anchor: "x3", range: [-extent, extent], showticklabels: false, scaleanchor: "x3" },
      // the legend above the panels, under the title: below them the slider takes the space
      legend: { orientation: "h", x: 0, xanchor: "left", y: 1.04, yanchor: "bottom" },
      margin: { t: 110 },
      sliders: [
        {
          active: 0,
          currentvalue: { prefix: "step " },
          pad: { t: 50 },
          steps: snapshots.map((s) => ({
            label: String(s.step),
            method: "animate",
            args: [[String(s.step)], { mode: "immediate", frame: { duration: 0, redraw: true }, transition: { duration: 0 } }],
          })),
        },
      ],
    },
  };
}
