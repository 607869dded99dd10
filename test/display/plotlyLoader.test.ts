import assert from "node:assert/strict";
import * as fs from "fs";
import { test } from "node:test";
import { EXTENSION_PLOTLY_PATH, NO_PLOTLY_NOTES, plotlyLoaderHtml, plotlyScriptPath } from "../../src/display/plotlyLoader";

test("server mode is a small script that loads plotly.js from groklab's extension on the Jupyter server", () => {
  const html = plotlyLoaderHtml("server");
  assert.ok(html.length < 1500, `loader is ${html.length} characters`);
  assert.ok(html.includes(EXTENSION_PLOTLY_PATH));
  assert.equal(html.match(/<\/script>/g)?.length, 1);
});

/** Runs the loader's script against a stand-in page: its Jupyter config, its notes, and whether the script loads. */
function runLoader(config: object | undefined, loads: boolean): { src?: string; notes: string[]; plotly: boolean } {
  const code = /<script>([\s\S]*)<\/script>/.exec(plotlyLoaderHtml("server"))![1];
  const notes = [{ textContent: "static" }, { textContent: "static" }];
  let src: string | undefined;
  const window: Record<string, unknown> = {};
  const document = {
    getElementById: (id: string) => (id === "jupyter-config-data" && config ? { textContent: JSON.stringify(config) } : null),
    querySelectorAll: () => notes,
    createElement: () => ({}) as Record<string, unknown>,
    head: {
      appendChild(s: { src: string; onload: () => void; onerror: () => void }) {
        src = s.src;
        if (loads) {
          window.Plotly = {};
          s.onload();
        } else s.onerror();
      },
    },
  };
  new Function("window", "document", code)(window, document);
  return { src, notes: notes.map((n) => n.textContent), plotly: Boolean(window.Plotly) };
}

test("in JupyterLab 4 / Notebook 7 it loads plotly.js from the extensions URL the page names", () => {
  const r = runLoader({ baseUrl: "/user/a/", fullLabextensionsUrl: "/user/a/lab/extensions" }, true);
  assert.equal(r.src, "/user/a/lab/extensions/groklab-plotly/static/plotly.min.js");
  assert.deepEqual(r.notes, ["static", "static"]);
  assert.equal(runLoader({ baseUrl: "/base" }, true).src, "/base/lab/extensions/groklab-plotly/static/plotly.min.js");
});

test("where plotly.js cannot load, every static image's line says which reason applies", () => {
  const noServer = runLoader(undefined, true);
  assert.equal(noServer.src, undefined);
  assert.deepEqual(noServer.notes, [NO_PLOTLY_NOTES.noServer, NO_PLOTLY_NOTES.noServer]);
  const notInstalled = runLoader({ baseUrl: "/" }, false);
  assert.equal(notInstalled.src, "/lab/extensions/groklab-plotly/static/plotly.min.js");
  assert.deepEqual(notInstalled.notes, [NO_PLOTLY_NOTES.notInstalled, NO_PLOTLY_NOTES.notInstalled]);
  assert.equal(notInstalled.plotly, false);
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
