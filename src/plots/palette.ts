/**
 * The colours of every groklab figure that draws one trace (or group) per run, residue class or
 * intervention: plotly's ten defaults, then six more distinct ones, so that up to 16 series keep
 * their own colour before any repeats (notebook 08 overlays 15 interventions).
 */
export const PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#2E91E5", "#E15F99", "#1CA71C", "#FB0D0D", "#DA16FF", "#222A2A"];

/** The colour of series i (cycling). */
export function paletteColour(i: number): string {
  return PALETTE[((i % PALETTE.length) + PALETTE.length) % PALETTE.length];
}
