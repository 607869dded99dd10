import assert from "node:assert/strict";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { test } from "node:test";
import { exportLog } from "../../src/logs/exportLog";
import { loadLog } from "../../src/logs/loadLog";
import { LogRecord } from "../../src/logs/LogRecord";
import { logFrame } from "../../src/logs/logFrame";
import { parseCsv } from "../../src/logs/parseCsv";
import { runLog as runFolderLog } from "../../src/runs/runLog";

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

test("a groklab run's log loads (its format told from its first record), and shows as a danfo DataFrame; a folder is refused with the way to read it", () => {
  const dir = path.join(__dirname, "..", "fixtures", "runs", "mlp-p31");
  const log = loadLog(path.join(dir, "log.jsonl"));
  assert.equal(log.format, "groklab");
  assert.deepEqual(runFolderLog(dir), log);
  assert.throws(() => loadLog(dir), /loadLog: ".*mlp-p31" is a folder; give the log file itself, or read a groklab run folder with runLog\(".*mlp-p31"\)/);
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
  assert.deepEqual(loadLog(runLog(""), { format: "groklab" }), { records: [], format: "groklab", missing: [], droppedPartialLine: false });
  assert.equal(loadLog(runLog("")).format, "jsonl", "an empty .jsonl file has no record to tell a groklab log by");
});

test("a run log whose steps go backwards, a malformed line and a missing file are refused, naming the line", () => {
  const lines = [0, 10, 20, 10, 20].map((step) => JSON.stringify({ ...FIELDS, step })).join("\n") + "\n";
  assert.throws(() => loadLog(runLog(lines)), /loadLog: line 4 of ".*log.jsonl" has step 10, not after line 3's step 20; a run's steps only go forward/);
  assert.throws(() => loadLog(runLog('{"step":0}\ngarbage\n{"step":2}\n')), /loadLog: line 2 of ".*log.jsonl" is not JSON: garbage/);
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), "groklab-logs-"));
  assert.throws(() => runFolderLog(empty), /runLog: no log at ".*log.jsonl"; expected a groklab run folder/);
});

