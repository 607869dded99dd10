/**
 * The HTML that makes plotly.js available to the figures of a notebook, sent once per kernel
 * session (plotly.py's init_notebook_mode does the same).
 *
 * - "server": a few hundred bytes that load plotly.min.js from the Jupyter server (JupyterLab 4 or
 *   Notebook 7), from the static folder of groklab's renderer extension (scripts/setup.sh installs
 *   it into .venv). Saved notebooks stay small. Where it cannot load (no Jupyter server: a viewer
 *   or an HTML export without plotly.js; a server without groklab's extension), every figure keeps
 *   its static image and the line under it says which of the two it is (NO_PLOTLY_NOTES).
 * - "inline": plotly.min.js itself (~4.7 MB), once, for self-contained HTML exports.
 * Both hide RequireJS's `define` while plotly.js runs, so its UMD wrapper sets window.Plotly.
 */
import * as fs from "fs";
import { scriptSource } from "./escapeHtml";

export type PlotlyMode = "server" | "inline";

/** Path of plotly.min.js inside the installed plotly.js-dist-min package. */
export function plotlyScriptPath(): string {
  return require.resolve("plotly.js-dist-min/plotly.min.js");
}

/** URL path, below the server's labextensions URL, where setup installs plotly.min.js. */
export const EXTENSION_PLOTLY_PATH = "groklab-plotly/static/plotly.min.js";

/** The line under each static image where scripts run but plotly.js cannot be loaded. */
export const NO_PLOTLY_NOTES = {
  noServer:
    "Static image: this page has no plotly.js and no Jupyter server to load it from (a viewer, or an HTML export " +
    "made without it; npm run notebooks writes HTML files with plotly.js inlined).",
  notInstalled:
    "Static image: this Jupyter server does not have groklab's renderer to load plotly.js from. Start Jupyter with " +
    "npm run lab in the groklab folder (npm run setup installs the renderer into its .venv).",
} as const;

/** Runs the figures that waited for plotly.js. */
const DRAIN = "(window.__groklabPending||[]).splice(0).forEach(function(f){f();});";

/** Puts `reason` (a JS expression) under every static image on the page, and remembers it for later figures. */
function failScript(reason: string): string {
  return (
    `window.__groklabNoPlotly=${reason};document.querySelectorAll('.groklab-static-note')` +
    ".forEach(function(n){n.textContent=window.__groklabNoPlotly;});"
  );
}

/**
 * @example
 * writeDisplay({ data: { "text/html": plotlyLoaderHtml("server"), "text/plain": "" } });
 */
export function plotlyLoaderHtml(mode: PlotlyMode): string {
  switch (mode) {
    case "server":
      return (
        "<script>(function(){if(window.Plotly||window.__groklabPlotlyLoading)return;" +
        "window.__groklabPlotlyLoading=true;var c={},e=document.getElementById('jupyter-config-data');" +
        "try{c=e?JSON.parse(e.textContent):{};}catch(x){}" +
        "var ext=c.fullLabextensionsUrl||(typeof c.baseUrl==='string'?c.baseUrl.replace(/\\/?$/,'/')+'lab/extensions':'');" +
        `if(!ext){${failScript(JSON.stringify(NO_PLOTLY_NOTES.noServer))}return;}` +
        "var s=document.createElement('script');" +
        `s.src=ext.replace(/\\/?$/,'/')+'${EXTENSION_PLOTLY_PATH}';var d=window.define;window.define=undefined;` +
        `s.onload=function(){window.define=d;${DRAIN}};` +
        `s.onerror=function(){window.define=d;${failScript(JSON.stringify(NO_PLOTLY_NOTES.notInstalled))}};` +
        "document.head.appendChild(s);})();</script>"
      );
    case "inline": {
      const code = scriptSource(fs.readFileSync(plotlyScriptPath(), "utf8"));
      return (
        "<script>(function(){if(window.Plotly)return;var define,exports,module;\n" +
        code +
        `\n})();${DRAIN}</script>`
      );
    }
    default: {
      const never: never = mode;
      throw new Error(`plotlyLoaderHtml: invalid mode "${never}"; expected "server" or "inline"`);
    }
  }
}
