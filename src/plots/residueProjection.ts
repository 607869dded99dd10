/**
 * A 2-D projection of per-residue vectors (t-SNE or PCA of the output-layer weights or
 * embeddings), with a line from each x to x + step (Power et al. 2022, Fig. 4 right: coloured mod
 * 8, step 8). The colour is any function of the residue: its class mod m (the default, m = 8), or
 * `colourBy`, one value per residue, drawn as classes (one legend entry each) or, when
 * `continuous`, on a colour scale: a cyclic one from 0 to `period` for a quantity that wraps (the
 * residue's phase at a key frequency, in degrees: period 360), Viridis otherwise.
 */
import { PlotlyFigure } from "./PlotlyFigure";
import { paletteColour } from "./palette";
import { cyclicColourScale } from "./cyclicColourScale";
import { optionsOf } from "../config/optionsOf";
import { validateOptions } from "../config/validateConfig";

export interface ResidueColouring {
  /** What the colour shows, e.g. "x mod 3" or "phase at frequency 7". */
  label: string;
  /** One value per residue 0 … p−1. */
  values: number[];
  /** A colour scale (true) or one colour per distinct value (false, the default). */
  continuous?: boolean;
  /** With `continuous`: the values wrap with this period (e.g. 360 for degrees), drawn on a cyclic scale from 0 to it. */
  period?: number;
}

export interface ResidueProjectionOptions {
  title?: string;
  /** Colour by the residue mod this (default 8); ignored when `colourBy` is given. */
  colourMod?: number;
  colourBy?: ResidueColouring;
  /** Lines join x to x + step (mod p). Default 8. */
  step?: number;
}

const OPTIONS = optionsOf("title", "colourMod", "colourBy", "step");

/**
 * @param points [p][2] coordinates of residues 0 … p−1
 * @example
 * residueProjection(tsne(W_out.transpose()), { colourMod: 8, step: 8 });
 * residueProjection(points, { colourBy: { label: "x mod 3", values: points.map((_, x) => x % 3) } });
 */
export function residueProjection(points: number[][], options: ResidueProjectionOptions = {}): PlotlyFigure {
  validateOptions(OPTIONS, options, "residueProjection");
  const p = points.length;
  const m = options.colourMod ?? 8;
  const step = options.step ?? 8;
  const colouring = options.colourBy ?? { label: `x mod ${m}`, values: points.map((_, x) => x % m) };
  if (colouring.values.length !== p || colouring.values.some((v) => !Number.isFinite(v))) {
    throw new Error(`residueProjection: colourBy "${colouring.label}" must give one finite value per residue (${p}); received ${colouring.values.length} value(s)${colouring.values.some((v) => !Number.isFinite(v)) ? ", some not finite" : ""}`);
  }
  const period = colouring.period;
  if (period !== undefined && !(period > 0 && Number.isFinite(period) && colouring.continuous)) {
    throw new Error(`residueProjection: colourBy "${colouring.label}".period must be a positive finite number with continuous: true; received ${period}${colouring.continuous ? "" : " without continuous"}`);
  }
  const lineX: (number | null)[] = [];
  const lineY: (number | null)[] = [];
  points.forEach((pt, x) => {
    const to = points[(x + step) % p];
    lineX.push(pt[0], to[0], null);
    lineY.push(pt[1], to[1], null);
  });
  const marker = (xs: number[]) => ({
    type: "scatter",
    mode: "markers+text",
    x: xs.map((x) => points[x][0]),
    y: xs.map((x) => points[x][1]),
    text: xs.map(String),
    textposition: "top center",
    textfont: { size: 9 },
  });
  const all = points.map((_, x) => x);
  const classes = [...new Set(colouring.values)].sort((a, b) => a - b);
  const markers = colouring.continuous
    ? [{
      ...marker(all),
      marker: {
        color: colouring.values, size: 8, showscale: true, colorbar: { title: { text: colouring.label } },
        ...(period === undefined ? { colorscale: "Viridis" } : { colorscale: cyclicColourScale, cmin: 0, cmax: period }),
      },
      name: colouring.label,
      showlegend: false, // the colour bar names it; a legend entry would sit on the bar's title
      hovertemplate: `x = %{text}, ${colouring.label} = %{marker.color:.3g}<extra></extra>`,
    }]
    : classes.map((value, i) => ({
      ...marker(all.filter((x) => colouring.values[x] === value)),
      marker: { color: paletteColour(i), size: 8 },
      name: options.colourBy ? `${colouring.label} = ${value}` : `x ≡ ${value} (mod ${m})`,
    }));
  return {
    data: [
      { type: "scatter", mode: "lines", x: lineX, y: lineY, line: { color: "#bbb", width: 1 }, name: `x → x+${step}`, hoverinfo: "skip" },
      ...markers,
    ],
    layout: {
      title: { text: options.title ?? (options.colourBy ? `Residues, coloured by ${colouring.label}, lines x → x+${step}` : `Residues, coloured mod ${m}, lines x → x+${step}`) },
      xaxis: { zeroline: false, showticklabels: false },
      yaxis: { zeroline: false, showticklabels: false, scaleanchor: "x" },
      // With a colour bar on the right, the lines' legend entry goes below the picture.
      ...(colouring.continuous ? { legend: { orientation: "h", y: -0.05 } } : {}),
    },
  };
}
