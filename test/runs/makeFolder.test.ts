/**
 * makeFolder makes a run folder one level at a time: no path can hang it (Node 20's recursive
 * mkdir loops forever under /proc), and each failure names the level and the reason.
 */
import assert from "node:assert/strict";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { test } from "node:test";
import { pathToFileURL } from "url";
import { makeFolder } from "../../src/runs/makeFolder";

const CLI = path.join(__dirname, "..", "..", "src", "cli", "main.ts");
const TSX = pathToFileURL(require.resolve("tsx")).href;

test("a run folder under /proc: `groklab train` fails within seconds, naming the folder and why, instead of hanging", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "groklab-proc-"));
  const file = path.join(dir, "config.json");
  const config = { data: { operation: "x+y", p: 7 }, model: { kind: "mlp", width: 8 }, train: { steps: 3 }, run: { dir: "/proc/groklab-run" } };
  fs.writeFileSync(file, JSON.stringify(config));
  const r = spawnSync(process.execPath, ["--import", TSX, CLI, "train", file], { encoding: "utf8", timeout: 60_000, killSignal: "SIGKILL" });
  assert.equal(r.signal, null, "groklab train was killed after 60 s: it hung");
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /cannot create "\/proc\/groklab-run" in run folder "\/proc\/groklab-run": cannot create "\/proc\/groklab-run": its parent exists but takes no new folders/);
});

test("makeFolder under /proc, a level deeper: the first level that cannot be made is named", () => {
  assert.throws(() => makeFolder("/proc/a", "/proc/a/checkpoints"), /RunFolder: cannot create "\/proc\/a\/checkpoints" in run folder "\/proc\/a": cannot create "\/proc\/a": its parent exists but takes no new folders/);
});

test("makeFolder makes every missing level and accepts folders that exist", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "groklab-mk-"));
  const deep = path.join(root, "a", "b", "c");
  makeFolder(root, deep);
  assert.ok(fs.statSync(deep).isDirectory());
  makeFolder(root, deep); // again: nothing to do
  makeFolder(root, path.relative(process.cwd(), path.join(root, "a", "d"))); // a relative path
  assert.ok(fs.statSync(path.join(root, "a", "d")).isDirectory());
});

test("makeFolder through a file: ENOTDIR, naming the file", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "groklab-mk-"));
  fs.writeFileSync(path.join(root, "f"), "");
  assert.throws(() => makeFolder(root, path.join(root, "f", "g")), /cannot create ".*f\/g" .*: a part of its path is a file, not a folder \(ENOTDIR\)/);
});
