/**
 * groklab in the front-ends its users run, driven through their UI with Playwright and Debian's
 * Chromium: JupyterLab 4 and Notebook 7, each a real server from the project's .venv, in quick mode.
 *
 * In each front-end, on a fresh copy of notebooks/00-start-here.ipynb and a fresh runs/ folder:
 * - Run → Run All Cells from the menu: every cell runs without an error;
 * - every figure is drawn by plotly.js through groklab's renderer and holds its data (hovering a
 *   point shows its tooltip);
 * - the progress bar reached its end, and the live figure's last point is the run's last
 *   evaluation in its run folder's log (the live figure followed the run: it was redrawn);
 * - Kernel → Interrupt during a long training cell: the run stops at a step boundary, the kernel
 *   and its variables stay, running the cell again resumes from the checkpoint;
 * - save, reload: every figure is drawn again from the saved notebook;
 * - the notebook the main command executed, opened untrusted: every figure drawn (the renderer is safe);
 * Then every notebook the main command executed (EXECUTED_DIR) in JupyterLab 4 (untrusted and
 * trusted) and Notebook 7 (untrusted): with groklab's renderer every figure is drawn; and in a
 * JupyterLab without groklab's or plotly's renderer, untrusted (a viewer that runs no scripts),
 * every figure shows its static image with the line that says why.
 * GROKLAB_UI_APPS (default "lab,notebook"; "" for none) chooses the front-ends of the 00 session,
 * GROKLAB_UI_VIEWS (default all of VIEWS) the views of the executed notebooks.
 * Screenshots go to build/ui/. Prints one line per check and "jupyter ui: N passed, N failed".
 *
 * Usage: node --import tsx scripts/checkJupyterUI.ts EXECUTED_DIR (e.g. build/quick)
 */
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as path from "path";
import type { Browser, Page } from "playwright-core";
import { chromium } from "playwright-core";
import { findChromium } from "../src/display/FigureRenderer";
import { runFiles } from "../src/runs/runLayout";

/* The page functions below run in the browser; the project compiles without the DOM lib. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const document: any;
type HTMLElement = { getAttribute(name: string): string | null; classList: { contains(c: string): boolean } };
type HTMLImageElement = { complete: boolean; naturalWidth: number };

const ROOT = path.resolve(__dirname, "..");
const JUPYTER = path.join(ROOT, ".venv", "bin", "jupyter");
const OUT = path.join(ROOT, "build", "ui");
const NOTEBOOK = "00-start-here.ipynb";
/** The notebook on screen (JupyterLab keeps other open notebooks in the page, hidden). */
const NB = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook";
const INTERRUPT_NOTEBOOK = "interrupt.ipynb";

type App = "lab" | "notebook";

let passed = 0;
let failed = 0;
function report(ok: boolean, what: string, detail = ""): void {
  console.log(`${ok ? "ok" : "FAILED"} ${what}${ok || !detail ? "" : `: ${detail}`}`);
  ok ? passed++ : failed++;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** A notebook of two cells in a fresh folder of its own: a long MLP run with a bar, and a check of the variables. */
function interruptNotebook(runDir: string): object {
  const code = (source: string) => ({ cell_type: "code", metadata: {}, execution_count: null, outputs: [], source });
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: "tslab", display_name: "TypeScript", language: "typescript" } },
    cells: [
      code(
        'import * as gl from "../dist";\nawait gl.selectBackend();\nconst before = 42;\n' +
          `const config: gl.ExperimentConfig = { data: { operation: "x+y", p: 31 }, model: { kind: "mlp", width: 64 }, ` +
          `train: { steps: 1000000, evaluation: { every: 100 } }, run: { dir: ${JSON.stringify(runDir)} } };`,
      ),
      code(
        'const bar = new gl.ProgressBar(config.train!.steps!, { label: "long run" });\n' +
          "const r = await gl.runExperiment(config, { onEvaluation: (e) => bar.update(e.step) });\n" +
          "bar.close();\nconsole.log(`stoppedBy ${r.stoppedBy}, from step ${r.startStep} to ${r.records.at(-1)!.step}`);",
      ),
      code('console.log("still here", before, r.stoppedBy);'),
    ],
  };
}

