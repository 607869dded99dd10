/**
 * The display bundle of one Plotly figure, as plotly.py builds it for notebooks:
 * - application/vnd.plotly.v1+json: the figure (JupyterLab's and nteract's Plotly renderers),
 * - text/html: a div that draws the interactive figure once plotly.js is present and otherwise
 *   shows the static image (base64 PNG, when one could be rendered) with one line under it that
 *   says why it is not interactive and how to make it so (an untrusted notebook runs no scripts),
 * - text/plain: a one-line description.
 * The PNG is stored once, in the HTML: an image/png beside it would double every figure's size
 * (~60 KB), and classic Notebook shows the HTML (sanitised when untrusted) before an image/png.
 */
import { escapeHtml, jsonForScript } from "./escapeHtml";
import { MimeBundle } from "./MimeBundle";
import { PlotlyFigure } from "../plots/PlotlyFigure";

export interface FigureBundleOptions {
  /** Element id of the figure's div; unique in the notebook. */
  id: string;
  /** PNG of the figure, base64, or undefined when none could be rendered. */
  pngBase64?: string;
  /** Why there is no PNG (shown in place of the image). */
  noImageReason?: string;
  /** Height of the interactive figure in px. Default: layout.height or 450. */
  height?: number;
}

/** The line under a static image: why it is not interactive, and how to make it so. */
export const STATIC_NOTE =
  "Static image: the interactive figure runs only where the notebook's scripts do (this notebook is not trusted, " +
  "or plotly.js did not load). File → Trust Notebook, or `jupyter trust FILE`, then reopen.";

/** The base64 PNG a figure bundle carries in its HTML, or undefined. */
export function bundlePng(bundle: { data: Record<string, unknown> }): string | undefined {
  return /<img src="data:image\/png;base64,([^"]+)"/.exec(String(bundle.data["text/html"] ?? ""))?.[1];
}

/** The figure's title text, or "" when it has none. */
export function figureTitle(figure: PlotlyFigure): string {
  const title = figure.layout?.title;
  if (typeof title === "string") return title;
  if (title && typeof title === "object" && typeof (title as { text?: unknown }).text === "string") {
    return (title as { text: string }).text;
  }
  return "";
}

/** Script that draws the figure now, or queues it until plotly.js has loaded. */
function drawScript(id: string): string {
  return (
    `<script>(function(){var id=${jsonForScript(id)};function draw(){var el=document.getElementById(id);` +
    "if(!el||!window.Plotly)return false;var f=JSON.parse(document.getElementById(id+'-figure').textContent);" +
    "el.innerHTML='';window.Plotly.newPlot(el,{data:f.data,layout:f.layout||{},frames:f.frames||[]," +
    "config:Object.assign({responsive:true},f.config||{})});" +
    "return true;}if(!draw()){(window.__groklabPending=window.__groklabPending||[]).push(draw);}})();</script>"
  );
}

/**
 * @example
 * figureBundle({ data: [{ type: "scatter", y: [1, 3, 2] }], layout: { title: "demo" } }, { id: "fig-1" });
 */
export function figureBundle(figure: PlotlyFigure, options: FigureBundleOptions): MimeBundle {
  if (!figure || !Array.isArray(figure.data)) {
    throw new Error(
      `figureBundle: figure must be an object with a "data" array of traces; received ${JSON.stringify(figure)?.slice(0, 80)}`,
    );
  }
  const { id, pngBase64, noImageReason } = options;
  const height = options.height ?? (typeof figure.layout?.height === "number" ? figure.layout.height : 450);
  const title = figureTitle(figure);
  const fallback = pngBase64
    ? `<img src="data:image/png;base64,${pngBase64}" alt="${escapeHtml(title || "figure")}" style="max-width:100%">` +
      `<div class="groklab-static-note" style="font:12px sans-serif;color:#666">${escapeHtml(STATIC_NOTE)}</div>`
    : `<div style="font:13px sans-serif;color:#666">${escapeHtml(
        `Interactive figure "${title}": needs plotly.js (trusted notebook)` + (noImageReason ? `; no static image: ${noImageReason}` : ""),
      )}</div>`;
  const html =
    `<div id="${escapeHtml(id)}" class="groklab-figure" style="width:100%;min-height:${height}px">${fallback}</div>` +
    `<script type="application/json" id="${escapeHtml(id)}-figure">${jsonForScript(figure)}</script>` +
    drawScript(id);
  const data: Record<string, unknown> = {
    "application/vnd.plotly.v1+json": {
      data: figure.data,
      layout: figure.layout ?? {},
      config: figure.config ?? {},
      ...(figure.frames ? { frames: figure.frames } : {}),
    },
    "text/html": html,
    "text/plain": `Figure${title ? ` "${title}"` : ""}: ${figure.data.length} trace(s)`,
  };
  return { data, metadata: {} };
}
