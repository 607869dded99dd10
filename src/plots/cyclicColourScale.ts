/**
 * A cyclic colour scale (red, yellow, green, cyan, blue, magenta, red) for quantities that wrap, such
 * as a phase: its two ends are one colour, so values just below the period and just above 0 look
 * alike. plotly.js names no cyclic scale ("HSV" is not one of its names and falls back silently).
 */
export const cyclicColourScale: [number, string][] = ["#e41a1c", "#ffd92f", "#4daf4a", "#17becf", "#377eb8", "#e377c2", "#e41a1c"].map((c, i, all) => [i / (all.length - 1), c]);
