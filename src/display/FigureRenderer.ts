/**
 * Static PNGs of Plotly figures, rendered in the kernel by headless Chromium (Debian's, driven
 * with playwright-core; never a browser download). One browser per kernel session, started on the
 * first figure; without Chromium, `render` says why and figures stay interactive only.
 */
import * as fs from "fs";
import type { Browser, Page } from "playwright-core";
import { PlotlyFigure } from "../plots/PlotlyFigure";
import { plotlyScriptPath } from "./plotlyLoader";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

/** Flags for a headless Chromium on a closed network, as root. */
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** The Chromium executable: GROKLAB_CHROMIUM, else the first of the usual Debian paths. */
export function findChromium(): string | undefined {
  const fromEnv = process.env.GROKLAB_CHROMIUM;
  if (fromEnv) return fs.existsSync(fromEnv) ? fromEnv : undefined;
  return CANDIDATES.find((p) => fs.existsSync(p));
}

export type RenderResult = { pngBase64: string } | { error: string };

export class FigureRenderer {
  private page?: Promise<Page>;
  private browser?: Browser;

  private async start(): Promise<Page> {
    const executablePath = findChromium();
    if (!executablePath) {
      throw new Error(
        `Chromium not found (looked for GROKLAB_CHROMIUM, ${CANDIDATES.join(", ")}); ` +
          "install it with: apt-get install -y chromium",
      );
    }
    const { chromium } = require("playwright-core") as typeof import("playwright-core");
    // Playwright's own signal handlers close the browser and exit the process on SIGINT, which in a
    // notebook is the stop button: the kernel would die. The kernel handles its signals itself.
    this.browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true, handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false });
    const page = await this.browser.newPage();
    await page.setContent("<!doctype html><html><body></body></html>");
    await page.addScriptTag({ path: plotlyScriptPath() });
    return page;
  }

  /**
   * PNG of `figure` at width × height CSS pixels (scale 1), or the reason there is none.
   * @example
   * const r = await renderer.render({ data: [{ y: [1, 2] }] }, 700, 450);
   */
  async render(figure: PlotlyFigure, width: number, height: number, retry = true): Promise<RenderResult> {
    try {
      this.page ??= this.start();
      const page = await this.page;
      const url = await page.evaluate(
        ({ fig, w, h }) => {
          const P = (globalThis as unknown as { Plotly: { toImage: Function } }).Plotly;
          return P.toImage({ data: fig.data, layout: fig.layout ?? {} }, { format: "png", width: w, height: h });
        },
        { fig: figure, w: width, h: height },
      );
      return { pngBase64: String(url).replace(/^data:image\/png;base64,/, "") };
    } catch (err) {
      this.page = undefined;
      await this.close();
      // A browser that went away (killed, interrupted) is started again once, on demand.
      if (retry && findChromium()) return this.render(figure, width, height, false);
      return { error: (err as Error).message.split("\n")[0] };
    }
  }

  /** Closes the browser (a script should, so that Node can exit). */
  async close(): Promise<void> {
    const browser = this.browser;
    this.browser = undefined;
    this.page = undefined;
    await browser?.close().catch(() => undefined);
  }
}
