/**
 * A config is checked once per public call: resolve fills every default, freezes the result and
 * lets it (or a part of it) pass through the layers below unchecked. Counted on the three ways in:
 * a notebook's runExperiment, the command line's train, and the command line's sweep.
 */
import assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { test } from "node:test";
import { isResolved, onResolve, resolve } from "../../src/config/resolve";
import { TrainConfigSchema } from "../../src/specs/TrainConfig";
import { OptimizerConfigSchema } from "../../src/specs/OptimizerConfig";
import { DatasetConfigSchema } from "../../src/specs/DatasetConfig";
import { runExperiment } from "../../src/experiment/runExperiment";
import { main } from "../../src/cli/main";
import { AdamW } from "../../src/train/AdamW";

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "groklab-resolve-"));

/** The owners of every check made while `f` runs. */
async function checksDuring(f: () => Promise<unknown> | unknown): Promise<string[]> {
  const owners: string[] = [];
  const stop = onResolve((owner) => owners.push(owner));
  try {
    await f();
  } finally {
    stop();
  }
  return owners;
}

test("resolve fills every default, freezes the result and passes it (and its parts) through unchecked", async () => {
  const train = resolve(TrainConfigSchema, { steps: 10, optimizer: { lr: 0.01 } }, "train");
  assert.equal(train.optimizer.lr, 0.01);
  assert.equal(train.optimizer.beta2, 0.98);
  assert.equal(train.batchSize, "full");
  assert.deepEqual(train.evaluation, { every: 100, perDecade: 10 });
  assert.ok(Object.isFrozen(train) && Object.isFrozen(train.optimizer));
  assert.throws(() => ((train as { steps: number }).steps = 5), TypeError);
  assert.ok(isResolved(TrainConfigSchema, train));
  assert.ok(isResolved(OptimizerConfigSchema, train.optimizer), "the optimizer part is resolved for its own schema");
  assert.ok(!isResolved(DatasetConfigSchema, train), "but not for another schema");
  assert.ok(!isResolved(TrainConfigSchema, { ...train }), "a copy is checked again (it may have been changed)");
  assert.deepEqual(await checksDuring(() => resolve(TrainConfigSchema, train, "train")), []);
  const adam = await checksDuring(() => new AdamW(train.optimizer).dispose());
  assert.deepEqual(adam, [], "AdamW takes the resolved optimizer part unchecked");
  assert.deepEqual(await checksDuring(() => new AdamW({ lr: 0.01 }).dispose()), ["AdamW"], "a literal is checked");
});

test("a refused config is not remembered as resolved, and the error names the owner and field", () => {
  const input = { steps: 0 };
  assert.throws(() => resolve(TrainConfigSchema, input, "train"), /^Error: train: invalid config:\n  steps: expected integer to be greater or equal to 1; received 0/);
  assert.ok(!isResolved(TrainConfigSchema, input));
  assert.ok(!Object.isFrozen(input), "the caller's object is never frozen");
});

const experiment = (dir: string) => ({
  data: { operation: "x+y", p: 7, trainFraction: 0.5 },
  model: { kind: "mlp", width: 8 },
  train: { steps: 3, evaluation: { every: 1 } },
  run: { dir },
});

test("one check per notebook call: runExperiment resolves its config once; dataset, model, train and AdamW take it as it is", async () => {
  const dir = path.join(tmp(), "run");
  const owners = await checksDuring(async () => (await runExperiment(experiment(dir))).model.dispose());
  assert.deepEqual(owners, ["runExperiment"]);
  const config = JSON.parse(fs.readFileSync(path.join(dir, "config.json"), "utf8")).config;
  assert.equal(config.train.optimizer.lr, 0.001, "config.json still holds every default");
});

test("one check on the command line's train path", async () => {
  const root = tmp();
  const file = path.join(root, "config.json");
  fs.writeFileSync(file, JSON.stringify(experiment(path.join(root, "run"))));
  const owners = await checksDuring(async () => assert.equal(await main(["train", file]), 0));
  assert.deepEqual(owners, [`groklab train ${file}`]);
});

test("the command line's sweep checks the sweep once and each run once in the sweep's process", async () => {
  const root = tmp();
  const file = path.join(root, "sweep.json");
  const { run: _run, ...base } = experiment("unused");
  fs.writeFileSync(file, JSON.stringify({ base, grid: { "data.seed": [0, 1] } }));
  const owners = await checksDuring(async () => assert.equal(await main(["sweep", file, "--out", path.join(root, "out"), "--workers", "1", "--threads", "1"]), 0));
  assert.deepEqual(owners, ["sweep", 'sweep run "seed=0"', 'sweep run "seed=1"']);
});
