/**
 * Importing the library changes nothing outside it: the kernel's zeromq is patched at the first
 * display (kernelDisplay), not on import; and the public API still has its entry points.
 */
import assert from "node:assert/strict";
import { spawnSync } from "child_process";
import * as path from "path";
import { test } from "node:test";
import { pathToFileURL } from "url";

const TSX = pathToFileURL(require.resolve("tsx")).href;

test("importing groklab patches nothing (zeromq's Publisher untouched) and exports its entry points", () => {
  const script = `
    const zmq = require("zeromq");
    const send = zmq.Publisher.prototype.send;
    const gl = require(${JSON.stringify(path.join(__dirname, "..", "src", "index.ts"))});
    const patched = zmq.Publisher.prototype[Symbol.for("groklab.synchronousKernelSends")] === true || zmq.Publisher.prototype.send !== send;
    const entry = ["runExperiment", "runLive", "runSweep", "makeDataset", "train", "resolve", "runLog", "loadLog", "show", "EmbeddingMLP"].filter((n) => typeof gl[n] !== "function");
    console.log(JSON.stringify({ patched, missing: entry }));`;
  const r = spawnSync(process.execPath, ["--import", TSX, "-e", script], { encoding: "utf8", timeout: 120_000 });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout.trim().split("\n").at(-1)!);
  assert.deepEqual(out, { patched: false, missing: [] });
});
