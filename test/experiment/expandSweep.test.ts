import assert from "node:assert/strict";
import { test } from "node:test";
import { expandSweep, readableRunName } from "../../src/experiment/expandSweep";

const base = { data: { operation: "x+y", p: 7 }, model: { kind: "mlp", width: 8 }, train: { steps: 10 } };

test("a grid expands to every combination, first path slowest, each named by its values and in OUT/runs/<name>", () => {
  const runs = expandSweep({ base, grid: { "train.optimizer.weightDecay": [0, 1], "data.seed": [3, 4] } }, "out");
  assert.deepEqual(runs.map((r) => r.name), ["weightDecay=0,seed=3", "weightDecay=0,seed=4", "weightDecay=1,seed=3", "weightDecay=1,seed=4"]);
  assert.deepEqual(runs[2].values, { "train.optimizer.weightDecay": 1, "data.seed": 3 });
  assert.equal(runs[2].config.train.optimizer!.weightDecay, 1);
  assert.equal(runs[2].config.train.optimizer!.lr, 1e-3, "the rest of the optimizer keeps its defaults");
  assert.equal(runs[2].config.data.seed, 3);
  assert.equal(runs[2].config.run.dir, "out/runs/weightDecay=1,seed=3");
});

test("named overrides combine with the grid; clashing last names keep their whole path", () => {
  const runs = expandSweep(
    { base, grid: { "train.seed": [0], "data.seed": [1] }, configs: [{ name: "full batch" }, { name: "minibatch 4", train: { batchSize: 4 } }] },
    "out",
  );
  assert.deepEqual(runs.map((r) => r.name), ["train.seed=0,data.seed=1,full%20batch", "train.seed=0,data.seed=1,minibatch%204"]);
  assert.equal(runs[1].config.train.batchSize, 4);
  assert.equal(runs[1].values.variant, "minibatch 4");
  const unnamed = expandSweep({ base, configs: [{ model: { kind: "nanda", dModel: 8, heads: 2 } }, {}] }, "o");
  assert.deepEqual(unnamed.map((r) => r.name), ["kind=nanda,dModel=8,heads=2", "config-1"]);
});

test("values that are not safe in folder names are %-escaped, so different values never share a folder", () => {
  const runs = expandSweep({ base, grid: { "data.operation": ["x+y", "x*y", "x/y", "x/y if y odd else x-y"] } }, "out");
  assert.deepEqual(runs.map((r) => r.name), ["operation=x+y", "operation=x%2Ay", "operation=x%2Fy", "operation=x%2Fy%20if%20y%20odd%20else%20x-y"]);
  // and readableRunName undoes the escapes for display (a literal "%" in a value was escaped too)
  assert.deepEqual(runs.map((r) => readableRunName(r.name)), ["operation=x+y", "operation=x*y", "operation=x/y", "operation=x/y if y odd else x-y"]);
  const percent = expandSweep({ base, configs: [{ name: "lr ÷ 3, 50%", train: { optimizer: { lr: 0.01 } } }] }, "out")[0].name;
  assert.equal(readableRunName(percent), "lr ÷ 3, 50%");
});

test("every run is validated before any runs: wrong paths and values are named with the run", () => {
  assert.throws(() => expandSweep({ base, grid: { "train.optimizer.lr": ["fast"] } }, "o"), /sweep run "lr=fast": invalid config:\n  train\.optimizer\.lr: expected number; received "fast"/);
  assert.throws(() => expandSweep({ base: { ...base, run: { dir: "x" } } }, "o"), /sweep: invalid config:\n  base\.run\.dir: expected nothing/);
  assert.throws(() => expandSweep({ base, grid: { "data.seed": [] } }, "o"), /sweep: invalid config:\n  grid\.data\.seed: expected array length to be greater or equal to 1/);
  assert.throws(() => expandSweep({ base, grids: {} }, "o"), /sweep: invalid config:\n  grids: unexpected property/);
});
