/**
 * Checks rendered notebooks the way a reader sees them, in headless Debian Chromium:
 * - every figure of each executed .ipynb holds data it can show (checkFigure: finite values, some
 *   points, not every point on one spot);
 * - every figure of each exported HTML file shows (drawn by plotly.js, or its static image);
 *   with --interactive, every figure must be drawn by plotly.js (self-contained export);
 * - with --untrusted, each executed .ipynb is opened in a live, local Jupyter Notebook server
 *   where it is untrusted (scripts do not run): every figure must still show its image, with the
 *   one line under it that says why it is static; then in a server that knows the signatures
 *   scripts/run_notebooks.py wrote (the machine's notary database), where each is trusted and every
 *   figure is drawn by plotly.js; and one notebook is edited there (a cell added), saved and
 *   reopened: it must stay trusted, or show every figure as an image with its line.
 * Prints one line per check and "rendered: N passed, N failed"; exits 1 on a failure.
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as path from "path";
import type { Page } from "playwright-core";
import { chromium } from "playwright-core";
import { findChromium } from "../src/notebook/FigureRenderer";
import { figureTitle } from "../src/notebook/figureBundle";
import { PlotlyFigure } from "../src/plots/PlotlyFigure";
import { checkFigure } from "../src/plots/checkFigure";

/** The little of the DOM these page functions use (the project compiles without the DOM lib). */
interface Doc {
  querySelectorAll(selector: string): ArrayLike<{ querySelector(selector: string): unknown }>;
}

interface Args {
  dir: string;
  interactive: boolean;
  untrusted: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { dir: "build/quick", interactive: false, untrusted: false };
  for (const a of argv) {
    if (a === "--interactive") args.interactive = true;
    else if (a === "--untrusted") args.untrusted = true;
    else if (!a.startsWith("--")) args.dir = a;
    else throw new Error(`checkRendered: unknown option "${a}"; expected --interactive, --untrusted or a folder`);
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

/** Bytes of each figure's output in the saved notebook, and how many times its PNG is stored in it. */
function figureBytes(ipynb: string): { bytes: number; pngCopies: number }[] {
  const nb = JSON.parse(fs.readFileSync(ipynb, "utf8"));
  const out: { bytes: number; pngCopies: number }[] = [];
  for (const cell of nb.cells as { outputs?: { data?: Record<string, unknown> }[] }[]) {
    for (const o of cell.outputs ?? []) {
      if (!o.data?.["application/vnd.plotly.v1+json"]) continue;
      const json = JSON.stringify(o);
      const png = /base64,([A-Za-z0-9+/=]{64})/.exec(json)?.[1];
      out.push({ bytes: Buffer.byteLength(json), pngCopies: png ? json.split(png).length - 1 : 0 });
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
      return note && /jupyter trust/.test(note.textContent ?? "") ? "image" : "image without its line";
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

/** Starts a local Jupyter Notebook server on `dir` (extra: e.g. an in-memory notary database); resolves once it answers. */
async function startServer(dir: string, page: Page, extra: string[]): Promise<{ url: string; stop: () => void }> {
  const port = await freePort();
  const server = spawn(
    "/usr/bin/python3",
    ["-m", "notebook", "--no-browser", "--allow-root", `--port=${port}`, "--ip=127.0.0.1", "--NotebookApp.token=", "--NotebookApp.password=", ...extra, `--notebook-dir=${dir}`],
    { stdio: "ignore" },
  );
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 60; i++) {
    if (await page.goto(`${url}/tree`).then(() => true, () => false)) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  return { url, stop: () => server.kill() };
}

/** Opens a notebook in the server; its trust line and how each figure shows, once they settle. */
async function openInServer(page: Page, url: string, nb: string, expected: number, want: "plot" | "any" = "any"): Promise<{ trust: string; states: string[] }> {
  await page.goto(`${url}/notebooks/${nb}`);
  await page.waitForSelector("#notification_trusted", { timeout: 30000 });
  // A trusted notebook shows each figure's static image first and plotly.js replaces it once loaded
  // (slower on a server's first page): where plots are expected, wait for them, not the images.
  await page
    .waitForFunction(
      ({ n, plots }) => {
        const els = Array.from((globalThis as unknown as { document: Doc }).document.querySelectorAll(".groklab-figure"));
        return els.length === n && els.every((e) => e.querySelector(".main-svg") || (!plots && e.querySelector("img")));
      },
      { n: expected, plots: want === "plot" },
      { timeout: want === "plot" ? 40000 : 20000 },
    )
    .catch(() => undefined);
  const trust = (await page.locator("#notification_trusted").textContent())?.trim() ?? "";
  return { trust, states: await figureStates(page) };
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
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
  const stops: (() => void)[] = [];
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
      const median = sizes.map((s) => s.bytes).sort((a, b) => a - b)[Math.floor(sizes.length / 2)] ?? 0;
      report(
        sizes.every((s) => s.pngCopies === 1) && median <= 400_000,
        `${nb}: each figure stores its PNG once (copies: ${[...new Set(sizes.map((s) => s.pngCopies))].join("/")}); median ${Math.round(median / 1024)} KB a figure (at most 390)`,
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
    if (args.untrusted) {
      const page = await browser.newPage();
      const untrusted = await startServer(dir, page, ["--NotebookNotary.db_file=:memory:"]);
      stops.push(untrusted.stop);
      for (const nb of notebooks) {
        const expected = figureCount(path.join(dir, nb));
        const { trust, states } = await openInServer(page, untrusted.url, nb, expected);
        report(
          trust === "Not Trusted" && states.length === expected && states.every((s) => s === "image"),
          `${nb} in a live Jupyter server, ${trust}: ${expected} figure(s) expected as images with their line; shown as [${states.join(", ")}]`,
        );
      }
      untrusted.stop();
      const signed = await startServer(dir, page, []);
      stops.push(signed.stop);
      for (const nb of notebooks) {
        const expected = figureCount(path.join(dir, nb));
        const { trust, states } = await openInServer(page, signed.url, nb, expected, "plot");
        report(
          trust === "Trusted" && states.length === expected && states.every((s) => s === "plot"),
          `${nb} as the main command signed it, ${trust}: ${expected} figure(s) expected drawn by plotly.js; shown as [${states.join(", ")}]`,
        );
      }
      // What a user does: add a cell at the end, save, reopen (classic Notebook may sign before the new cell's id).
      const nb = notebooks[0];
      const copy = nb.replace(/\.ipynb$/, "-edited.ipynb");
      fs.copyFileSync(path.join(dir, nb), path.join(dir, copy));
      try {
        const expected = figureCount(path.join(dir, nb));
        await openInServer(page, signed.url, copy, expected);
        await page.evaluate(() => {
          const J = (globalThis as unknown as { Jupyter: { notebook: { insert_cell_at_bottom(t: string): { set_text(s: string): void }; save_notebook(): Promise<unknown> } } }).Jupyter;
          J.notebook.insert_cell_at_bottom("code").set_text("// a cell the reader added");
          return J.notebook.save_notebook();
        });
        const { trust, states } = await openInServer(page, signed.url, copy, expected);
        const consistent = trust === "Trusted" ? states.every((s) => s === "plot") : states.every((s) => s === "image");
        report(
          states.length === expected && consistent,
          `${nb} edited, saved and reopened, ${trust}: every figure drawn, or shown as an image with its line; shown as [${states.join(", ")}]`,
        );
      } finally {
        fs.rmSync(path.join(dir, copy), { force: true });
      }
      signed.stop();
    }
  } finally {
    stops.forEach((stop) => stop());
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