/** A fresh folder for one front-end: notebooks/ with the notebooks, dist/ linked to the build, runs/ empty. */
function prepare(app: App): string {
  const dir = path.join(OUT, app);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, "notebooks"), { recursive: true });
  fs.symlinkSync(path.join(ROOT, "dist"), path.join(dir, "dist"));
  const nb = JSON.parse(fs.readFileSync(path.join(ROOT, "notebooks", NOTEBOOK), "utf8"));
  for (const cell of nb.cells) if (cell.cell_type === "code") Object.assign(cell, { outputs: [], execution_count: null });
  fs.writeFileSync(path.join(dir, "notebooks", NOTEBOOK), JSON.stringify(nb, null, 1));
  fs.writeFileSync(path.join(dir, "notebooks", INTERRUPT_NOTEBOOK), JSON.stringify(interruptNotebook(path.join(dir, "runs", "interrupt")), null, 1));
  return dir;
}

interface Server {
  url: string;
  stop(): void;
  /** The end of the server's log (its stderr), for a failure's report. */
  log(): string;
}

/**
 * A Jupyter server of the project's .venv on `root`, without a token; with an in-memory notary
 * (nothing is trusted from before), or with `trusting` the machine's own (where run_notebooks.py
 * signed what it executed).
 */
async function startServer(app: App, root: string, page: Page, env: NodeJS.ProcessEnv = {}, trusting = false): Promise<Server> {
  const port = await freePort();
  // Every cell in the page (JupyterLab 4 otherwise leaves the outputs of cells out of view out of
  // the page, and a check could not count them), and no news prompt over the notebook.
  const settings = path.join(root, ".settings");
  const write = (file: string, value: object) => {
    fs.mkdirSync(path.dirname(path.join(settings, file)), { recursive: true });
    fs.writeFileSync(path.join(settings, file), JSON.stringify(value));
  };
  write("@jupyterlab/notebook-extension/tracker.jupyterlab-settings", { windowingMode: "none" });
  write("@jupyterlab/apputils-extension/notification.jupyterlab-settings", { fetchNews: "false" });
  const child: ChildProcess = spawn(
    JUPYTER,
    [app, "--no-browser", "--allow-root", `--port=${port}`, "--ip=127.0.0.1", "--IdentityProvider.token=", "--ServerApp.password=",
      `--ServerApp.root_dir=${root}`, ...(trusting ? [] : ["--NotebookNotary.db_file=:memory:"]), `--LabApp.workspaces_dir=${path.join(root, ".workspaces")}`,
      `--JupyterNotebookApp.workspaces_dir=${path.join(root, ".workspaces")}`, `--LabApp.user_settings_dir=${settings}`,
      `--JupyterNotebookApp.user_settings_dir=${settings}`],
    { stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, GROKLAB_MODE: "quick", ...env } },
  );
  let log = "";
  child.stderr?.on("data", (d) => (log = (log + d).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 120; i++) {
    if (await page.goto(`${url}/api/status`).then((r) => r?.ok() ?? false, () => false)) return { url, stop: () => child.kill(), log: () => log };
    await page.waitForTimeout(500);
  }
  child.kill();
  throw new Error(`checkJupyterUI: the ${app} server did not answer within 60 s; its log ends:\n${log}`);
}

/** The notebook's page; in JupyterLab on a fresh workspace (no other notebook restored beside it). */
function notebookUrl(server: Server, app: App, file: string): string {
  return app === "lab" ? `${server.url}/lab/tree/${file}?reset` : `${server.url}/notebooks/${file}`;
}

