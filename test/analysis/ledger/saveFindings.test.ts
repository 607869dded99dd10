import assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { test } from "node:test";
import { saveFindings } from "../../../src/analysis/ledger/saveFindings";
import { loadFindings } from "../../../src/analysis/ledger/loadFindings";

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "findings-"));
const finding = { text: "circularity 0.8 (null 0.02)", values: { trained: 0.8, null: 0.02, censored: null }, section: "Measured" };

test("saveFindings writes one file per notebook and mode; loadFindings reads that mode only", () => {
  const dir = tmp();
  const file = saveFindings("04-circles", { circularity: finding }, { dir, mode: "full" });
  assert.equal(file, path.join(dir, "full", "04-circles.json"));
  saveFindings("04-circles", { circularity: { ...finding, values: { trained: 0.1 } } }, { dir, mode: "quick" });
  const full = loadFindings({ dir, mode: "full" });
  assert.deepEqual(Object.keys(full), ["04-circles"]);
  assert.deepEqual(full["04-circles"].findings.circularity.values, { trained: 0.8, null: 0.02, censored: null });
  assert.equal(loadFindings({ dir, mode: "quick" })["04-circles"].findings.circularity.values.trained, 0.1);
  assert.deepEqual(loadFindings({ dir, mode: "paper" }), {});
  // Saving again replaces the notebook's findings (a rerun's numbers, not a merge), and leaves no temporary file.
  saveFindings("04-circles", { other: finding }, { dir, mode: "full" });
  assert.deepEqual(Object.keys(loadFindings({ dir, mode: "full" })["04-circles"].findings), ["other"]);
  assert.deepEqual(fs.readdirSync(path.join(dir, "full")), ["04-circles.json"]);
});

test("saveFindings: bad input names the function, the field, what was expected and what came", () => {
  const dir = tmp();
  assert.throws(() => saveFindings("../x", { a: finding }, { dir, mode: "full" }), /saveFindings: notebook must be .*received "\.\.\/x"/);
  assert.throws(() => saveFindings("nb", {}, { dir, mode: "full" }), /saveFindings: findings must be an object of at least one finding/);
  assert.throws(() => saveFindings("nb", { a: { ...finding, values: { x: NaN } } }, { dir, mode: "full" }), /finding "a": values\.x must be a finite number or null \(censored\); received null/);
  assert.throws(() => saveFindings("nb", { a: { ...finding, values: { x: "3" as unknown as number } } }, { dir, mode: "full" }), /values\.x .* received "3"/);
  assert.throws(() => saveFindings("nb", { a: { ...finding, section: "" } }, { dir, mode: "full" }), /finding "a": section must be the heading/);
  assert.throws(() => saveFindings("nb", { a: { ...finding, text: undefined as unknown as string } }, { dir, mode: "full" }), /finding "a": text must be a non-empty string; received undefined/);
  // Nothing was written by the refused calls.
  assert.equal(fs.existsSync(path.join(dir, "full", "nb.json")), false);
});

test("loadFindings: a corrupt or misnamed file is an error naming it (saves go through writeAtomic, tested for full disks in runFileError)", () => {
  const dir = tmp();
  saveFindings("a", { x: finding }, { dir, mode: "full" });
  const file = path.join(dir, "full", "a.json");
  fs.writeFileSync(path.join(dir, "full", "b.json"), JSON.stringify({ notebook: "a", mode: "full", findings: {} }));
  assert.throws(() => loadFindings({ dir, mode: "full" }), /loadFindings: .*b\.json should hold notebook "b" in mode "full"; it holds notebook "a"/);
  fs.writeFileSync(path.join(dir, "full", "b.json"), "{ not json");
  assert.throws(() => loadFindings({ dir, mode: "full" }), /loadFindings: .*b\.json is not valid JSON/);
  assert.ok(fs.existsSync(file));
});
