import assert from "node:assert/strict";
import * as fs from "fs";
import { test } from "node:test";
import { NBEXTENSION_PATH, plotlyLoaderHtml, plotlyScriptPath } from "../../src/notebook/plotlyLoader";

test("server mode is a small script that loads plotly.js from the notebook server", () => {
  const html = plotlyLoaderHtml("server");
  assert.ok(html.length < 1000, `loader is ${html.length} characters`);
  assert.ok(html.includes(NBEXTENSION_PATH));
  assert.equal(html.match(/<\/script>/g)?.length, 1);
});

test("inline mode embeds plotly.js once, with no premature </script>", () => {
  const html = plotlyLoaderHtml("inline");
  assert.ok(html.length > fs.statSync(plotlyScriptPath()).size * 0.99);
  assert.equal(html.match(/<\/script/gi)?.length, 1);
  assert.ok(html.endsWith("</script>"));
});

test("an unknown mode names the accepted ones", () => {
  assert.throws(() => plotlyLoaderHtml("cdn" as never), /plotlyLoaderHtml: invalid mode "cdn"; expected "server" or "inline"/);
});
