/**
 * Checks rendered notebooks the way a reader sees them, in headless Debian Chromium:
 * - every figure of each executed .ipynb holds data it can show (checkFigure: finite values, some
 *   points, not every point on one spot);
 * - every figure of each exported HTML file shows (drawn by plotly.js, or its static image);
 *   with --interactive, every figure must be drawn by plotly.js (self-contained export);
 * - every figure stores its static image as image/png (for viewers that run no scripts) and in
 *   its HTML; the bytes a figure takes in the saved notebook are printed.
 * The notebooks in JupyterLab 4 and Notebook 7 themselves are checked by scripts/checkJupyterUI.ts.
 * Prints one line per check and "rendered: N passed, N failed"; exits 1 on a failure.
 */
import * as fs from "fs";
import * as path from "path";
import type { Page } from "playwright-core";
import { chromium } from "playwright-core";
import { findChromium } from "../src/display/FigureRenderer";
import { figureTitle } from "../src/display/figureBundle";
import { PlotlyFigure } from "../src/plots/PlotlyFigure";
import { checkFigure } from "../src/plots/checkFigure";

/** The little of the DOM these page functions use (the project compiles without the DOM lib). */
interface Doc {
  querySelectorAll(selector: string): ArrayLike<{ querySelector(selector: string): unknown }>;
}

interface Args {
  dir: string;
  interactive: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { dir: "build/quick", interactive: false };
  for (const a of argv) {
    if (a === "--interactive") args.interactive = true;
    else if (!a.startsWith("--")) args.dir = a;
    else throw new Error(`checkRendered: unknown option "${a}"; expected --interactive or a folder`);
  }
  return args;
}

/** The first line of plotly.min.js's licence header: one per embedded copy. */
const PLOTLY_BANNER = "* plotly.js v";

/** The figures the executed notebook holds (outputs carrying the Plotly JSON), with their cell. */
function figuresOf(ipynb: string): { cell: number; figure: PlotlyFigure }[] {
  const nb = JSON.parse(fs.readFileSync(ipynb, "utf8"));
  const out: { cell: number; figure: PlotlyFigure }[] = [];
  nb.cells.forEach((cell: { outputs?: { data?: Record<string, unknown> }[] }, i: number) => {
    for (const o of cell.outputs ?? []) {
      const figure = o.data?.["application/vnd.plotly.v1+json"];
      if (figure) out.push({ cell: i, figure: figure as PlotlyFigure });
    }
  });
  return out;
}

const figureCount = (ipynb: string) => figuresOf(ipynb).length;

/** Bytes of each figure's output in the saved notebook, of its PNG, and how many times the PNG is stored in it. */
function figureBytes(ipynb: string): { bytes: number; pngBytes: number; pngCopies: number; imagePng: boolean }[] {
  const nb = JSON.parse(fs.readFileSync(ipynb, "utf8"));
  const out: { bytes: number; pngBytes: number; pngCopies: number; imagePng: boolean }[] = [];
  for (const cell of nb.cells as { outputs?: { data?: Record<string, unknown> }[] }[]) {
    for (const o of cell.outputs ?? []) {
      if (!o.data?.["application/vnd.plotly.v1+json"]) continue;
      const json = JSON.stringify(o);
      const image = o.data["image/png"];
      const png = typeof image === "string" ? image.replace(/\n/g, "") : "";
      out.push({
        bytes: Buffer.byteLength(json),
        pngBytes: png.length,
        pngCopies: png ? json.split(png.slice(0, 64)).length - 1 : 0,
        imagePng: png.length > 0,
      });
    }
  }
  return out;
}

/** Figures whose data cannot show (checkFigure's degenerate findings): "cell 3, 't-SNE …': trace 0: all 59 points at one spot". */
function degenerateFigures(ipynb: string): string[] {
  return figuresOf(ipynb).flatMap(({ cell, figure }) =>
    checkFigure(figure).filter((i) => i.kind === "degenerate").map((i) => `cell ${cell}, "${figureTitle(figure)}": ${i.name}: ${i.message}`),
  );
}

/** How each .groklab-figure on the page shows: "plot", "image" (with the line on why), "image without its line" or "nothing". */
async function figureStates(page: Page): Promise<string[]> {
  return page.$$eval(".groklab-figure", (els) =>
    els.map((el) => {
      if (el.querySelector(".main-svg")) return "plot";
      const img = el.querySelector("img") as { complete: boolean; naturalWidth: number } | null;
      if (!(img && img.complete && img.naturalWidth > 0)) return "nothing";
      const note = el.querySelector(".groklab-static-note") as { textContent: string | null } | null;
      return note && /^Static image: /.test(note.textContent ?? "") ? "image" : "image without its line";
    }),
  );
}

