import assert from "node:assert/strict";
import { test } from "node:test";
import { formatLedger, headingAnchor } from "../../src/display/formatLedger";
import { tableBundle } from "../../src/display/tableBundle";

test("headingAnchor: the ids nbconvert 6.5 gives these headings (its _convert_header_id, run by hand)", () => {
  assert.equal(headingAnchor("Measured: trained, initial, null"), "Measured:-trained,-initial,-null");
  assert.equal(headingAnchor("φ over training — 3 seeds"), "%CF%86-over-training-%E2%80%94-3-seeds");
  assert.equal(headingAnchor("2. Weight decay × training fraction"), "2.-Weight-decay-%C3%97-training-fraction");
  assert.equal(headingAnchor("Power et al.'s Fig. 4 (right)"), "Power-et-al.'s-Fig.-4-(right)");
});

test("formatLedger: one link per distinct section, into the HTML exports; the table renders them as anchors, escaped", () => {
  const rows = formatLedger([{
    claim: "c", synthesis: "s", measured: ["m1", "m2", "m3"], verdict: "supported", reason: "r <b>",
    where: [{ notebook: "04-circles", section: "Measured: trained" }, { notebook: "04-circles", section: "Measured: trained" }, { notebook: "01-x", section: "" }],
  }]);
  assert.deepEqual(rows[0].where, [{ link: "04-circles.html#Measured:-trained", text: "04-circles: Measured: trained" }, { link: "01-x.html", text: "01-x" }]);
  const bundle = tableBundle(rows);
  const html = bundle.data["text/html"] as string;
  assert.match(html, /<a href="04-circles\.html#Measured:-trained">04-circles: Measured: trained<\/a><br><a href="01-x\.html">01-x<\/a>/);
  assert.match(html, /r &lt;b&gt;/);
  assert.match(bundle.data["text/plain"] as string, /04-circles: Measured: trained; 01-x/);
  const ipynb = formatLedger([{ claim: "c", synthesis: "s", measured: [], verdict: "not measured", reason: "", where: [{ notebook: "a", section: "b c" }] }], { extension: ".ipynb" });
  assert.deepEqual(ipynb[0].where, [{ link: "a.ipynb#b-c", text: "a: b c" }]);
});
