import assert from "node:assert/strict";
import { test } from "node:test";
import { configDifferences } from "../../src/runs/configDifferences";

test("configDifferences: run.dir never counts; every other leaf does, named by its dotted path", () => {
  const a = { data: { p: 7, seed: 0 }, train: { steps: 10, optimizer: { lr: 0.001 } }, run: { dir: "runs/a", checkpointsPerDecade: 3 } };
  assert.deepEqual(configDifferences(a, { ...a, run: { ...a.run, dir: "../elsewhere/a" } }), []);
  assert.deepEqual(configDifferences(a, { ...a, train: { steps: 20, optimizer: { lr: 0.001 } } }), ["train.steps: 10 in the folder, 20 now"]);
  assert.deepEqual(configDifferences(a, { ...a, run: { dir: "runs/a", checkpointsPerDecade: 5 } }), ["run.checkpointsPerDecade: 3 in the folder, 5 now"]);
  assert.deepEqual(configDifferences(a, { ...a, data: { p: 7 } }), ["data.seed: 0 in the folder, undefined now"]);
  assert.deepEqual(configDifferences({ grid: [1, 2] }, { grid: [1, 3] }), ["grid: [1,2] in the folder, [1,3] now"]);
});

test("configDifferences: a field absent in the folder and null now (an option added since, left off) is no difference; any other value is", () => {
  const before = { data: { operation: "x+y", p: 7 }, run: { dir: "a" } };
  assert.deepEqual(configDifferences(before, { data: { operation: "x+y", p: 7, relabel: null }, run: { dir: "a" } }), []);
  assert.deepEqual(configDifferences(before, { data: { operation: "x+y", p: 7, relabel: 3 }, run: { dir: "a" } }), ["data.relabel: undefined in the folder, 3 now"]);
  assert.deepEqual(configDifferences({ data: { relabel: null } }, { data: {} }), []);
});
