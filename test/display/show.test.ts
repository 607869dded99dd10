import assert from "node:assert/strict";
import { test } from "node:test";
import { setDisplaySink } from "../../src/display/kernelDisplay";
import { MimeBundle } from "../../src/display/MimeBundle";
import { closeDisplay, configureDisplay, show } from "../../src/display/show";
import { bundlePng, GROKLAB_MIME, PLOTLY_MIME } from "../../src/display/figureBundle";

async function capture(f: () => Promise<void>): Promise<MimeBundle[]> {
  const out: MimeBundle[] = [];
  setDisplaySink((b) => out.push(b));
  try {
    await f();
  } finally {
    setDisplaySink(undefined);
  }
  return out;
}

test("the first figure of a session brings the plotly.js loader once; each figure has its PNG", async () => {
  configureDisplay({ plotly: "server" });
  const out = await capture(async () => {
    await show({ data: [{ type: "scatter", y: [1, 2, 3] }], layout: { title: { text: "one" } } });
    await show({ data: [{ type: "bar", y: [3, 1] }] });
  });
  await closeDisplay();
  assert.equal(out.length, 3, "loader + two figures");
  assert.match(String(out[0].data["text/html"]), /groklab-plotly\/static\/plotly.min.js/);
  for (const fig of out.slice(1)) {
    assert.ok(fig.data["application/vnd.plotly.v1+json"]);
    assert.equal(Buffer.from(String(bundlePng(fig)), "base64").subarray(1, 4).toString(), "PNG");
    assert.equal(fig.data["image/png"], bundlePng(fig), "the same PNG as image/png, for viewers that run no scripts");
  }
});

test("a figure that cannot be built shows the error in the cell instead of a blank output", async () => {
  const circular: Record<string, unknown> = { type: "scatter" };
  circular.self = circular;
  const out = await capture(() => show({ data: [circular] }, {}));
  await closeDisplay();
  const last = out[out.length - 1];
  assert.match(String(last.data["text/plain"]), /^show: the figure could not be displayed: .*circular/i);
  assert.match(String(last.data["text/html"]), /^<pre style="color:#b00020/);
});

test("a list of figures is shown one after another, each its own output; an empty list is an empty table", async () => {
  configureDisplay({ plotly: "server", staticImage: false });
  try {
    const out = await capture(() => show([{ data: [{ type: "scatter", y: [1] }] }, { data: [{ type: "bar", y: [2, 3] }] }]));
    const figures = out.filter((b) => b.data[PLOTLY_MIME]);
    assert.deepEqual(figures.map((b) => (b.data[PLOTLY_MIME] as { data: { type: string }[] }).data[0].type), ["scatter", "bar"]);
    const empty = await capture(() => show([]));
    assert.equal(empty.length, 1);
    assert.equal(empty[0].data[PLOTLY_MIME], undefined);
  } finally {
    configureDisplay({ staticImage: true });
  }
});

test("records are shown as a table", async () => {
  const out = await capture(() => show([{ step: 1, acc: 0.5 }]));
  assert.match(String(out[0].data["text/html"]), /<table class="dataframe groklab-table"/);
});

test("without Chromium a figure is still interactive (groklab's and Plotly's entries), and its HTML says why it has no static image", async () => {
  const saved = process.env.GROKLAB_CHROMIUM;
  process.env.GROKLAB_CHROMIUM = "/nonexistent/chromium";
  await closeDisplay(); // the next figure starts the renderer again, and finds no browser
  try {
    const out = await capture(() => show({ data: [{ type: "scatter", y: [1, 2, 3] }], layout: { title: { text: "no browser" } } }));
    const fig = out[out.length - 1];
    assert.deepEqual(fig.data[GROKLAB_MIME], {});
    assert.ok(fig.data[PLOTLY_MIME], "the Plotly JSON is there for the interactive renderers");
    assert.equal(fig.data["image/png"], undefined);
    assert.match(String(fig.data["text/html"]), /no static image: Chromium not found \(looked for GROKLAB_CHROMIUM/);
  } finally {
    if (saved === undefined) delete process.env.GROKLAB_CHROMIUM;
    else process.env.GROKLAB_CHROMIUM = saved;
    await closeDisplay();
  }
});
