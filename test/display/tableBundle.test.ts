import assert from "node:assert/strict";
import { test } from "node:test";
import { loadDanfo } from "../../src/logs/loadDanfo";
import { tableBundle } from "../../src/display/tableBundle";

test("records become a table with the union of their keys, cells escaped", () => {
  const bundle = tableBundle([{ step: 1, note: "<script>alert(1)</script>" }, { step: 2, extra: 0.123456789 }]);
  const html = String(bundle.data["text/html"]);
  assert.ok(!html.includes("<script>"), "no raw script tag from a cell");
  assert.match(html, /<td>&lt;script&gt;alert\(1\)&lt;\/script&gt;<\/td>/);
  assert.match(html, /<th>step<\/th><th>note<\/th><th>extra<\/th>/);
  assert.match(html, /<td>0.123457<\/td>/);
  assert.equal(bundle.data["text/plain"], ["   step                       note     extra", "0     1  <script>alert(1)</script>          ", "1     2                             0.123457"].join("\n"));
});

test("long tables are cut at maxRows with a note", () => {
  const rows = Array.from({ length: 10 }, (_, i) => ({ i }));
  const html = String(tableBundle(rows, { maxRows: 3 }).data["text/html"]);
  assert.equal(html.match(/<tr>/g)?.length, 4);
  assert.match(html, /… 7 more row\(s\); 10 rows × 1 columns/);
});

test("a danfo DataFrame is shown with its columns and index", () => {
  const dfd = loadDanfo();
  const df = new dfd.DataFrame([{ a: 1, b: "x" }, { a: 2, b: "y" }]);
  const bundle = tableBundle(df as never);
  assert.match(String(bundle.data["text/html"]), /<th>a<\/th><th>b<\/th><\/tr><\/thead><tbody><tr><th>0<\/th><td>1<\/td><td>x<\/td><\/tr>/);
});

test("anything else is rejected by name", () => {
  assert.throws(() => tableBundle(42 as never), /tableBundle: table must be a danfo DataFrame or an array of records; received number/);
});

test("tableBundle: sentences are left-aligned, numbers and short text keep Jupyter's right alignment", () => {
  const html = String(tableBundle([{ n: 0.1234567890123456789012345678901, short: "x", long: "a sentence of more than thirty characters" }]).data["text/html"]);
  assert.match(html, /<td>0\.123457<\/td><td>x<\/td><td style="text-align:left">a sentence of more than thirty characters<\/td>/);
});
