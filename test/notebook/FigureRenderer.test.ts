import assert from "node:assert/strict";
import { test } from "node:test";
import { findChromium, FigureRenderer } from "../../src/notebook/FigureRenderer";

test("Debian's Chromium renders a figure to a PNG of the asked size", async () => {
  assert.ok(findChromium(), "Chromium is installed (scripts/setup.sh installs it)");
  const renderer = new FigureRenderer();
  try {
    const r = await renderer.render({ data: [{ type: "bar", x: ["a", "b"], y: [1, 2] }], layout: { title: { text: "t" } } }, 320, 200);
    assert.ok("pngBase64" in r, JSON.stringify(r));
    const png = Buffer.from(r.pngBase64, "base64");
    assert.equal(png.subarray(1, 4).toString(), "PNG");
    assert.equal(png.readUInt32BE(16), 320);
    assert.equal(png.readUInt32BE(20), 200);
  } finally {
    await renderer.close();
  }
});

test("without Chromium the renderer says how to install it", async () => {
  const saved = process.env.GROKLAB_CHROMIUM;
  process.env.GROKLAB_CHROMIUM = "/nonexistent/chromium";
  const renderer = new FigureRenderer();
  try {
    const r = await renderer.render({ data: [] }, 100, 100);
    assert.ok("error" in r);
    assert.match(r.error, /Chromium not found .*install it with: apt-get install -y chromium/);
  } finally {
    if (saved === undefined) delete process.env.GROKLAB_CHROMIUM;
    else process.env.GROKLAB_CHROMIUM = saved;
    await renderer.close();
  }
});
