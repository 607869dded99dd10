import assert from "node:assert/strict";
import { test } from "node:test";
import { findChromium } from "../../src/display/FigureRenderer";
import { plotlyScriptPath } from "../../src/display/plotlyLoader";
import { compareRuns } from "../../src/plots/compareRuns";
import { legendBelow, legendRows } from "../../src/plots/legendBelow";

test("legendRows packs entries greedily: 46 px + 7 px a character each", () => {
  const ten = Array.from({ length: 12 }, (_, i) => `name ${String(i).padStart(5, "0")}`); // 10 characters: 116 px an entry
  assert.equal(legendRows(ten, 640), 3); // 5 a row (580 px; a 6th would make 696)
  assert.equal(legendRows(ten.slice(0, 5), 640), 1);
  assert.equal(legendRows(ten.slice(0, 6), 640), 2);
  assert.equal(legendRows([], 640), 0);
});

test("legendBelow grows the figure by the legend's rows and keeps the plot area and the gap under the axis", () => {
  const ten = Array.from({ length: 12 }, (_, i) => `name ${String(i).padStart(5, "0")}`);
  const l = legendBelow(ten);
  // 3 rows at 800 px less Plotly's 80 + 80 side margins; bottom = 70 + 3 × 29 + 10; plot 450 − 100 − 80.
  assert.deepEqual(l.margin, { t: 100, b: 167 });
  assert.equal(l.height, 100 + 270 + 167);
  assert.equal(l.legend.y, -70 / 270);
  assert.equal(l.legend.yanchor, "top");
  const one = legendBelow(["a"], { height: 520, top: 60 });
  assert.equal(one.height, 60 + 380 + 109);
});

const NAMES = ["AdamW lr 1e-3", "AdamW lr 3e-3", "AdamW lr 1e-2", "AdamW lr 3e-3, wd 3", "AdamW lr 1e-2, wd 3", "Grokfast EMA", "Grokfast MA", "Grokfast EMA, lr ÷ 3", "⊥Grad + StableMax, wd 0", "Fourier init (6 random frequencies, noise 0.1)", "output scale α 0.5", "weight norm fixed at 150", "circle embeddings (8 circles), lr 1e-2, wd 3", "pre-trained on x−y, lr 1e-2, wd 3", "pre-trained on x−y, head reset, lr 1e-2, wd 3"];

test("drawn by plotly.js at the static image's width, the legend of 2, 4 and 15 runs (08's interventions) sits under the x-axis title and inside the figure", { skip: findChromium() ? false : "no Chromium" }, async () => {
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({ executablePath: findChromium(), headless: true, args: ["--no-sandbox"] });
  try {
    const page = await browser.newPage();
    await page.setContent("<!doctype html><html><body style='margin:0'><div id='f'></div></body></html>");
    await page.addScriptTag({ path: plotlyScriptPath() });
    for (const n of [2, 4, 15]) {
      const runs = NAMES.slice(0, n).map((name, i) => ({ name, records: Array.from({ length: 20 }, (_, k) => ({ step: 10 * (k + 1), valAccuracy: Math.min(1, (k * (i + 1)) / 60), trainAccuracy: 1, trainLoss: 1, valLoss: 1 })) }));
      const fig = compareRuns(runs as never, { title: "runs" });
      const box = await page.evaluate(async (f) => {
        const P = (globalThis as unknown as { Plotly: { newPlot: Function; purge: Function } }).Plotly;
        const div = (globalThis as unknown as { document: { getElementById(id: string): { querySelector(s: string): { getBoundingClientRect(): { top: number; bottom: number } } | null } } }).document.getElementById("f")!;
        P.purge(div);
        await P.newPlot(div, f.data, { ...f.layout, width: 800 });
        // No named inner functions here: tsx would wrap them in a helper the page does not have.
        const [title, ticks, legend, svg] = [".g-xtitle", ".xaxislayer-above", ".legend", ".main-svg"].map((sel) => div.querySelector(sel)!.getBoundingClientRect());
        return { title: title.bottom, ticks: ticks.bottom, legendTop: legend.top, legendBottom: legend.bottom, height: svg.bottom };
      }, fig);
      assert.ok(box.legendTop > box.title && box.legendTop > box.ticks, `${n} runs: the legend (top ${box.legendTop}) under the axis title (bottom ${box.title}) and ticks (${box.ticks})`);
      assert.ok(box.legendBottom <= box.height, `${n} runs: the legend (bottom ${box.legendBottom}) inside the figure (${box.height})`);
    }
  } finally {
    await browser.close();
  }
});
