/**
 * The HTML that makes plotly.js available to the figures of a notebook, sent once per kernel
 * session (plotly.py's init_notebook_mode does the same).
 *
 * - "server": a few hundred bytes that load plotly.min.js from the Jupyter server's nbextensions
 *   folder (scripts/setup.sh installs it there). Saved notebooks stay small; where no server
 *   answers (an exported HTML file), figures keep their static image.
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

/** URL path (below the server's base URL) where setup installs plotly.min.js. */
export const NBEXTENSION_PATH = "nbextensions/groklab/plotly.min.js";

/** Runs the figures that waited for plotly.js. */
const DRAIN = "(window.__groklabPending||[]).splice(0).forEach(function(f){f();});";

/**
 * @example
 * writeDisplay({ data: { "text/html": plotlyLoaderHtml("server"), "text/plain": "" } });
 */
export function plotlyLoaderHtml(mode: PlotlyMode): string {
  switch (mode) {
    case "server":
      return (
        "<script>(function(){if(window.Plotly||window.__groklabPlotlyLoading)return;" +
        "window.__groklabPlotlyLoading=true;var s=document.createElement('script');" +
        "var base=(document.body&&document.body.getAttribute('data-base-url'))||'/';" +
        `s.src=base+'${NBEXTENSION_PATH}';var d=window.define;window.define=undefined;` +
        `s.onload=function(){window.define=d;${DRAIN}};s.onerror=function(){window.define=d;};` +
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
