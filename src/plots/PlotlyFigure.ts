/** A Plotly figure as plotly.js takes it (and as plotly.py's `fig.to_dict()` gives it). */
export interface PlotlyFigure {
  data: Record<string, unknown>[];
  layout?: Record<string, unknown>;
  config?: Record<string, unknown>;
  /** Animation frames (plotly.js `frames`), e.g. for a slider. */
  frames?: Record<string, unknown>[];
}
