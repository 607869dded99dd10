import assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { test } from "node:test";
import { readLog } from "../../src/train/readLog";

const file = (text: string) => {
  const p = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "groklab-log-")), "log.jsonl");
  fs.writeFileSync(p, text);
  return p;
};

test("a partial last line (a kill mid-write) is dropped and reported", () => {
  const log = readLog(file('{"step":0,"valAccuracy":0.01}\n{"step":10,"valAccuracy":0.5}\n{"step":20,"valAcc'));
  assert.deepEqual(log.records.map((r) => r.step), [0, 10]);
  assert.equal(log.droppedPartialLine, true);
});

test("a complete log reads whole; an empty one is empty", () => {
  assert.deepEqual(readLog(file('{"step":0}\n')), { records: [{ step: 0 }], droppedPartialLine: false });
  assert.deepEqual(readLog(file("")), { records: [], droppedPartialLine: false });
});

test("a malformed line inside the log and a missing file are named", () => {
  assert.throws(() => readLog(file('{"step":0}\ngarbage\n{"step":2}\n')), /readLog: line 2 of ".*log.jsonl" is not JSON: garbage/);
  assert.throws(() => readLog("/nonexistent/log.jsonl"), /readLog: no log at "\/nonexistent\/log.jsonl"/);
});
