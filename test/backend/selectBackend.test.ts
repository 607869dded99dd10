import assert from "node:assert/strict";
import { test } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { describeBackend, selectBackend } from "../../src/backend/selectBackend";
import { tfjsNodeAvailable } from "../../src/backend/tfjsNodeAvailable";

test("auto picks tfjs-node when its binding loads, else libtorch when built, else wasm, and says what it skipped", async () => {
  const { libtorchAddon } = await import("../../src/backend/libtorchAddon");
  const info = await selectBackend("auto");
  if (tfjsNodeAvailable().ok) {
    assert.equal(info.name, "tensorflow");
  } else {
    assert.equal(info.name, libtorchAddon().addon ? "libtorch" : "wasm");
    assert.match(info.skipped[0], /^tensorflow: /);
  }
  assert.equal(tf.getBackend(), info.name);
  assert.match(describeBackend(info), new RegExp(`^tfjs 4.22.0, backend ${info.name}, \\d+ thread\\(s\\)`));
});

test("GROKLAB_BACKEND overrides, and a bad value is named", async () => {
  process.env.GROKLAB_BACKEND = "cpu";
  try {
    assert.equal((await selectBackend()).name, "cpu");
    process.env.GROKLAB_BACKEND = "gpu";
    await assert.rejects(selectBackend(), /selectBackend: invalid GROKLAB_BACKEND "gpu"; expected one of auto, tensorflow, libtorch, wasm, cpu/);
  } finally {
    delete process.env.GROKLAB_BACKEND;
  }
});

test("asking for a backend that cannot start says why", async () => {
  if (tfjsNodeAvailable().ok) return; // with libtensorflow present it starts
  await assert.rejects(selectBackend("tensorflow"), /selectBackend: no backend could start \(tensorflow: /);
});

test("the libtorch backend starts when its addon is built, and reports its threads", async () => {
  const { libtorchAddon } = await import("../../src/backend/libtorchAddon");
  const { addon, why } = libtorchAddon();
  if (!addon) {
    await assert.rejects(selectBackend("libtorch"), new RegExp(`libtorch: ${why.replace(/[()]/g, ".")}`));
    return;
  }
  const info = await selectBackend("libtorch");
  assert.equal(info.name, "libtorch");
  assert.equal(info.threads, Number(process.env.GROKLAB_THREADS ?? (await import("os")).availableParallelism()));
  await selectBackend("cpu");
});
