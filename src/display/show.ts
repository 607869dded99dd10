/**
 * `show`: displays a Plotly figure, a danfo DataFrame or an array of records in the notebook.
 * plotly.js is announced once per kernel session; each figure carries a static PNG rendered by
 * headless Chromium when it is available. A figure that fails to build or render shows the error
 * in the cell instead of a blank output.
 */
import { randomUUID } from "crypto";
import { escapeHtml } from "./escapeHtml";
import { checkFigure } from "../plots/checkFigure";
import { figureBundle, figureTitle } from "./figureBundle";
import { FigureRenderer } from "./FigureRenderer";
import { writeDisplay } from "./kernelDisplay";
import { MimeBundle } from "./MimeBundle";
import { PlotlyFigure } from "../plots/PlotlyFigure";
import { plotlyLoaderHtml, PlotlyMode } from "./plotlyLoader";
import { tableBundle, TableLike, TableOptions } from "./tableBundle";

/** Session-wide display settings. */
export interface DisplayOptions {
  /** "server" (default; GROKLAB_PLOTLY overrides) or "inline" (plotly.js embedded once: self-contained HTML). */
  plotly?: PlotlyMode;
  /** Render a static PNG for every figure (default true). */
  staticImage?: boolean;
  /** Size of static images in px. Defaults 800 × 450 (or the layout's own size). */
  imageWidth?: number;
  imageHeight?: number;
}

function defaultMode(): PlotlyMode {
  const v = process.env.GROKLAB_PLOTLY;
  if (v === undefined || v === "" || v === "server") return "server";
  if (v === "inline") return "inline";
  throw new Error(`show: invalid GROKLAB_PLOTLY "${v}"; expected "server" or "inline"`);
}

const session = {
  options: {} as DisplayOptions,
  loaderSent: false,
  renderer: new FigureRenderer(),
};

/** Changes the session's display settings (takes effect for the next figures). */
export function configureDisplay(options: DisplayOptions): void {
  const loaderChanged = options.plotly !== undefined && options.plotly !== session.options.plotly;
  session.options = { ...session.options, ...options };
  if (loaderChanged) session.loaderSent = false;
}

/** A fresh element id, unique across kernel sessions (ids end up side by side in a saved notebook). */
export function newDisplayId(prefix = "groklab"): string {
  return `${prefix}-${randomUUID().slice(0, 13)}`;
}

/** Sends the plotly.js loader if this session has not yet. */
export function ensurePlotlyLoaded(): void {
  if (session.loaderSent) return;
  const mode = session.options.plotly ?? defaultMode();
  writeDisplay({ data: { "text/html": plotlyLoaderHtml(mode), "text/plain": "" }, metadata: {} });
  session.loaderSent = true;
}

/**
 * The bundle of a figure with its static image (rendered now, when enabled and possible); a live
 * frame (`live`) has none and is shaped for updates (figureBundle).
 */
export async function renderFigure(figure: PlotlyFigure, id = newDisplayId("figure"), staticImage?: boolean, live = false): Promise<MimeBundle> {
  const o = session.options;
  const layout = figure.layout ?? {};
  const width = typeof layout.width === "number" ? layout.width : (o.imageWidth ?? 800);
  const height = typeof layout.height === "number" ? layout.height : (o.imageHeight ?? 450);
  if (live) return withFigureNotes(figure, figureBundle(figure, { id, height, live }));
  if (!(staticImage ?? o.staticImage ?? true)) return withFigureNotes(figure, figureBundle(figure, { id, height }));
  const png = await session.renderer.render(figure, width, height);
  return withFigureNotes(
    figure,
    "pngBase64" in png ? figureBundle(figure, { id, height, pngBase64: png.pngBase64 }) : figureBundle(figure, { id, height, noImageReason: png.error }),
  );
}

/** A visible note above a figure whose data cannot all be shown (checkFigure): degenerate traces, dropped values. */
function withFigureNotes(figure: PlotlyFigure, bundle: MimeBundle): MimeBundle {
  const issues = checkFigure(figure);
  if (issues.length === 0) return bundle;
  const lines = issues.map((i) => `${i.kind === "degenerate" ? "⚠ cannot show its data" : "note"}: ${i.name}: ${i.message}`);
  const title = figureTitle(figure) || "figure";
  const html =
    `<div class="groklab-figure-note" style="color:#b00020;font:13px sans-serif;margin:4px 0">` +
    `${escapeHtml(title)}:<br>${lines.map(escapeHtml).join("<br>")}</div>`;
  return {
    ...bundle,
    data: { ...bundle.data, "text/html": html + String(bundle.data["text/html"] ?? ""), "text/plain": `${title}: ${lines.join("; ")}\n${String(bundle.data["text/plain"] ?? "")}` },
  };
}

function isFigure(x: unknown): x is PlotlyFigure {
  return typeof x === "object" && x !== null && Array.isArray((x as PlotlyFigure).data) && !("columns" in x);
}

function errorBundle(what: string, err: unknown): MimeBundle {
  const message = `${what}: ${(err as Error)?.message ?? String(err)}`;
  return {
    data: {
      "text/html": `<pre style="color:#b00020;white-space:pre-wrap">${escapeHtml(message)}</pre>`,
      "text/plain": message,
    },
  };
}

/**
 * Displays a figure, a list of figures (one after another), or a table. Await it, so the output
 * lands in the cell that called it.
 * @example
 * await show({ data: [{ type: "scatter", x: [1, 2, 3], y: [2, 1, 3] }], layout: { title: { text: "demo" } } });
 * await show([{ step: 0, loss: 4.6 }, { step: 100, loss: 0.1 }]);
 */
export async function show(value: PlotlyFigure | PlotlyFigure[] | TableLike, options: TableOptions = {}): Promise<void> {
  if (Array.isArray(value) && value.length > 0 && value.every(isFigure)) {
    for (const figure of value as PlotlyFigure[]) await show(figure);
    return;
  }
  if (isFigure(value)) {
    ensurePlotlyLoaded();
    let bundle: MimeBundle;
    try {
      bundle = await renderFigure(value);
    } catch (err) {
      bundle = errorBundle("show: the figure could not be displayed", err);
    }
    writeDisplay(bundle);
    return;
  }
  writeDisplay(tableBundle(value as TableLike, options));
}

/** Closes the session's Chromium (scripts call this so that Node can exit; kernels need not). */
export async function closeDisplay(): Promise<void> {
  await session.renderer.close();
}
