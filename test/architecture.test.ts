/**
 * The layout of ARCHITECTURE.md holds in the code: every import between src/ folders goes to a
 * lower floor of the table there, and no two files import each other through any chain.
 */
import assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { test } from "node:test";

const ROOT = path.join(__dirname, "..");
const SRC = path.join(ROOT, "src");

/** The floor of each folder, from the table of ARCHITECTURE.md ("| `config/` | 0 | …"). */
function floors(): Map<string, number> {
  const text = fs.readFileSync(path.join(ROOT, "ARCHITECTURE.md"), "utf8");
  return new Map([...text.matchAll(/^\| `([a-z]+)\/` \| (\d+) \|/gm)].map((m) => [m[1], Number(m[2])]));
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(full) : e.name.endsWith(".ts") && !e.name.endsWith(".d.ts") ? [full] : [];
  });
}

/** The src/ files a file imports (relative imports, `import type` included), with the line of each. */
function importsOf(file: string): { target: string; line: number }[] {
  const out: { target: string; line: number }[] = [];
  fs.readFileSync(file, "utf8").split("\n").forEach((text, i) => {
    for (const m of text.matchAll(/(?:from|import|require\()\s*["'](\.{1,2}\/[^"']*)["']/g)) {
      const base = path.resolve(path.dirname(file), m[1]);
      const target = [`${base}.ts`, path.join(base, "index.ts")].find((f) => fs.existsSync(f));
      if (target && target.startsWith(SRC + path.sep)) out.push({ target, line: i + 1 });
    }
  });
  return out;
}

const folderOf = (file: string) => path.relative(SRC, file).split(path.sep)[0];
const rel = (file: string) => path.relative(ROOT, file);

test("ARCHITECTURE.md gives a floor to every folder of src/", () => {
  const table = floors();
  const folders = fs.readdirSync(SRC, { withFileTypes: true }).filter((e) => e.isDirectory() && e.name !== "types").map((e) => e.name);
  assert.ok(table.size >= 10, `the table was not read: ${[...table.keys()].join(", ")}`);
  assert.deepEqual(folders.filter((f) => !table.has(f)), [], "folders missing from ARCHITECTURE.md");
  assert.deepEqual([...table.keys()].filter((f) => !folders.includes(f)), [], "ARCHITECTURE.md names folders that are gone");
});

test("every import between folders goes to a lower floor", () => {
  const table = floors();
  const wrong: string[] = [];
  for (const file of sourceFiles(SRC)) {
    const from = folderOf(file);
    if (!table.has(from)) continue; // src/index.ts, the top
    for (const { target, line } of importsOf(file)) {
      const to = folderOf(target);
      if (to === from || !table.has(to)) continue;
      if (table.get(to)! >= table.get(from)!) wrong.push(`${rel(file)}:${line} (${from}/, floor ${table.get(from)}) imports ${rel(target)} (${to}/, floor ${table.get(to)})`);
    }
  }
  assert.deepEqual(wrong, [], `imports that do not go down:\n${wrong.join("\n")}`);
});

test("no import circle between files", () => {
  const files = sourceFiles(SRC);
  const edges = new Map(files.map((f) => [f, importsOf(f).map((i) => i.target)]));
  const state = new Map<string, "open" | "done">();
  const circles: string[] = [];
  const visit = (file: string, trail: string[]) => {
    if (state.get(file) === "done") return;
    if (state.get(file) === "open") {
      circles.push([...trail.slice(trail.indexOf(file)), file].map(rel).join(" → "));
      return;
    }
    state.set(file, "open");
    for (const next of edges.get(file) ?? []) visit(next, [...trail, file]);
    state.set(file, "done");
  };
  for (const f of files) visit(f, []);
  assert.deepEqual(circles, []);
});

test("only runs/ names the files of a run folder or a sweep folder (runLayout)", () => {
  const NAMES = ["config.json", "log.jsonl", "checkpoints", "outcome.json", "pretrain.json", "output.log", "sweep.json", "results.jsonl"];
  const found: string[] = [];
  for (const file of sourceFiles(SRC).filter((f) => folderOf(f) !== "runs")) {
    const code = fs.readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, " ")).replace(/\/\/.*$/gm, "");
    code.split("\n").forEach((line, i) => {
      for (const name of NAMES) if (new RegExp(`["'\`/]${name.replace(".", "\\.")}["'\`]`).test(line)) found.push(`${rel(file)}:${i + 1} names "${name}"`);
    });
  }
  assert.deepEqual(found, []);
});

/** Each code cell of each notebook, with where it is. */
function notebookCells(): { where: string; source: string }[] {
  const dir = path.join(ROOT, "notebooks");
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".ipynb"))
    .sort()
    .flatMap((f) => {
      const nb = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as { cells: { cell_type: string; source: string[] | string }[] };
      return nb.cells.flatMap((c, i) => (c.cell_type === "code" ? [{ where: `${f} cell ${i}`, source: Array.isArray(c.source) ? c.source.join("") : c.source }] : []));
    });
}

test("notebooks are thin: no cell holds a loop, a file-system call or a parameter name (their studies in src/studies/ do that work)", () => {
  const rules: [string, RegExp][] = [
    ["a loop", /\bfor\s*\(|\bwhile\s*\(|\bdo\s*\{|\.forEach\(/],
    ["a file-system call", /\bfrom\s+["']fs["']|require\(["']fs["']\)|\bfs\.\w+\(/],
    ["a parameter name", /\.params\[|["'](?:embed|unembed|blocks|hidden)\.[A-Za-z0-9_.]+["']/],
  ];
  const cells = notebookCells();
  assert.ok(cells.length >= 30, `expected the notebooks' code cells; found ${cells.length}`);
  const found = cells.flatMap(({ where, source }) => rules.filter(([, re]) => re.test(source)).map(([what]) => `${where}: ${what}`));
  assert.deepEqual(found, []);
  // The rules can fail: each catches what it names.
  for (const [what, re] of rules) {
    const sample = { "a loop": "for (const r of runs) {}", "a file-system call": 'import * as fs from "fs";', "a parameter name": 'm.params["embed.W_E"]' }[what]!;
    assert.ok(re.test(sample), `${what} not caught in ${sample}`);
  }
});