/** Opens a notebook: once its panel is the one on screen, with its cells. */
async function show(page: Page, server: Server, app: App, file: string): Promise<void> {
  await page.goto(notebookUrl(server, app, file));
  const name = path.basename(file);
  const stem = name.replace(/\.ipynb$/, "").slice(0, 12); // the title shortens long names
  await page
    .waitForFunction(({ nb, stem }) => document.title.includes(stem) && document.querySelector(`${nb} .jp-Cell`) !== null, { nb: NB, stem }, { timeout: 60000 })
    .catch(async (err) => {
      const seen = await page.evaluate((nb) => `title "${document.title}", ${document.querySelectorAll(`${nb} .jp-Cell`).length} cells on screen`, NB);
      throw new Error(`checkJupyterUI: ${file} did not open within 60 s (${seen}): ${String(err).split("\n")[0]}`);
    });
}

/** Opens a notebook and waits until its kernel is idle. */
async function open(page: Page, server: Server, app: App, file: string): Promise<void> {
  await show(page, server, app, file);
  await waitIdle(page, 60000);
  await page.waitForTimeout(1000);
  await answerKernelDialog(page);
}

/** Waits until the notebook's kernel reports idle (the status in the toolbar / status bar). */
async function waitIdle(page: Page, timeout: number): Promise<void> {
  await page.waitForFunction(
    (nb) => {
      const prompts = Array.from(document.querySelectorAll(`${nb} .jp-InputArea-prompt`)).map((p) => (p as { textContent: string | null }).textContent ?? "");
      const indicator = document.querySelector(".jp-Notebook-ExecutionIndicator, .jp-KernelStatus, [data-status]");
      const status = indicator?.getAttribute("data-status") ?? "";
      return !prompts.some((p) => p.includes("*")) && status !== "busy" && status !== "starting";
    },
    NB,
    { timeout },
  );
}

/** Clicks a main-menu item: menu "Run", item "Run All Cells". */
async function menu(page: Page, top: string, item: string): Promise<void> {
  await answerKernelDialog(page);
  await page.locator(".lm-MenuBar-itemLabel", { hasText: new RegExp(`^${top}$`) }).first().click();
  await page.locator(".lm-Menu-itemLabel", { hasText: new RegExp(`^${item}$`) }).first().click();
}

/** Clicks Run → Run All Cells until a cell starts (the command waits for the kernel's session to be ready). */
async function clickRunAll(page: Page): Promise<void> {
  for (let attempt = 0; attempt < 4; attempt++) {
    await menu(page, "Run", "Run All Cells");
    const started = await page
      .waitForFunction((nb) => Array.from(document.querySelectorAll(`${nb} .jp-CodeCell .jp-InputArea-prompt`)).some((p) => /\[(\*|\d+)\]/.test((p as { textContent: string }).textContent)), NB, { timeout: 15000 })
      .then(() => true, () => false);
    if (started) return;
    await page.keyboard.press("Escape");
  }
  throw new Error("checkJupyterUI: Run → Run All Cells started no cell in four attempts");
}

/**
 * Runs code cell `index` with Ctrl+Enter, again until its prompt shows that it started (a cell run
 * before the kernel's session is ready is dropped); resolves once it started.
 */
async function runCell(page: Page, index: number): Promise<void> {
  const before = (await page.locator(`${NB} .jp-CodeCell .jp-InputArea-prompt`).nth(index).textContent()) ?? "";
  for (let attempt = 0; attempt < 4; attempt++) {
    await answerKernelDialog(page);
    await page.locator(`${NB} .jp-CodeCell`).nth(index).locator(".jp-InputArea-editor").click();
    await page.keyboard.press("Control+Enter");
    const started = await page
      .waitForFunction(
        ({ nb, index, before }) => {
          const prompt = document.querySelectorAll(`${nb} .jp-CodeCell .jp-InputArea-prompt`)[index]?.textContent ?? "";
          return /\[\*\]/.test(prompt) || (/\[\d+\]/.test(prompt) && prompt !== before);
        },
        { nb: NB, index, before },
        { timeout: 10000 },
      )
      .then(() => true, () => false);
    if (started) return;
  }
  throw new Error(`checkJupyterUI: code cell ${index} did not start in four attempts`);
}

/**
 * Seen here in about one of five fresh JupyterLab 4 pages (never in Notebook 7): a "Select Kernel"
 * dialog over a notebook whose TypeScript kernel is already running and idle, offering JavaScript
 * (jslab, tslab's other kernel); Run All then waits behind it. A user answers it; so does this
 * check, choosing TypeScript, and the summary says how often it came.
 */
