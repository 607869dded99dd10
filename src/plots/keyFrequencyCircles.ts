/**
 * Embeddings projected on the cos/sin plane of each key frequency (points from `circlePlanes`), one
 * panel per frequency, residues coloured by x: a Fourier representation shows each residue x at
 * angle w_k·x + φ. Random rows come out in circular order too (self-projection; see
 * `circularity`), so show this beside its control.
 */
import { CirclePlane } from "../analysis/geometry/circleCoordinates";
import { PlotlyFigure } from "./PlotlyFigure";
import { optionsOf } from "../config/optionsOf";
import { validateOptions } from "../config/validateConfig";

const OPTIONS = optionsOf("title");

/**
 * @example
 * keyFrequencyCircles(circlePlanes(model.params["embed.E1"], [4, 9, 13]));
 */
export function keyFrequencyCircles(planes: CirclePlane[], options: { title?: string } = {}): PlotlyFigure {
  validateOptions(OPTIONS, options, "keyFrequencyCircles");
  if (planes.length === 0) throw new Error("keyFrequencyCircles: planes must hold at least one frequency (circlePlanes)");
  const keys = planes.map((c) => c.k);
  const n = keys.length;
  const gap = 0.04;
  const width = (1 - gap * (n - 1)) / n;
  const layout: Record<string, unknown> = {
    title: { text: options.title ?? `Embedding in the plane of each key frequency (${keys.join(", ")})` },
    showlegend: false,
    annotations: [] as unknown[],
  };
  const data = planes.map(({ k, points }, i) => {
    const suffix = i === 0 ? "" : String(i + 1);
    const x0 = i * (width + gap);
    layout[`xaxis${suffix}`] = { domain: [x0, x0 + width], showticklabels: false, zeroline: false };
    layout[`yaxis${suffix}`] = { showticklabels: false, zeroline: false, scaleanchor: `x${suffix}`, anchor: `x${suffix}` };
    (layout.annotations as unknown[]).push({ xref: "paper", yref: "paper", x: x0 + width / 2, y: 1.0, text: `k = ${k}`, showarrow: false });
    return {
      type: "scatter",
      mode: "markers+text",
      x: points.map((p) => p[0]),
      y: points.map((p) => p[1]),
      text: points.map((_, x) => String(x)),
      textfont: { size: 8 },
      textposition: "top center",
      marker: { color: points.map((_, x) => x), colorscale: "HSV", size: 7 },
      xaxis: `x${suffix}`,
      yaxis: `y${suffix}`,
      name: `k = ${k}`,
    };
  });
  return { data, layout };
}
