/**
 * A horizontal legend under the x axis and its title, with room made for it: the figure grows by
 * the legend's rows instead of the plot shrinking. Plotly places a legend at a fraction of the plot
 * area's height; a fixed fraction (y = -0.2) under a figure of fixed height put a 5-row legend over
 * the x-axis title (08's 15 interventions: Plotly shrank the plot to fit the legend, and 0.2 of the
 * smaller plot was less than the tick labels and title take). Here the rows are estimated from the
 * entries' names at the static image's width, the bottom margin and the height are set to hold
 * them, and the legend's top is placed a fixed number of pixels under the axis.
 */

export interface LegendBelowOptions {
  /** The figure's height without the legend, px. Default 450 (Plotly's and show()'s). */
  height?: number;
  /** The top margin, px. Default 100 (Plotly's). */
  top?: number;
  /** The width the rows are estimated at, px. Default 800 (show()'s static image). */
  width?: number;
  /** Pixels from the x axis to the legend's top: tick labels (log axes have two rows) and title. Default 70. */
  gap?: number;
}

/** Plotly's horizontal legend at its default 12 px font: symbol and padding, px per character, row height. */
const ENTRY_PX = 46;
const CHAR_PX = 7;
const ROW_PX = 29;

/** How many rows Plotly wraps `names` into within `width` px (a greedy estimate of its layout). */
export function legendRows(names: string[], width: number): number {
  let rows = names.length ? 1 : 0;
  let used = 0;
  for (const name of names) {
    const w = ENTRY_PX + CHAR_PX * [...name].length;
    if (used > 0 && used + w > width) {
      rows += 1;
      used = 0;
    }
    used += w;
  }
  return rows;
}

/**
 * @param names the legend's entries (traces with showlegend false left out)
 * @returns layout fields to spread into a figure's layout: legend, height and margin
 * @example
 * layout: { title: { text: "runs" }, xaxis: { type: "log" }, ...legendBelow(runs.map((r) => r.name)) }
 */
export function legendBelow(names: string[], options: LegendBelowOptions = {}): { legend: Record<string, unknown>; height: number; margin: Record<string, number> } {
  const { height = 450, top = 100, width = 800, gap = 70 } = options;
  const sides = 80 + 80; // Plotly's default left and right margins
  const rows = legendRows(names, width - sides);
  const bottom = gap + rows * ROW_PX + 10;
  const plot = height - top - 80; // the plot area's height with Plotly's default bottom margin
  return {
    legend: { orientation: "h", x: 0, xanchor: "left", y: -gap / plot, yanchor: "top" },
    height: top + plot + bottom,
    margin: { t: top, b: bottom },
  };
}
