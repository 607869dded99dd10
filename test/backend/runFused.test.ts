import assert from "node:assert/strict";
import { test } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { FUSED, runFused } from "../../src/backend/runFused";
import { selectBackend } from "../../src/backend/selectBackend";
import { availableBackends } from "../helpers";

test("returns null where the active backend has no fused kernel, so callers use plain ops", async () => {
  await selectBackend("cpu");
  const dy = tf.ones([2]);
  const x = tf.tensor1d([-1, 1]);
  assert.equal(runFused(FUSED.reluGrad, { dy, x }), null);
  tf.dispose([dy, x]);
});

test("runs the kernel on libtorch, and GROKLAB_FUSED=0 turns it off", async (t) => {
  if (!availableBackends().includes("libtorch")) return t.skip("the libtorch addon is not built");
  await selectBackend("libtorch");
  const dy = tf.tensor1d([5, 6]);
  const x = tf.tensor1d([-1, 1]);
  const out = runFused<tf.Tensor>(FUSED.reluGrad, { dy, x });
  assert.deepEqual(Array.from(out!.dataSync()), [0, 6]);
  process.env.GROKLAB_FUSED = "0";
  try {
    assert.equal(runFused(FUSED.reluGrad, { dy, x }), null);
  } finally {
    delete process.env.GROKLAB_FUSED;
  }
  tf.dispose([dy, x, out!]);
  await selectBackend("cpu");
});
