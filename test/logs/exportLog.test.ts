import assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { test } from "node:test";
import { exportLog } from "../../src/logs/exportLog";
import { loadLog } from "../../src/logs/loadLog";
import { runLog } from "../../src/runs/runLog";

// A real groklab run's log (test/fixtures/runs/mlp-p31, made by test/fixtures/makeRunLog.ts).
const real = runLog(path.join(__dirname, "..", "fixtures", "runs", "mlp-p31")).records;

for (const format of ["lightning", "long"] as const) {
  test(`exportLog ${format}: loadLog reads a real run back, step for step`, () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "export-")), `${format}.csv`);
    fs.writeFileSync(file, exportLog(real, format));
    const back = loadLog(file, { format }).records;
    assert.equal(back.length, real.length);
    back.forEach((b, i) => {
      const r = real[i];
      assert.equal(b.step, r.step);
      for (const f of ["trainLoss", "valLoss", "trainAccuracy", "valAccuracy"] as const) assert.ok(Math.abs(b[f] - r[f]) < 1e-12, `${f} at step ${r.step}: ${b[f]} vs ${r[f]}`);
    });
    if (format === "lightning") assert.ok(back.every((b, i) => b.lr === real[i].lr && b.epoch === real[i].epoch));
  });
}

test("exportLog lightning: train and validation on separate rows, accuracies in percent (openai/grok's layout), hand-checked", () => {
  const text = exportLog([{ step: 10, epoch: 2.5, trainLoss: 0.5, trainAccuracy: 0.75, valLoss: 3, valAccuracy: 0.125, weightNorm: 9, lr: 1e-3, wallTime: 1 }], "lightning");
  assert.equal(text, "epoch,learning_rate,step,train_accuracy,train_loss,val_accuracy,val_loss\n2.5,0.001,10,75,0.5,,\n2.5,,10,,,12.5,3\n");
  assert.equal(exportLog([{ step: 1, epoch: 1, trainLoss: Infinity, trainAccuracy: NaN, valLoss: 1, valAccuracy: 0, weightNorm: 1, lr: 1, wallTime: 0 }], "long"),
    "epoch,input_type,metric_name,layer,value\n1,train,loss,,inf\n1,train,accuracy,,\n1,val,loss,,1\n1,val,accuracy,,0\n");
  assert.throws(() => exportLog(real, "tsv" as "long"), /exportLog: invalid format "tsv"; expected "lightning" or "long"/);
});
