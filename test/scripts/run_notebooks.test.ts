/**
 * The main command runs the notebooks it is given by number, name or path (`npm run notebooks -- 04`);
 * an unknown one is refused with the list of notebooks, before anything runs.
 */
import assert from "node:assert/strict";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { test } from "node:test";

const ROOT = path.join(__dirname, "..", "..");
const PYTHON = path.join(ROOT, ".venv", "bin", "python");
const list = (...args: string[]) => spawnSync(PYTHON, ["scripts/run_notebooks.py", "--list", ...args], { cwd: ROOT, encoding: "utf8" });

test("notebooks by number, name or path; none means all of notebooks/", { skip: fs.existsSync(PYTHON) ? false : "no .venv: run npm run setup" }, () => {
  const some = list("04", "4", "09-mechanism", "notebooks/10-claims-ledger.ipynb");
  assert.equal(some.status, 0, some.stderr);
  assert.deepEqual(some.stdout.trim().split("\n"), ["notebooks/04-circles.ipynb", "notebooks/04-circles.ipynb", "notebooks/09-mechanism.ipynb", "notebooks/10-claims-ledger.ipynb"]);
  assert.match(some.stderr, /^expected in quick mode: about \d+ (s|min) \(from /m, "the estimate before anything runs (in s, or in min from 90 s on)");
  const all = list();
  assert.deepEqual(all.stdout.trim().split("\n"), fs.readdirSync(path.join(ROOT, "notebooks")).filter((f) => f.endsWith(".ipynb")).sort().map((f) => `notebooks/${f}`));
  const bad = list("42");
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /run_notebooks: "42" names no notebook\(s\) of notebooks\/; expected a number, a name or a path of one of: 00-start-here, 01-grokking-curves/);
});
