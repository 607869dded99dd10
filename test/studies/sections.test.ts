/**
 * Every section a study saves its findings under (the ledger links to it) is a heading of its
 * notebook: a renamed heading would leave notebook 10's links dangling (the rendered check finds
 * that only after every notebook ran; this finds it from the files).
 */
import assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { test } from "node:test";

const ROOT = path.join(__dirname, "..", "..");

function headings(notebook: string): string[] {
  const nb = JSON.parse(fs.readFileSync(path.join(ROOT, "notebooks", `${notebook}.ipynb`), "utf8")) as { cells: { cell_type: string; source: string[] | string }[] };
  return nb.cells
    .filter((c) => c.cell_type === "markdown")
    .flatMap((c) => (Array.isArray(c.source) ? c.source.join("") : c.source).split("\n"))
    .filter((l) => /^#{1,6} /.test(l))
    .map((l) => l.replace(/^#{1,6} /, "").trim());
}

test("each literal section of a study's findings is a heading of the notebook its refs name", () => {
  const dir = path.join(ROOT, "src", "studies");
  let checked = 0;
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
    const text = fs.readFileSync(path.join(dir, file), "utf8");
    const notebook = /notebook: "(\d\d-[a-z-]+)"/.exec(text)?.[1] ?? /findingRef<[^>]+>\("(\d\d-[a-z-]+)"/.exec(text)?.[1];
    const sections = [...text.matchAll(/section: "([^"]+)"/g)].map((m) => m[1]);
    if (!notebook || sections.length === 0) continue;
    const heads = headings(notebook);
    for (const s of sections) {
      assert.ok(heads.includes(s), `${file}: section "${s}" is no heading of notebooks/${notebook}.ipynb (headings: ${heads.join(" | ")})`);
      checked++;
    }
  }
  assert.ok(checked >= 10, `only ${checked} sections found: the pattern no longer matches the studies`);
});
