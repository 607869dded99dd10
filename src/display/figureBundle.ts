/**
 * The display bundle of one Plotly figure. Each front-end picks the first entry it can show:
 * - application/vnd.groklab.plotly+json: groklab's own renderer (jupyter/groklab-plotly, installed
 *   into .venv by setup) in JupyterLab 4 and Notebook 7, trusted or not; it redraws on updates,
 *   so live figures follow their run. {} in a final figure (the figure is the Plotly entry's);
 *   the figure itself in a live frame, which carries no Plotly entry;
 * - application/vnd.plotly.v1+json: the figure, for plotly's renderer (VS Code; JupyterLab with
 *   plotly's extension). Left out of live frames: plotly's renderer ignores updates (plotly.py #3053);
 * - text/html: a div that draws the figure once plotly.js is present (the exported HTML, nbviewer)
 *   and otherwise shows the static image with one line under it on why (see STATIC_NOTE);
 * - image/png: the static image alone, for viewers that run no scripts and show images (GitHub's
 *   preview, VS Code's Restricted Mode, PDF export);
 * - text/plain: a one-line description.
 * The PNG is stored twice (in the HTML and as image/png): the HTML is what an untrusted JupyterLab
 * without a Plotly renderer chooses (before image/png), and image/png what no-script viewers need.
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
  /** A live frame (an update while training): no Plotly entry, no image, the figure in groklab's entry. */
  live?: boolean;
}

/** groklab's own MIME type, drawn by jupyter/groklab-plotly. */
export const GROKLAB_MIME = "application/vnd.groklab.plotly+json";
export const PLOTLY_MIME = "application/vnd.plotly.v1+json";

/**
 * The line under a static image when no script runs (an untrusted notebook without a Plotly
 * renderer, GitHub's preview, VS Code's Restricted Mode). Where scripts run but plotly.js cannot
 * load, the loader replaces it with the reason (plotlyLoader's NO_PLOTLY_NOTES).
 */
export const STATIC_NOTE =
  "Static image: scripts do not run here (an untrusted notebook, or a viewer that runs none). Interactive: open it in " +
  "JupyterLab or Notebook 7 with groklab's renderer (npm run lab), or trust it (`jupyter trust FILE`).";

/** The base64 PNG a figure bundle carries in its HTML, or undefined. */
export function bundlePng(bundle: { data: Record<string, unknown> }): string | undefined {
  if (typeof bundle.data["image/png"] === "string") return bundle.data["image/png"];
  return /<img src="data:image\/png;base64,([^"]+)"/.exec(String(bundle.data["text/html"] ?? ""))?.[1];
}

/** The figure a bundle carries: a live frame's (groklab's entry) or a final one's (Plotly's), or undefined. */
export function bundleFigure(bundle: { data: Record<string, unknown> }): PlotlyFigure | undefined {
  const own = bundle.data[GROKLAB_MIME] as { figure?: PlotlyFigure } | undefined;
  return own?.figure ?? (bundle.data[PLOTLY_MIME] as PlotlyFigure | undefined);
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
    "return true;}if(!draw()){(window.__groklabPending=window.__groklabPending||[]).push(draw);" +
    "var n=window.__groklabNoPlotly&&document.querySelector('#'+id+' .groklab-static-note');if(n)n.textContent=window.__groklabNoPlotly;}})();</script>"
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
  const { id, pngBase64, noImageReason, live = false } = options;
  const height = options.height ?? (typeof figure.layout?.height === "number" ? figure.layout.height : 450);
  const title = figureTitle(figure);
  const fallback = live
    ? `<div style="font:13px sans-serif;color:#666">${escapeHtml(`Live figure "${title}": drawn here once plotly.js loads; the final figure follows when the run ends.`)}</div>`
    : pngBase64
    ? `<img src="data:image/png;base64,${pngBase64}" alt="${escapeHtml(title || "figure")}" style="max-width:100%">` +
      `<div class="groklab-static-note" style="font:12px sans-serif;color:#666">${escapeHtml(STATIC_NOTE)}</div>`
    : `<div style="font:13px sans-serif;color:#666">${escapeHtml(
        `Interactive figure "${title}": shown where plotly.js runs (JupyterLab or Notebook 7 with groklab's renderer)` +
          (noImageReason ? `; no static image: ${noImageReason}` : ""),
      )}</div>`;
  const html =
    `<div id="${escapeHtml(id)}" class="groklab-figure" style="width:100%;min-height:${height}px">${fallback}</div>` +
    `<script type="application/json" id="${escapeHtml(id)}-figure">${jsonForScript(figure)}</script>` +
    drawScript(id);
  const plotly = {
    data: figure.data,
    layout: figure.layout ?? {},
    config: figure.config ?? {},
    ...(figure.frames ? { frames: figure.frames } : {}),
  };
  const data: Record<string, unknown> = live ? { [GROKLAB_MIME]: { figure: plotly } } : { [GROKLAB_MIME]: {}, [PLOTLY_MIME]: plotly };
  data["text/html"] = html;
  if (pngBase64 && !live) data["image/png"] = pngBase64;
  data["text/plain"] = `Figure${title ? ` "${title}"` : ""}: ${figure.data.length} trace(s)`;
  return { data, metadata: {} };
}
