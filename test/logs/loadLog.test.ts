import assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { test } from "node:test";
import { loadLog } from "../../src/logs/loadLog";
import { logFrame } from "../../src/logs/logFrame";
import { parseCsv } from "../../src/logs/parseCsv";

const write = (name: string, text: string) => {
  const p = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "groklab-logs-")), name);
  fs.writeFileSync(p, text);
  return p;
};

test("parseCsv handles quotes, doubled quotes and CRLF, and drops a line cut short", () => {
  const csv = parseCsv('a,b\r\n1,"x, ""y"""\r\n2,z\r\n3');
  assert.deepEqual(csv.rows, [["1", 'x, "y"'], ["2", "z"]]);
  assert.equal(csv.droppedPartialLine, true);
  assert.throws(() => parseCsv("a,b\n1,2,3\n4,5\n"), /parseCsv: line 2 of CSV has 3 fields; the header has 2/);
});

test("openai/grok's Lightning metrics.csv: sparse rows merged by step, percent accuracies as fractions", () => {
  const file = write("metrics.csv", [
    "epoch,step,train_loss,train_accuracy,learning_rate,val_loss,val_accuracy",
    "0,9,4.6,1.2,0.0009,,",
    "0,9,,,,4.5,0.9",
    "1,19,3.0,40.0,0.001,,",
    "1,19,,,,4.9,1.1",
    "2,29,0.1,100.0,0.001,,",
    "2,29,,,,0.2,99.5",
    "3,39,0.05,100",
  ].join("\n"));
  const log = loadLog(file, { format: "lightning" });
  assert.equal(log.droppedPartialLine, true);
  const round = (v: number) => Number(v.toFixed(12));
  assert.deepEqual(log.records.map((r) => [r.step, round(r.trainAccuracy), round(r.valAccuracy)]), [[9, 0.012, 0.009], [19, 0.4, 0.011], [29, 1, 0.995]]);
  assert.deepEqual(log.missing, ["weightNorm", "wallTime"]);
});

test("the long format (epoch, input_type, metric_name, layer, value) is pivoted to one row per epoch", () => {
  const file = write("long.csv", "epoch,input_type,metric_name,layer,value\n0,train,accuracy,,0.1\n0,val,accuracy,,0.01\n1,train,accuracy,,0.9\n1,val,accuracy,,0.05\n1,val,loss,,3.2\n");
  const log = loadLog(file, { format: "long" });
  assert.deepEqual(log.records.map((r) => [r.step, r.trainAccuracy, r.valAccuracy, r.valLoss]), [[0, 0.1, 0.01, NaN], [1, 0.9, 0.05, 3.2]]);
});

test("generic CSV with a column mapping; a missing step column names the columns there are", () => {
  const file = write("log.csv", "iter,test_acc\n1,0.5\n2,0.75\n");
  assert.deepEqual(loadLog(file, { format: "csv", columns: { step: "iter", valAccuracy: "test_acc" } }).records.map((r) => r.valAccuracy), [0.5, 0.75]);
  assert.throws(() => loadLog(file, { format: "csv" }), /loadLog: ".*log.csv" has no column "step" for the step; its columns are iter, test_acc \(pass columns: \{ step: "<name>" \}\)/);
});

test("a groklab run folder loads, and shows as a danfo DataFrame", () => {
  const dir = path.join(__dirname, "..", "fixtures", "runs", "mlp-p31");
  const log = loadLog(dir);
  assert.deepEqual(log.missing, []);
  assert.equal(log.records[0].step, 0);
  const df = logFrame(log.records, ["step", "valAccuracy"]);
  assert.deepEqual(df.columns, ["step", "valAccuracy"]);
  assert.equal(df.shape[0], log.records.length);
});

test("bad format and missing files are named", () => {
  assert.throws(() => loadLog("/nonexistent.csv", { format: "csv" }), /loadLog: "\/nonexistent.csv" does not exist/);
  const file = write("x.csv", "a\n1\n");
  assert.throws(() => loadLog(file, { format: "parquet" as never }), /loadLog: invalid format "parquet"; expected one of groklab, csv, jsonl, lightning, long/);
});

