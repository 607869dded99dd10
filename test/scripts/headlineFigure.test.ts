import assert from "node:assert/strict";
import { test } from "node:test";
import { figurePng } from "../../scripts/headlineFigure";
import { figureBundle } from "../../src/display/figureBundle";

const fig = (title: string) => ({ data: [{ type: "scatter", y: [1, 2] }], layout: { title: { text: title } } });

test("figurePng: the PNG of the first figure whose title starts as asked; a missing figure or image is named", () => {
  const notebook = {
    cells: [
      { outputs: [{ data: { "text/plain": "a table" } }, { data: figureBundle(fig("live curves"), { id: "a", pngBase64: "AAAA" }).data }] },
      { outputs: [{ data: figureBundle(fig("x/y mod 97, 50% of pairs, weight decay 1"), { id: "b", pngBase64: "iVBORw0K" }).data }] },
      { outputs: [{ data: figureBundle(fig("no image"), { id: "c", noImageReason: "no Chromium" }).data }] },
    ],
  };
  assert.equal(figurePng(notebook, "x/y mod 97, 50% of pairs"), "iVBORw0K");
  assert.throws(() => figurePng(notebook, "no image", "nb.ipynb"), /headlineFigure: the figure "no image" of nb\.ipynb has no static image/);
  assert.throws(() => figurePng(notebook, "missing", "nb.ipynb"), /no figure of nb\.ipynb has a title starting "missing"; its figures: "live curves", "x\/y mod 97, 50% of pairs, weight decay 1", "no image"/);
});
