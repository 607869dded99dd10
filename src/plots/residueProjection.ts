/**
 * A 2-D projection of per-residue vectors (t-SNE or PCA of the output-layer weights or
 * embeddings), coloured by residue mod m, with a line from each x to x + step (Power et al. 2022,
 * Fig. 4 right: m = 8, step 8).
 */
import { PlotlyFigure } from "./PlotlyFigure";
import { paletteColour } from "./palette";


/**
 * @param points [p][2] coordinates of residues 0 … p−1
 * @example
 * residueProjection(tsne(W_out.transpose()), { colourMod: 8, step: 8 });
 */
export function residueProjection(points: number[][], options: { title?: string; colourMod?: number; step?: number } = {}): PlotlyFigure {
  const p = points.length;
  const m = options.colourMod ?? 8;
  const step = options.step ?? 8;
  const lineX: (number | null)[] = [];
  const lineY: (number | null)[] = [];
  points.forEach((pt, x) => {
    const to = points[(x + step) % p];
    lineX.push(pt[0], to[0], null);
    lineY.push(pt[1], to[1], null);
  });
  const groups = Array.from({ length: Math.min(m, p) }, (_, r) => points.map((_, x) => x).filter((x) => x % m === r));
  return {
    data: [
      { type: "scatter", mode: "lines", x: lineX, y: lineY, line: { color: "#bbb", width: 1 }, name: `x → x+${step}`, hoverinfo: "skip" },
      ...groups.map((xs, r) => ({
        type: "scatter",
        mode: "markers+text",
        x: xs.map((x) => points[x][0]),
        y: xs.map((x) => points[x][1]),
        text: xs.map(String),
        textposition: "top center",
        textfont: { size: 9 },
        marker: { color: paletteColour(r), size: 8 },
        name: `x ≡ ${r} (mod ${m})`,
      })),
    ],
    layout: {
      title: { text: options.title ?? `Residues, coloured mod ${m}, lines x → x+${step}` },
      xaxis: { zeroline: false, showticklabels: false },
      yaxis: { zeroline: false, showticklabels: false, scaleanchor: "x" },
    },
  };
}