test("a grokked Lightning log with train and validation on different steps gives the run's own events", async () => {
  // openai/grok's layout, made from a real groklab run: train metrics on step s, validation on step s + 1, in percent.
  const { grokkingSteps } = await import("../../src/analysis/events/grokkingSteps");
  const run = runFolderLog(path.join(__dirname, "..", "fixtures", "runs", "mlp-p31")).records.filter((r) => r.step > 0);
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

test("a UTF-8 byte-order mark (Excel writes one) is accepted in every format", () => {
  const BOM = "\ufeff";
  const csv = loadLog(write("bom.csv", `${BOM}step,valAccuracy\n1,0.5\n2,0.75\n`));
  assert.deepEqual(csv.records.map((r) => [r.step, r.valAccuracy]), [[1, 0.5], [2, 0.75]]);
  const lightning = loadLog(write("metrics.csv", `${BOM}epoch,step,train_loss,val_accuracy\n0,9,4.6,\n0,9,,50\n`), { format: "lightning" });
  assert.deepEqual(lightning.records.map((r) => [r.step, r.trainLoss, r.valAccuracy]), [[9, 4.6, 0.5]]);
  const jsonl = loadLog(write("m.jsonl", `${BOM}{"step":3,"valAccuracy":1}\n`), { format: "jsonl" });
  assert.deepEqual(jsonl.records.map((r) => r.step), [3]);
  const run = loadLog(runLog(`${BOM}${JSON.stringify({ ...FIELDS, step: 0 })}\n`));
  assert.deepEqual(run.records.map((r) => r.step), [0]);
  const long = loadLog(write("long.csv", `${BOM}epoch,input_type,metric_name,layer,value\n0,val,accuracy,,0.25\n`), { format: "long" });
  assert.deepEqual(long.records.map((r) => [r.step, r.valAccuracy]), [[0, 0.25]]);
});

test("without a format, it is told from the path and the first line; a wrong one says which to pass", () => {
  assert.equal(loadLog(write("log.csv", "step,valAccuracy\n1,0.5\n")).format, "csv");
  assert.equal(loadLog(write("metrics.csv", "epoch,step,train_loss,val_accuracy\n0,9,4.6,\n")).format, "lightning");
  assert.equal(loadLog(write("l.csv", "epoch,input_type,metric_name,layer,value\n0,val,accuracy,,0.25\n")).format, "long");
  assert.equal(loadLog(write("m.txt", '{"step":1}\n')).format, "jsonl");
  assert.equal(loadLog(runLog(`${JSON.stringify({ ...FIELDS, step: 0 })}\n`)).format, "groklab");
  assert.throws(
    () => loadLog(write("log.csv", "step,valAccuracy\n1,0.5\n"), { format: "jsonl" }),
    /loadLog: line 1 of ".*log\.csv" is not JSON: step,valAccuracy \(its first line looks like a CSV header: pass format: "csv"\)/,
  );
  assert.throws(() => loadLog(write("metrics.csv", "epoch,step,val_loss\n1,2,3\n"), { format: "groklab" }), /pass format: "lightning"/);
});

test("unknown options and columns are refused, naming them", () => {
  const file = write("log.csv", "step,valAccuracy\n1,0.5\n");
  assert.throws(() => loadLog(file, { fromat: "csv" } as never), /loadLog: unknown option "fromat"; expected format, columns/);
  assert.throws(() => loadLog(file, { columns: { valAcc: "x" } } as never), /loadLog: columns\.valAcc: unknown field; expected some of step, epoch/);
  assert.throws(() => loadLog(file, { columns: { step: 3 } } as never), /loadLog: columns\.step: expected a column name \(a string\); received 3/);
});

test("a CSV log is streamed: openai/grok's metrics.csv of 50 MB loads within a heap of 3x its size (it took 26x)", () => {
  // Lightning's metrics.csv as exportLog writes it (full-precision values, two rows a step), 50 MB
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "groklab-big-")), "metrics.csv");
  const fd = fs.openSync(file, "w");
  let bytes = 0;
  let x = 0.5;
  const next = () => (x = (x * 9301 + 0.49297) % 1); // deterministic values of full precision
  for (let step = 0; bytes < 50e6; ) {
    const chunk: LogRecord[] = [];
    for (let i = 0; i < 5000; i++, step++) {
      chunk.push({ step, epoch: step / 4, trainLoss: next() * 5, trainAccuracy: next(), valLoss: next() * 5, valAccuracy: next(), weightNorm: 30 + next(), lr: 1e-3, wallTime: step * 0.01 });
    }
    const text = exportLog(chunk, "lightning");
    const body = bytes === 0 ? text : text.slice(text.indexOf("\n") + 1);
    fs.writeSync(fd, body);
    bytes += body.length;
  }
  fs.closeSync(fd);
  const heapMB = Math.round((3 * bytes) / 1e6);
  const script = `const { loadLog } = require(${JSON.stringify(path.join(__dirname, "..", "..", "src", "logs", "loadLog.ts"))});
    const log = loadLog(${JSON.stringify(file)});
    console.log(JSON.stringify({ n: log.records.length, last: log.records.at(-1).step, format: log.format }));`;
  const r = spawnSync(process.execPath, [`--max-old-space-size=${heapMB}`, "--import", "tsx", "-e", script], { encoding: "utf8", cwd: path.join(__dirname, "..", "..") });
  fs.rmSync(file);
  assert.equal(r.status, 0, `a ${(bytes / 1e6).toFixed(0)} MB log did not load within a ${heapMB} MB heap: ${r.stderr.slice(-300)}`);
  const out = JSON.parse(r.stdout.trim().split("\n").at(-1)!);
  assert.deepEqual(out, { n: out.last + 1, last: out.last, format: "lightning" });
});