/** Links of an HTML export to sibling notebooks' sections (the claims ledger's): each file must be there with a heading of that id. */
function brokenLinks(dir: string, html: string): { total: number; broken: string[] } {
  const unescape = (t: string) => t.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  const hrefs = [...new Set([...html.matchAll(/href="([\w.-]+\.html)#([^"]+)"/g)].map((m) => `${m[1]}#${unescape(m[2])}`))];
  const broken = hrefs.filter((href) => {
    const [file, id] = href.split("#");
    const target = path.join(dir, file);
    return !fs.existsSync(target) || !unescape(fs.readFileSync(target, "utf8")).includes(`id="${id}"`);
  });
  return { total: hrefs.length, broken };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const dir = path.resolve(args.dir);
  const notebooks = fs.readdirSync(dir).filter((f) => f.endsWith(".ipynb")).sort();
  const executablePath = findChromium();
  if (!executablePath) throw new Error("checkRendered: Chromium not found; install it with: apt-get install -y chromium");
  const browser = await chromium.launch({
    executablePath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
  let passed = 0;
  let failed = 0;
  const report = (ok: boolean, what: string) => {
    console.log(`${ok ? "ok" : "FAILED"} ${what}`);
    ok ? passed++ : failed++;
  };
  try {
    for (const nb of notebooks) {
      // a shared .ipynb loads plotly.js from the server; only the HTML export carries it, once
      const ipynbText = fs.readFileSync(path.join(dir, nb), "utf8");
      const copies = (text: string) => text.split(PLOTLY_BANNER).length - 1;
      report(copies(ipynbText) === 0, `${nb}: plotly.js not embedded (${Math.round(ipynbText.length / 1024)} KB in all)`);
      const html = path.join(dir, nb.replace(/\.ipynb$/, ".html"));
      if (args.interactive && fs.existsSync(html)) {
        const n = copies(fs.readFileSync(html, "utf8"));
        report(n === 1, `${path.basename(html)}: plotly.js inlined once (copies: ${n})`);
      }
      const sizes = figureBytes(path.join(dir, nb));
      const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
      const kb = (n: number) => Math.round(n / 1024);
      report(
        sizes.every((s) => s.imagePng && s.pngCopies === 2) && median(sizes.map((s) => s.bytes)) <= 400_000,
        `${nb}: each of ${sizes.length} figure(s) carries image/png and the same PNG in its HTML (copies: ${[...new Set(sizes.map((s) => s.pngCopies))].join("/")}); ` +
          `a figure ${kb(median(sizes.map((s) => s.bytes)))} KB (median; max ${kb(Math.max(0, ...sizes.map((s) => s.bytes)))}), its PNG ${kb(median(sizes.map((s) => s.pngBytes)))} KB of base64 (median); at most 390 KB a figure`,
      );
      const degenerate = degenerateFigures(path.join(dir, nb));
      report(degenerate.length === 0, `${nb}: every figure holds data it can show${degenerate.length ? `: ${degenerate.join("; ")}` : ""}`);
      if (fs.existsSync(html)) {
        const links = brokenLinks(dir, fs.readFileSync(html, "utf8"));
        if (links.total > 0) report(links.broken.length === 0, `${path.basename(html)}: its ${links.total} link(s) to other notebooks' sections land on a heading${links.broken.length ? `; broken: ${links.broken.join(", ")}` : ""}`);
      }
    }
    for (const nb of notebooks) {
      const expected = figureCount(path.join(dir, nb));
      const page = await browser.newPage();
      await page.goto("file://" + path.join(dir, nb.replace(/\.ipynb$/, ".html")));
      const want = args.interactive ? ["plot"] : ["plot", "image"];
      await page
        .waitForFunction(
          ({ n, interactive }) => {
            const doc = (globalThis as unknown as { document: Doc }).document;
            const els = Array.from(doc.querySelectorAll(".groklab-figure"));
            return els.length === n && (!interactive || els.every((e) => e.querySelector(".main-svg")));
          },
          { n: expected, interactive: args.interactive },
          { timeout: 20000 },
        )
        .catch(() => undefined);
      const states = await figureStates(page);
      report(
        states.length === expected && states.every((s) => want.includes(s)),
        `${nb.replace(/\.ipynb$/, ".html")}: ${expected} figure(s) expected; shown as [${states.join(", ")}]`,
      );
      await page.close();
    }
  } finally {
    await browser.close();
  }
  console.log(`rendered: ${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
