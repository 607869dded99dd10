import assert from "node:assert/strict";
import { test } from "node:test";
import { escapeHtml, jsonForScript, scriptSource } from "../../src/display/escapeHtml";

test("escapeHtml replaces the five HTML-special characters", () => {
  assert.equal(escapeHtml(`<script>alert("x" & 'y')</script>`), "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;");
});

test("jsonForScript leaves no '<' and no line separators, and parses back to the same value", () => {
  const value = { title: "</script><!-- a\u2028b\u2029c", n: [1, 2.5] };
  const text = jsonForScript(value);
  assert.ok(!text.includes("<"));
  assert.ok(!text.includes("\u2028") && !text.includes("\u2029"));
  assert.deepEqual(JSON.parse(text), value);
});

test("scriptSource breaks every closing script tag, whatever its case", () => {
  const out = scriptSource('var s = "</script>"; var t = "</SCRIPT >"; // <!--');
  assert.ok(!/<\/script/i.test(out));
  assert.ok(!out.includes("<!--"));
});
