import assert from "node:assert/strict";
import { test } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { selectBackend } from "../../src/backend/selectBackend";
import { accuracy, crossEntropy } from "../../src/train/crossEntropy";
import { assertClose, availableBackends, fixture } from "../helpers";

interface CrossEntropyFixture {
  logits: number[];
  labels: number[];
  loss: number;
  gradHalf: number[];
}

test("loss and gradient equal torch.nn.functional.cross_entropy's on every backend, without leaking", async () => {
  const f = fixture<CrossEntropyFixture>("crossEntropy");
  for (const backend of availableBackends()) {
    await selectBackend(backend);
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const logits = tf.tensor2d(f.logits, [7, 5]);
      const labels = tf.tensor1d(f.labels, "int32");
      assertClose(crossEntropy(logits, labels).dataSync(), [f.loss], 1e-6, 1e-7, `${backend} loss`);
      const grad = tf.grad((x: tf.Tensor) => crossEntropy(x as tf.Tensor2D, labels).mul(0.5))(logits);
      assertClose(grad.dataSync(), f.gradHalf, 1e-5, 1e-7, `${backend} gradient`);
    });
    assert.equal(tf.memory().numTensors, before, `${backend}: live tensors`);
  }
  await selectBackend("cpu");
});

test("by hand: two equal logits give ln 2; a confident right answer gives ~0", async () => {
  for (const backend of availableBackends()) {
    await selectBackend(backend);
    const loss = tf.tidy(() => crossEntropy(tf.tensor2d([[0, 0], [30, 0]]), tf.tensor1d([1, 0], "int32")).dataSync()[0]);
    assertClose([loss], [Math.LN2 / 2], 1e-6, 1e-7, `${backend} loss`);
  }
  await selectBackend("cpu");
});

test("the fused and the plain gradients agree on libtorch (GROKLAB_FUSED=0 turns fusion off)", async (t) => {
  if (!availableBackends().includes("libtorch")) return t.skip("the libtorch addon is not built");
  await selectBackend("libtorch");
  const run = () =>
    tf.tidy(() => {
      const logits = tf.randomNormal([64, 11], 0, 3, "float32", 7) as tf.Tensor2D;
      const labels = tf.tensor1d(Array.from({ length: 64 }, (_, i) => (i * 5) % 11), "int32");
      const x = tf.variable(logits, true, `ce.fused.${process.env.GROKLAB_FUSED ?? 1}`);
      const { value, grads } = tf.variableGrads(() => crossEntropy(x, labels), [x]);
      return [value.dataSync()[0], ...Array.from(grads[x.name].dataSync())];
    });
  const fused = run();
  process.env.GROKLAB_FUSED = "0";
  try {
    const plain = run();
    assertClose(fused, plain, 1e-5, 1e-7, "fused vs plain");
  } finally {
    delete process.env.GROKLAB_FUSED;
    tf.disposeVariables();
  }
  await selectBackend("cpu");
});

test("bad shapes and dtypes are named", () => {
  const logits = tf.zeros([3, 4]) as tf.Tensor2D;
  assert.throws(() => crossEntropy(tf.zeros([3]) as never, tf.tensor1d([0, 1, 2], "int32")), /crossEntropy: logits must be \[batch, classes\]; received shape \[3\]/);
  assert.throws(() => crossEntropy(logits, tf.tensor1d([0, 1], "int32")), /crossEntropy: labels must be int32 \[3\]; received int32 \[2\]/);
  assert.throws(() => crossEntropy(logits, tf.tensor1d([0, 1, 2], "float32")), /crossEntropy: labels must be int32 \[3\]; received float32 \[3\]/);
});

test("accuracy counts the rows whose arg-max is the label", () => {
  const acc = accuracy(tf.tensor2d([[1, 0], [0, 1], [2, 1]]), tf.tensor1d([0, 0, 0], "int32")).dataSync()[0];
  assertClose([acc], [2 / 3]);
});