const runLog = (text: string) => write("log.jsonl", text);
const FIELDS = { epoch: 0, trainLoss: 1, trainAccuracy: 0, valLoss: 1, valAccuracy: 0, weightNorm: 1, lr: 1e-3, wallTime: 0 };

test("a run log: a partial last line (a kill mid-write) is dropped and reported; an empty log is empty", () => {
  const log = loadLog(runLog(`${JSON.stringify({ ...FIELDS, step: 0 })}\n${JSON.stringify({ ...FIELDS, step: 10 })}\n{"step":20,"valAcc`));
  assert.deepEqual(log.records.map((r) => r.step), [0, 10]);
  assert.equal(log.droppedPartialLine, true);
  assert.deepEqual(loadLog(runLog("")), { records: [], missing: [], droppedPartialLine: false });
});

test("a run log whose steps go backwards, a malformed line and a missing file are refused, naming the line", () => {
  const lines = [0, 10, 20, 10, 20].map((step) => JSON.stringify({ ...FIELDS, step })).join("\n") + "\n";
  assert.throws(() => loadLog(runLog(lines)), /loadLog: line 4 of ".*log.jsonl" has step 10, not after line 3's step 20; a run's steps only go forward/);
  assert.throws(() => loadLog(runLog('{"step":0}\ngarbage\n{"step":2}\n')), /loadLog: line 2 of ".*log.jsonl" is not JSON: garbage/);
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), "groklab-logs-"));
  assert.throws(() => loadLog(empty), /loadLog: no log at ".*log.jsonl"; expected the log.jsonl of a run folder/);
});

test("a grokked Lightning log with train and validation on different steps gives the run's own events", async () => {
  // openai/grok's layout, made from a real groklab run: train metrics on step s, validation on step s + 1, in percent.
  const { grokkingSteps } = await import("../../src/analysis/grokkingSteps");
  const run = loadLog(path.join(__dirname, "..", "fixtures", "runs", "mlp-p31")).records.filter((r) => r.step > 0);
  const lines = ["epoch,step,train_loss,train_accuracy,learning_rate,val_loss,val_accuracy"];
  for (const r of run) {
    lines.push(`${r.epoch},${r.step},${r.trainLoss},${100 * r.trainAccuracy},${r.lr},,`);
    lines.push(`${r.epoch},${r.step + 1},,,,${r.valLoss},${100 * r.valAccuracy}`);
  }
  const log = loadLog(write("metrics.csv", lines.join("\n") + "\n"), { format: "lightning" });
  const own = grokkingSteps(run);
  assert.ok(own.generalisation !== null, "the fixture run grokked");
  const sparse = grokkingSteps(log.records);
  assert.equal(sparse.memorisation, own.memorisation);
  assert.equal(sparse.generalisation, own.generalisation! + 1, "validation ≥ 99% from the step after the run's, where it was logged");
});

test("a value that is not a number, or JSON that is not a record, is refused naming file, line and column", () => {
  const csv = write("m.csv", "epoch,step,train_loss,train_accuracy,learning_rate,val_loss,val_accuracy\n0,1,2.3,10,0.001,,\n0,2,,,,abc,5\n0,3,nan,inf,0.001,,\n");
  assert.throws(() => loadLog(csv, { format: "lightning" }), /loadLog: line 3 of ".*m\.csv", column "val_loss": expected a number; received "abc"/);
  const ok = write("n.csv", "step,trainLoss\n1,nan\n2,-inf\n");
  assert.deepEqual(loadLog(ok, { format: "csv" }).records.map((r) => r.trainLoss), [NaN, -Infinity]);
  assert.throws(() => loadLog(runLog(`${JSON.stringify({ ...FIELDS, step: 0 })}\n[1,2]\n`)), /loadLog: line 2 of ".*log\.jsonl" is JSON but not a record \(an object with the metrics\); received \[1,2\]/);
  assert.throws(() => loadLog(runLog(`${JSON.stringify({ ...FIELDS, step: 0, valAccuracy: "high" })}\n`)), /loadLog: line 1 of ".*log\.jsonl", column "valAccuracy": expected a number; received "high"/);
});