let kernelDialogs = 0;
async function answerKernelDialog(page: Page): Promise<void> {
  const dialog = page.locator(".jp-Dialog", { hasText: "Select Kernel" });
  if ((await dialog.count()) === 0) return;
  await dialog.locator("select").first().selectOption({ label: "TypeScript" });
  await dialog.locator("button", { hasText: /^Select$/ }).first().click();
  kernelDialogs++;
}

/** Runs every cell from the menu and waits until each code cell has run. */
async function runAll(page: Page, timeout: number): Promise<void> {
  await clickRunAll(page);
  const done = (nb: string) => {
    const prompts = Array.from(document.querySelectorAll(`${nb} .jp-CodeCell .jp-InputArea-prompt`)).map((p) => (p as { textContent: string | null }).textContent ?? "");
    return prompts.length > 0 && prompts.every((p) => /\[\d+\]/.test(p));
  };
  for (const deadline = Date.now() + timeout; !(await page.evaluate(done, NB)); ) {
    if (Date.now() > deadline) throw new Error(`checkJupyterUI: Run All Cells did not finish within ${timeout / 1000} s (${await promptState(page)})`);
    await answerKernelDialog(page);
    await page.waitForTimeout(1000);
  }
}

/** The code cells' prompts and the kernel's status, for an error message. */
async function promptState(page: Page): Promise<string> {
  return page.evaluate((nb) => {
    const prompts = Array.from(document.querySelectorAll(`${nb} .jp-CodeCell .jp-InputArea-prompt`)).map((p) => ((p as { textContent: string | null }).textContent ?? "").trim() || "[ ]");
    const indicator = document.querySelector(".jp-Notebook-ExecutionIndicator, .jp-KernelStatus, [data-status]");
    return `prompts ${prompts.join(" ")}; kernel ${indicator?.getAttribute("data-status") ?? "status unknown"}`;
  }, NB);
}

interface FigureState {
  title: string;
  renderer: string;
  drawn: boolean;
  points: number;
  lastX: number | null;
  draws: number;
}

/** Every figure output of the page: who drew it, whether plotly.js did, how many points it holds. */
async function figures(page: Page): Promise<FigureState[]> {
  // a windowed notebook draws cells as they come into view
  await page.evaluate(async (nb) => {
    const scroller = document.querySelector(`${nb}.jp-WindowedPanel-outer, ${nb} .jp-WindowedPanel-outer, ${nb}`) as { scrollHeight: number; scrollTop: number } | null;
    if (!scroller) return;
    for (let y = 0; y <= scroller.scrollHeight; y += 400) {
      scroller.scrollTop = y;
      await new Promise((r) => setTimeout(r, 60));
    }
  }, NB);
  await page.waitForTimeout(1500);
  return page.$$eval(`${NB} :is(.groklab-plotly-output, .groklab-figure, .jp-RenderedImage)`, (els) =>
    els
      .filter((el) => !el.closest(".groklab-plotly-output") || el.classList.contains("groklab-plotly-output"))
      .map((el) => {
        const gd = el as HTMLElement & { data?: { x?: number[]; y?: number[] }[] };
        const xs = (gd.data ?? []).flatMap((t) => (Array.isArray(t.x) ? t.x : []));
        const ys = (gd.data ?? []).flatMap((t) => (Array.isArray(t.y) ? t.y : []));
        return {
          title: el.querySelector(".gtitle")?.textContent ?? "",
          renderer: el.classList.contains("groklab-plotly-output") ? "groklab" : el.classList.contains("groklab-figure") ? "html" : "image",
          drawn: Boolean(el.querySelector(".main-svg")),
          points: Math.max(xs.length, ys.length),
          lastX: xs.length ? Math.max(...xs.filter((x) => typeof x === "number")) : null,
          draws: Number(el.getAttribute("data-groklab-draws") ?? 0),
        };
      }),
  );
}

