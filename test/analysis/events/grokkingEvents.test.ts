import assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { test } from "node:test";
import { grokkingEvents } from "../../../src/analysis/events/grokkingEvents";
import { runStalled } from "../../../src/runs/runStalled";
import { LogRecord } from "../../../src/logs/LogRecord";
import { loadLog } from "../../../src/logs/loadLog";

function log(points: [number, number, number][]): LogRecord[] {
  return points.map(([step, trainAccuracy, valAccuracy]) => ({
    step, epoch: step, trainAccuracy, valAccuracy, trainLoss: 0, valLoss: 0, weightNorm: 0, lr: 0, wallTime: 0,
  }));
}

/** Validation accuracy as a logistic in log10(step) centred at 10^centre. */
function synthetic(centre: number, steps = 60): LogRecord[] {
  return log(Array.from({ length: steps }, (_, i) => {
    const step = Math.round(10 ** (1 + (4 * i) / (steps - 1)));
    const val = 0.01 + 0.99 / (1 + Math.exp(-12 * (Math.log10(step) - centre)));
    return [step, step >= 200 ? 1 : 0.5, val];
  }));
}

test("clean grokking: the transition window surrounds 10^3.5 and the ratio is generalisation/memorisation", () => {
  const ev = grokkingEvents(synthetic(3.5), { smoothing: 1 });
  assert.ok(ev.transition!.steepestStep > 2500 && ev.transition!.steepestStep < 4000, JSON.stringify(ev.transition));
  assert.ok(ev.transition!.start < ev.transition!.steepestStep && ev.transition!.end > ev.transition!.steepestStep);
  assert.equal(ev.censored, false);
  assert.equal(ev.ratio, ev.generalisation! / ev.memorisation!);
  assert.deepEqual(ev.drops, []);
});

test("never grokked: censored, no generalisation step", () => {
  const ev = grokkingEvents(log([[1, 0.1, 0.01], [10, 1, 0.02], [100, 1, 0.03], [1000, 1, 0.02]]));
  assert.equal(ev.censored, true);
  assert.equal(ev.generalisation, null);
  assert.equal(ev.ratio, null);
});

test("a slingshot recovers; an ungrokking does not", () => {
  const sling = grokkingEvents(log([[1, 0, 0], [10, 1, 0.2], [20, 1, 1], [30, 1, 1], [40, 1, 1], [50, 1, 0.6], [60, 1, 0.4], [70, 1, 1], [80, 1, 1]]));
  assert.deepEqual(sling.drops, [{ metric: "valAccuracy", step: 50, from: 1, to: 0.4, kind: "slingshot" }]);
  const un = grokkingEvents(log([[1, 0, 0], [10, 1, 0.2], [20, 1, 1], [30, 1, 1], [40, 1, 1], [50, 1, 0.5], [60, 1, 0.3]]));
  assert.deepEqual(un.drops.map((d) => d.kind), ["ungrokking"]);
});

test("on a real groklab run (a+b mod 31, test/fixtures/runs/mlp-p31): memorise early, generalise ~15× later", () => {
  const { records } = loadLog(path.join(__dirname, "..", "..", "fixtures", "runs", "mlp-p31", "log.jsonl"));
  const ev = grokkingEvents(records);
  assert.ok(ev.memorisation! >= 50 && ev.memorisation! <= 150, `memorisation ${ev.memorisation}`);
  assert.ok(ev.generalisation! >= 1200 && ev.generalisation! <= 1700, `generalisation ${ev.generalisation}`);
  assert.ok(ev.ratio! > 8, `ratio ${ev.ratio}`);
  assert.ok(ev.transition!.steepestStep > ev.memorisation! && ev.transition!.steepestStep <= ev.generalisation!);
});

test("a run whose log stopped changing is stalled", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "groklab-stall-"));
  fs.writeFileSync(path.join(dir, "log.jsonl"), "{}\n");
  const written = fs.statSync(path.join(dir, "log.jsonl")).mtimeMs;
  assert.deepEqual(runStalled(dir, 60, written + 30_000), { stalled: false, silentSeconds: 30 });
  assert.equal(runStalled(dir, 60, written + 61_000).stalled, true);
  assert.throws(() => runStalled(path.join(dir, "nope"), 60), /runStalled: no log at/);
});
