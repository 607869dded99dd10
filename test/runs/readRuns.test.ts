import assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { test } from "node:test";
import { runLog } from "../../src/runs/runLog";
import { readRuns } from "../../src/runs/readRuns";

test("readRuns: a run folder's log as it is; an empty folder is [] or, when required, an error saying what to run", () => {
  const fixture = path.join(__dirname, "..", "fixtures", "runs", "mlp-p31");
  const [run] = readRuns(fixture);
  assert.equal(run.name, "mlp-p31");
  assert.deepEqual(run.records, runLog(fixture).records);
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), "read-"));
  assert.deepEqual(readRuns(empty), []);
  assert.throws(() => readRuns(empty, { required: "run notebook 05 first" }), /readRuns: ".*" holds no run folder or sweep yet; run notebook 05 first/);
});