/** Hovers the middle of the first figure's plot area; true when plotly.js shows a tooltip. */
async function hoverShowsTooltip(page: Page): Promise<boolean> {
  const plot = page.locator(`${NB} .groklab-plotly-output .nsewdrag`).first();
  await plot.scrollIntoViewIfNeeded();
  const box = await plot.boundingBox();
  if (!box) return false;
  for (const fx of [0.5, 0.3, 0.7, 0.9, 0.1]) {
    for (const fy of [0.5, 0.2, 0.8]) {
      await page.mouse.move(box.x + box.width * fx, box.y + box.height * fy);
      await page.waitForTimeout(150);
      if ((await page.locator(".hoverlayer .hovertext").count()) > 0) return true;
    }
  }
  return false;
}

/** The last evaluation's step in a run folder's log. */
function lastLoggedStep(runDir: string): number | null {
  const file = runFiles(runDir).log;
  if (!fs.existsSync(file)) return null;
  const steps = fs.readFileSync(file, "utf8").trim().split("\n").filter(Boolean).map((l) => JSON.parse(l).step as number);
  return steps.length ? Math.max(...steps) : null;
}

/** How many figures an executed notebook holds. */
function figureCount(ipynb: string): number {
  const nb = JSON.parse(fs.readFileSync(ipynb, "utf8"));
  return nb.cells.flatMap((c: { outputs?: { data?: object }[] }) => c.outputs ?? []).filter((o: { data?: object }) => o.data && "application/vnd.plotly.v1+json" in o.data).length;
}

