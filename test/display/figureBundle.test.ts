import assert from "node:assert/strict";
import { test } from "node:test";
import { bundlePng, figureBundle, figureTitle, GROKLAB_MIME, STATIC_NOTE } from "../../src/display/figureBundle";

const figure = {
  data: [{ type: "scatter", x: [1, 2, 3], y: [2, 1, 3], name: "</script><script>alert(1)</script>" }],
  layout: { title: { text: "a <b>title</b>" }, height: 300 },
};

function embeddedJson(html: string, id: string): unknown {
  const match = new RegExp(`<script type="application/json" id="${id}-figure">(.*?)</script>`, "s").exec(html);
  assert.ok(match, "the figure JSON is embedded in its own script element");
  return JSON.parse(match[1]);
}

test("a figure with a PNG: groklab's entry, the Plotly JSON, the HTML with the image, the image alone, a text line", () => {
  const bundle = figureBundle(figure, { id: "fig-1", pngBase64: "iVBORw0KGgo=" });
  assert.deepEqual(Object.keys(bundle.data).sort(), [GROKLAB_MIME, "application/vnd.plotly.v1+json", "image/png", "text/html", "text/plain"]);
  assert.deepEqual(bundle.data[GROKLAB_MIME], {}, "groklab's renderer reads the figure from the Plotly entry");
  assert.equal(bundlePng(bundle), "iVBORw0KGgo=");
  assert.equal(JSON.stringify(bundle).split("iVBORw0KGgo=").length - 1, 2, "the PNG appears in the HTML and as image/png");
  assert.deepEqual(bundle.data["application/vnd.plotly.v1+json"], { data: figure.data, layout: figure.layout, config: {} });
  assert.equal(bundle.data["text/plain"], 'Figure "a <b>title</b>": 1 trace(s)');
});

test("the HTML shows the static image until plotly.js draws, and embeds the figure unchanged", () => {
  const html = String(figureBundle(figure, { id: "fig-1", pngBase64: "AAAA" }).data["text/html"]);
  assert.match(html, /<div id="fig-1" class="groklab-figure" style="width:100%;min-height:300px"><img src="data:image\/png;base64,AAAA" alt="a &lt;b&gt;title&lt;\/b&gt;"/);
  assert.deepEqual(embeddedJson(html, "fig-1"), { ...figure });
  // under the image, the one line on why it is static and how to make it interactive
  assert.ok(html.includes(`<div class="groklab-static-note" style="font:12px sans-serif;color:#666">${STATIC_NOTE.replace(/'/g, "&#39;")}</div>`), html.slice(0, 400));
  assert.match(STATIC_NOTE, /scripts do not run here.*npm run lab.*`jupyter trust FILE`/);
  // Two script elements close (the JSON and the draw script); the data adds none.
  assert.equal(html.match(/<\/script>/g)?.length, 2);
});

test("a live frame holds the figure in groklab's entry, and neither Plotly's entry nor an image", () => {
  const bundle = figureBundle(figure, { id: "fig-1", pngBase64: "AAAA", live: true });
  assert.deepEqual(Object.keys(bundle.data).sort(), [GROKLAB_MIME, "text/html", "text/plain"]);
  assert.deepEqual(bundle.data[GROKLAB_MIME], { figure: { data: figure.data, layout: figure.layout, config: {} } });
  assert.equal(bundlePng(bundle), undefined);
});

test("without a PNG the HTML says why", () => {
  const bundle = figureBundle(figure, { id: "f", noImageReason: "Chromium <missing>" });
  assert.equal(bundlePng(bundle), undefined);
  assert.match(String(bundle.data["text/html"]), /no static image: Chromium &lt;missing&gt;/);
});

test("figureTitle reads string and object titles", () => {
  assert.equal(figureTitle({ data: [], layout: { title: "plain" } }), "plain");
  assert.equal(figureTitle({ data: [], layout: { title: { text: "obj" } } }), "obj");
  assert.equal(figureTitle({ data: [] }), "");
});

test("a value without a data array is rejected with the function and what it received", () => {
  assert.throws(() => figureBundle({ layout: {} } as never, { id: "x" }), /figureBundle: figure must be an object with a "data" array of traces; received \{"layout":\{\}\}/);
});
