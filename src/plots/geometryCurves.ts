/**
 * The inside view of several runs over training (geometryOverTraining's points): circularity of the
 * embedding (left) and the share of its units on the key frequencies (right), one colour per run,
 * each with its null model dotted in the same colour (toggled together from the legend).
 */
import { GeometryPoint } from "../analysis/events/geometryOverTraining";
import { PlotlyFigure } from "./PlotlyFigure";
import { legendBelow } from "./legendBelow";
import { paletteColour } from "./palette";
import { optionsOf } from "../config/optionsOf";
import { validateOptions } from "../config/validateConfig";

// 16 distinguishable colours (Plotly's default 10 and six of its "Dark24")

const OPTIONS = optionsOf("title");

/**
 * @example
 * geometryCurves([{ name: "AdamW", points: geometryOverTraining(RunFolder.open(dir)) }]);
 */
export function geometryCurves(runs: { name: string; points: GeometryPoint[] }[], options: { title?: string } = {}): PlotlyFigure {
  validateOptions(OPTIONS, options, "geometryCurves");
  const data = runs.flatMap((run, i) => {
    const shown = run.points.filter((x) => x.step > 0); // a log axis
    const colour = paletteColour(i);
    const steps = shown.map((x) => x.step);
    const trace = (y: number[], axis: 1 | 2, isNull: boolean) => ({
      type: "scatter",
      mode: "lines+markers",
      name: isNull ? `${run.name} (null)` : run.name,
      legendgroup: run.name,
      showlegend: axis === 1 && !isNull,
      x: steps,
      y,
      xaxis: axis === 1 ? "x" : "x2",
      yaxis: axis === 1 ? "y" : "y2",
      line: { color: colour, dash: isNull ? "dot" : "solid", width: isNull ? 1 : 2 },
      marker: { size: isNull ? 3 : 5 },
    });
    return [
      trace(shown.map((x) => x.circularity), 1, false),
      trace(shown.map((x) => x.circularityNull), 1, true),
      trace(shown.map((x) => x.keyShare), 2, false),
      trace(shown.map((x) => x.keyShareNull), 2, true),
    ];
  });
  return {
    data,
    layout: {
      title: { text: options.title ?? "Inside the network over training: circularity and key-frequency share (dotted: null model, rows permuted)" },
      grid: { rows: 1, columns: 2, pattern: "independent" },
      xaxis: { type: "log", title: { text: "optimisation step" }, domain: [0, 0.46] },
      xaxis2: { type: "log", title: { text: "optimisation step" }, domain: [0.54, 1] },
      // Short axis titles: a long one is clipped at the figure's edge; what they mean is in the notebooks' text.
      yaxis: { title: { text: "circularity (0 random, 1 sinusoids)" } },
      yaxis2: { title: { text: "share on the 5 key frequencies" }, anchor: "x2" },
      ...legendBelow(runs.map((run) => run.name), { height: 520 }),
    },
  };
}