async function checkApp(browser: Browser, app: App, executedDir: string): Promise<void> {
  const name = app === "lab" ? "JupyterLab 4" : "Notebook 7";
  const dir = prepare(app);
  const page = await browser.newPage({ viewport: { width: 1300, height: 1000 } });
  const server = await startServer(app, dir, page);
  try {
    // 1. Run all cells of 00 from the menu.
    await open(page, server, app, `notebooks/${NOTEBOOK}`);
    const started = Date.now();
    await runAll(page, 300000);
    const errors = await page.locator(`${NB} :is(.jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr'], .jp-RenderedText[data-mime-type='application/vnd.jupyter.error'])`).count();
    report(errors === 0, `${name}: ${NOTEBOOK}, Run All Cells from the menu: every cell ran without an error (${((Date.now() - started) / 1000).toFixed(0)} s)`, `${errors} error output(s)`);
    const figs = await figures(page);
    const expected = figureCount(path.join(executedDir, NOTEBOOK));
    report(
      figs.length === expected && figs.every((f) => f.renderer === "groklab" && f.drawn && f.points > 0),
      `${name}: ${expected} figure(s) drawn by plotly.js through groklab's renderer, each holding its data`,
      JSON.stringify(figs),
    );
    report(await hoverShowsTooltip(page), `${name}: hovering a figure shows plotly.js's tooltip`);
    const bar = (await page.locator(`${NB} .groklab-progress`).first().textContent()) ?? "";
    const barMatch = /(\d+)\/(\d+) \(([\d.]+)%\)/.exec(bar);
    const runDir = path.join(dir, "runs", "00-start-here-quick");
    const last = lastLoggedStep(runDir);
    report(barMatch !== null && Number(barMatch[1]) === last, `${name}: the progress bar reached the run's last step (${last})`, bar);
    const live = figs.find((f) => / live$/.test(f.title));
    report(
      live !== undefined && live.lastX === last && live.draws >= 2,
      `${name}: the live figure's last point is the run's last evaluation (step ${last}), redrawn in place (${live?.draws ?? 0} draws)`,
      JSON.stringify(live),
    );
    await page.screenshot({ path: path.join(OUT, `${app}-00-run.png`) });
    await page.locator(`${NB} .groklab-plotly-output`).first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(OUT, `${app}-00-figures.png`) });

    // 2. Save, reload: the figures come back from the saved notebook.
    await page.keyboard.press("Control+s");
    await page.waitForTimeout(1500);
    await page.reload();
    await page.waitForSelector(`${NB} .jp-Cell`, { timeout: 60000 });
    const reloaded = await figures(page);
    report(
      reloaded.length === expected && reloaded.every((f) => f.drawn && f.points > 0),
      `${name}: saved and reloaded, every figure is drawn again`,
      JSON.stringify(reloaded),
    );

    // 3. Kernel → Interrupt during a long training cell.
    // Cell by cell, as a user runs a long training cell (Run All queues the next cell behind it).
    await open(page, server, app, `notebooks/${INTERRUPT_NOTEBOOK}`);
    await runCell(page, 0);
    await page.waitForFunction((nb) => /\[1\]/.test(document.querySelector(`${nb} .jp-CodeCell .jp-InputArea-prompt`)?.textContent ?? ""), NB, { timeout: 60000 });
    await runCell(page, 1);
    await page.waitForFunction((nb) => /long run\D*[1-9]\d*\//.test(document.querySelector(`${nb} .groklab-progress`)?.textContent ?? ""), NB, { timeout: 120000 });
    await page.waitForTimeout(1500);
    await menu(page, "Kernel", "Interrupt Kernel");
    await page.waitForFunction((nb) => /stoppedBy signal/.test(document.querySelector(nb)?.textContent ?? ""), NB, { timeout: 60000 }).catch(() => undefined);
    const text = async () => (await page.locator(NB).textContent()) ?? "";
    const afterInterrupt = await text();
    const stopped = /stoppedBy signal, from step 0 to (\d+)/.exec(afterInterrupt);
    report(stopped !== null, `${name}: Kernel → Interrupt stops the training cell at a step boundary; the cell ends normally`, afterInterrupt.slice(-400));
    // The third cell checks the kernel and variables. Seen here: the first run of a cell right after
    // an interrupt sometimes stays "[*]" with no output in JupyterLab 4 and Notebook 7 (never at
    // the kernel's protocol, scripts/check_live_session.py); the line says when a second run was needed.
    let attempts = 0;
    let kept = false;
    while (!kept && attempts < 2) {
      attempts++;
      await runCell(page, 2);
      kept = await page.waitForFunction((nb) => /still here 42 signal/.test(document.querySelector(nb)?.textContent ?? ""), NB, { timeout: 20000 }).then(() => true, () => false);
    }
    report(kept, `${name}: after the interrupt the kernel and its variables stay (the check cell ran ${attempts === 1 ? "at once" : "on its second run"})`, (await text()).slice(-300));
    await runCell(page, 1);
    await page.waitForFunction((nb) => /long run\D*[1-9]\d*\/1000000/.test(document.querySelector(`${nb} .groklab-progress`)?.textContent ?? ""), NB, { timeout: 60000 }).catch(() => undefined);
    await page.waitForTimeout(2000);
    await menu(page, "Kernel", "Interrupt Kernel");
    await page.waitForFunction((nb) => /stoppedBy signal, from step [1-9]\d*/.test(document.querySelector(nb)?.textContent ?? ""), NB, { timeout: 60000 }).catch(() => undefined);
    const resumed = /stoppedBy signal, from step (\d+)/.exec(await text());
    report(
      resumed !== null && stopped !== null && Number(resumed[1]) > 0,
      `${name}: running the cell again resumes the run from its checkpoint (step ${resumed?.[1] ?? "?"}; the interrupted run's last evaluation: ${stopped?.[1] ?? "?"})`,
      (await text()).slice(-300),
    );
    await page.screenshot({ path: path.join(OUT, `${app}-interrupt.png`) });
    await menu(page, "Kernel", "Shut Down Kernel").catch(() => undefined);

    // 4. The main command's executed notebook, untrusted here (the in-memory notary knows no signature).
    fs.copyFileSync(path.join(executedDir, NOTEBOOK), path.join(dir, "executed.ipynb"));
    await show(page, server, app, "executed.ipynb");
    const untrusted = await figures(page);
    report(
      untrusted.length === expected && untrusted.every((f) => f.renderer === "groklab" && f.drawn && f.points > 0),
      `${name}: the main command's notebook, untrusted: every figure drawn interactively (groklab's renderer is safe)`,
      JSON.stringify(untrusted),
    );
    await page.locator(`${NB} .groklab-plotly-output`).first().scrollIntoViewIfNeeded().catch(() => undefined);
    await page.screenshot({ path: path.join(OUT, `${app}-untrusted.png`) });
  } catch (err) {
    await page.screenshot({ path: path.join(OUT, `${app}-failed.png`) }).catch(() => undefined);
    console.log(`# the ${app} server's log ends:\n${server.log().replace(/^/gm, "#   ")}`);
    throw err;
  } finally {
    server.stop();
    await page.close();
  }
}

