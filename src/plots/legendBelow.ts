/**
 * A horizontal legend under the x axis and its title: anchored at its top, so that however many
 * entries wrap it grows downwards (Plotly makes room) instead of up over the axis title, which a
 * legend anchored at its bottom (Plotly's default for y < 1/3) does.
 */
export function legendBelow(y = -0.2): Record<string, unknown> {
  return { orientation: "h", x: 0, xanchor: "left", y, yanchor: "top" };
}
