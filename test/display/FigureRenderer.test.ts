import assert from "node:assert/strict";
import { spawnSync } from "child_process";
import * as path from "path";
import { test } from "node:test";
import { findChromium } from "../../src/display/FigureRenderer";

test("an interrupt (SIGINT) leaves a process that renders figures alive, and the renderer still renders", { skip: findChromium() ? false : "no Chromium" }, () => {
  // Playwright's default signal handling exited the process with 130 on SIGINT: a notebook's stop button killed the kernel.
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join(__dirname, "rendererInterruptChild.ts")], { encoding: "utf8", timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /interrupted\nfirst png; second png/);
});

test("a browser that went away is started again on the next figure", { skip: findChromium() ? false : "no Chromium" }, async () => {
  const { FigureRenderer } = await import("../../src/display/FigureRenderer");
  const r = new FigureRenderer();
  const fig = { data: [{ type: "scatter", x: [1, 2], y: [2, 1] }] };
  assert.ok("pngBase64" in (await r.render(fig, 200, 150)));
  await (r as unknown as { browser: { close(): Promise<void> } }).browser.close(); // as if Chromium were killed
  assert.ok("pngBase64" in (await r.render(fig, 200, 150)), "rendered after a restart");
  await r.close();
});