/** How an executed notebook is opened: where, by which front-end, with which renderers, trusted or not. */
interface View {
  name: string;
  app: App;
  renderer: boolean;
  trusted: boolean;
}

const VIEWS: View[] = [
  { name: "lab-untrusted", app: "lab", renderer: true, trusted: false },
  { name: "lab-trusted", app: "lab", renderer: true, trusted: true },
  { name: "notebook7-untrusted", app: "notebook", renderer: true, trusted: false },
  { name: "lab-no-renderer", app: "lab", renderer: false, trusted: false },
];

/**
 * Every notebook the main command executed, in one view: with groklab's renderer every figure is
 * drawn (trusted or not, JupyterLab 4 or Notebook 7); with neither groklab's nor plotly's renderer
 * and untrusted, i.e. what a viewer that runs no scripts shows, every figure is its static image
 * with the line on why.
 */
async function checkExecuted(browser: Browser, executedDir: string, notebooks: string[], view: View): Promise<void> {
  const label = `${view.app === "lab" ? "JupyterLab 4" : "Notebook 7"}${view.renderer ? "" : " without a Plotly renderer"}, ${view.trusted ? "trusted" : "untrusted"}`;
  const dir = path.join(OUT, view.name);
  fs.rmSync(dir, { recursive: true, force: true });
  const config = path.join(dir, ".config");
  fs.mkdirSync(path.join(config, "labconfig"), { recursive: true });
  const disabled = view.renderer ? {} : { "groklab-plotly:renderer": true, "@jupyterlab/plotly-extension:factory": true };
  fs.writeFileSync(path.join(config, "labconfig", "page_config.json"), JSON.stringify({ disabledExtensions: disabled }));
  for (const nb of notebooks) fs.copyFileSync(path.join(executedDir, nb), path.join(dir, nb));
  const page = await browser.newPage({ viewport: { width: 1300, height: 1000 } });
  const server = await startServer(view.app, dir, page, { JUPYTER_CONFIG_DIR: config }, view.trusted);
  try {
    for (const nb of notebooks) {
      await show(page, server, view.app, nb);
      const states = await figures(page);
      const expected = figureCount(path.join(executedDir, nb));
      if (view.app === "lab") {
        // JupyterLab's status bar says whether the notebook is trusted ("Notebook trusted: …" or "Notebook not trusted: …")
        const trust = await page
          .waitForFunction(() => {
            const el = document.querySelector(".jp-StatusItem-trust");
            return el ? el.getAttribute("title") || el.querySelector("[title]")?.getAttribute("title") || "" : "";
          }, undefined, { timeout: 10000 })
          .then((h) => h.jsonValue() as Promise<string>, () => "");
        report(
          view.trusted ? /^Notebook trusted/.test(trust) : /not trusted/i.test(trust),
          `${label}, ${nb}: JupyterLab says "${trust || "(no trust status)"}"`,
        );
      }
      if (view.renderer) {
        report(
          states.length === expected && states.every((f) => f.renderer === "groklab" && f.drawn && f.points > 0),
          `${label}, ${nb} as the main command saved it: ${expected} figure(s) drawn by groklab's renderer, each holding its data`,
          JSON.stringify(states.filter((f) => !(f.renderer === "groklab" && f.drawn && f.points > 0)).slice(0, 3)) + ` of ${states.length}`,
        );
      } else {
        const notes = await page.$$eval(`${NB} .groklab-static-note`, (els) => els.map((e) => e.textContent ?? ""));
        const images = await page.$$eval(`${NB} .groklab-figure img`, (els) => els.filter((e) => (e as HTMLImageElement).complete && (e as HTMLImageElement).naturalWidth > 0).length);
        report(
          states.length === expected && states.every((f) => f.renderer === "html" && !f.drawn) && images === expected && notes.length === expected && notes.every((n) => /scripts do not run here/.test(n)),
          `${label}, ${nb} (no scripts run): ${expected} figure(s) shown as static images with the line on why`,
          `${states.length} outputs, ${images} images; notes ${JSON.stringify([...new Set(notes)])}`,
        );
      }
      await page.locator(`${NB} :is(.groklab-plotly-output, .groklab-figure)`).first().scrollIntoViewIfNeeded().catch(() => undefined);
      await page.waitForTimeout(300);
      await page.screenshot({ path: path.join(OUT, `${view.name}-${nb.replace(/\.ipynb$/, "")}.png`) });
    }
  } catch (err) {
    await page.screenshot({ path: path.join(OUT, `${view.name}-failed.png`) }).catch(() => undefined);
    throw err;
  } finally {
    server.stop();
    await page.close();
  }
}

async function main(): Promise<number> {
  const executedDir = path.resolve(process.argv[2] ?? "build/quick");
  if (!fs.existsSync(JUPYTER)) throw new Error(`checkJupyterUI: ${JUPYTER} is missing; run npm run setup`);
  const apps = (process.env.GROKLAB_UI_APPS ?? "lab,notebook").split(",").filter(Boolean) as App[];
  const bad = apps.filter((a) => a !== "lab" && a !== "notebook");
  if (bad.length) throw new Error(`checkJupyterUI: GROKLAB_UI_APPS names ${bad.join(", ")}; expected lab, notebook or nothing`);
  if (apps.length && !fs.existsSync(path.join(executedDir, NOTEBOOK))) throw new Error(`checkJupyterUI: ${executedDir} has no executed ${NOTEBOOK}; run the notebooks first`);
  const executablePath = findChromium();
  if (!executablePath) throw new Error("checkJupyterUI: Chromium not found; install it with: apt-get install -y chromium");
  fs.mkdirSync(OUT, { recursive: true });
  const browser = await chromium.launch({
    executablePath,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
  });
  try {
    for (const app of apps) {
      // Seen in about one JupyterLab session of five: a "Select Kernel" dialog and a first cell that
      // cannot see `gl` (cause not found); the session is run once more, and the log says so.
      for (let attempt = 1; attempt <= 2; attempt++) {
        const before = { passed, failed };
        try {
          await checkApp(browser, app, executedDir);
          break;
        } catch (err) {
          const why = String((err as Error).message ?? err).split("\n").slice(0, 6).join(" ");
          if (attempt === 1) {
            ({ passed, failed } = before);
            console.log(`# ${app}: the session did not complete (${why}); running it once more`);
          } else report(false, `${app}: the session did not complete twice`, why);
        }
      }
    }
    const executed = fs.readdirSync(executedDir).filter((f) => f.endsWith(".ipynb")).sort();
    const names = (process.env.GROKLAB_UI_VIEWS ?? VIEWS.map((v) => v.name).join(",")).split(",").filter(Boolean);
    const unknown = names.filter((n) => !VIEWS.some((v) => v.name === n));
    if (unknown.length) throw new Error(`checkJupyterUI: GROKLAB_UI_VIEWS names unknown views ${unknown.join(", ")}; expected some of ${VIEWS.map((v) => v.name).join(", ")}`);
    for (const view of VIEWS.filter((v) => names.includes(v.name))) {
      await checkExecuted(browser, executedDir, executed, view).catch((err) =>
        report(false, `${view.name}: the session did not complete`, String(err).slice(0, 400)),
      );
    }
  } finally {
    await browser.close();
  }
  if (kernelDialogs) console.log(`# JupyterLab asked for a kernel ${kernelDialogs} time(s) over a notebook whose kernel was running; answered TypeScript`);
  console.log(`jupyter ui: ${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    console.log(`jupyter ui: ${passed} passed, ${failed + 1} failed`);
    process.exit(1);
  },
);
