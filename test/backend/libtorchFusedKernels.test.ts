import assert from "node:assert/strict";
import { test } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { FUSED } from "../../src/backend/runFused";
import { selectBackend } from "../../src/backend/selectBackend";
import { causalAttention } from "../../src/models/causalAttention";
import { layerNorm } from "../../src/models/layerNorm";
import { makeDataset } from "../../src/data/makeDataset";
import { EmbeddingMLP } from "../../src/models/EmbeddingMLP";
import { crossEntropy } from "../../src/train/crossEntropy";
import { ActivationCache, disposeCache } from "../../src/models/Model";
import { assertNormClose, availableBackends } from "../helpers";

/** A call of kernel `name` for assert.throws. */
const run = (name: string, inputs: Record<string, tf.Tensor>, attrs = {}) => () => tf.tidy(() => tf.engine().runKernel(name, inputs, attrs));

test("fused kernels name themselves, the input and the dtype or shape they expected", async (t) => {
  if (!availableBackends().includes("libtorch")) return t.skip("the libtorch addon is not built");
  await selectBackend("libtorch");
  const f = tf.ones([2, 3]);
  const i = tf.ones([2, 3], "int32");
  assert.throws(run(FUSED.reluGrad, { dy: f, x: i }), /GroklabReluGrad \(libtorch\): x must be float32; received int32/);
  assert.throws(run(FUSED.reluGrad, { dy: f, x: tf.ones([3, 2]) }), /GroklabReluGrad \(libtorch\): dy and x must have one shape; received \[2,3\] and \[3,2\]/);
  assert.throws(run(FUSED.softmaxCrossEntropy, { logits: f, labels: tf.ones([2]) }), /GroklabSoftmaxCrossEntropy \(libtorch\): labels must be int32; received float32/);
  const adam = { beta1: 0.9, beta2: 0.98, stepSize: 1, correction2Sqrt: 1, eps: 1e-8 };
  assert.throws(run(FUSED.adamW, { w0: f, g0: f, m0: f, v0: tf.ones([6]) }, { ...adam, decayFactors: [1] }), /GroklabAdamW \(libtorch\): w0 and v0 must have one shape/);
  assert.throws(run(FUSED.adamW, { w0: f, g0: f, m0: f, v0: f, w1: f, g1: f, m1: f, x1: f }, { ...adam, decayFactors: [1, 1] }), /GroklabAdamW \(libtorch\): input v1 is missing/);
  assert.throws(run(FUSED.adamW, { w0: f, g0: f, m0: f, v0: f }, { ...adam, decayFactors: [1, 1] }), /GroklabAdamW \(libtorch\): expected w<i>, g<i>, m<i>, v<i> and one decay factor for each of the parameters; received 4 inputs and decayFactors \[1,1\]/);
  tf.disposeVariables();
  await selectBackend("cpu");
});

test("the fused cross-entropy: its gradient scales by dy / N, and it equals the plain ops on 4,704 rows of 97", async (t) => {
  if (!availableBackends().includes("libtorch")) return t.skip("the libtorch addon is not built");
  await selectBackend("libtorch");
  const before = tf.memory().numTensors;
  const labels = tf.tensor1d([0, 1], "int32");
  const g = tf.tidy(() => Array.from(tf.grad((x: tf.Tensor) => crossEntropy(x as tf.Tensor2D, labels).mul(4))(tf.zeros([2, 2])).dataSync()));
  assert.deepEqual(g, [-1, 1, 1, -1]); // (½ − 1)·4/2, ½·4/2, …
  const x = tf.randomNormal([4704, 97], 0, 6, "float32", 21) as tf.Tensor2D;
  const y = tf.tensor1d(Array.from({ length: 4704 }, (_, i) => (i * 13) % 97), "int32");
  const { fused, plain } = fusedAndPlain(() => {
    const { value, grads } = tf.valueAndGrads((xx: tf.Tensor) => crossEntropy(xx as tf.Tensor2D, y))([x]);
    return [value, grads[0]];
  });
  assertNormClose(fused[0], plain[0], 1e-6, "loss");
  assertNormClose(fused[1], plain[1], 1e-5, "gradient");
  tf.dispose([labels, x, y]);
  assert.equal(tf.memory().numTensors, before, "live tensors");
  await selectBackend("cpu");
});

/** f's value and gradients with the fused kernels and with GROKLAB_FUSED=0 (plain ops), on libtorch. */
function fusedAndPlain(f: () => tf.Tensor[]): { fused: Float32Array[]; plain: Float32Array[] } {
  const run = () => tf.tidy(() => f().map((t) => t.dataSync() as Float32Array));
  const fused = run();
  process.env.GROKLAB_FUSED = "0";
  try {
    return { fused, plain: run() };
  } finally {
    delete process.env.GROKLAB_FUSED;
  }
}

test("fused LayerNorm and its gradient equal the plain ops on Power's activations ([512, 5, 128], rows of any scale)", async (t) => {
  if (!availableBackends().includes("libtorch")) return t.skip("the libtorch addon is not built");
  await selectBackend("libtorch");
  const before = tf.memory().numTensors;
  const x = tf.tidy(() => tf.randomNormal([512, 5, 128], 0, 1, "float32", 1).mul(tf.randomUniform([512, 5, 1], 0.01, 30, "float32", 2)).add(3));
  const gain = tf.randomNormal([128], 1, 0.3, "float32", 3);
  const bias = tf.randomNormal([128], 0, 0.3, "float32", 4);
  const w = tf.randomNormal([512, 5, 128], 0, 1, "float32", 5);
  const { fused, plain } = fusedAndPlain(() => {
    const loss = (xx: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => layerNorm(xx, g, b).mul(w).sum();
    const y = layerNorm(x, gain, bias);
    return [y, ...tf.grads(loss)([x, gain, bias])];
  });
  ["y", "dx", "dgain", "dbias"].forEach((what, i) => assertNormClose(fused[i], plain[i], 1e-5, what));
  tf.dispose([x, gain, bias, w]);
  assert.equal(tf.memory().numTensors, before, "live tensors");
  await selectBackend("cpu");
});

test("fused causal attention and its gradient equal the plain ops at Power's and Nanda's sizes, pattern included", async (t) => {
  if (!availableBackends().includes("libtorch")) return t.skip("the libtorch addon is not built");
  await selectBackend("libtorch");
  for (const [batch, pos, heads, dHead, dModel] of [[256, 5, 4, 32, 128], [300, 3, 4, 32, 128], [7, 9, 2, 3, 6]]) {
    const before = tf.memory().numTensors;
    const x = tf.randomNormal([batch, pos, dModel], 0, 1, "float32", 6) as tf.Tensor3D;
    const W = ["W_Q", "W_K", "W_V"].map((_, i) => tf.randomNormal([heads, dModel, dHead], 0, 0.3, "float32", 7 + i) as tf.Tensor3D);
    const W_O = tf.randomNormal([heads, dHead, dModel], 0, 0.3, "float32", 10) as tf.Tensor3D;
    const up = tf.randomNormal([batch, pos, dModel], 0, 1, "float32", 11);
    const upPattern = tf.randomNormal([batch, heads, pos, pos], 0, 1, "float32", 12);
    const caches: ActivationCache[] = [];
    const { fused, plain } = fusedAndPlain(() => {
      const loss = (xx: tf.Tensor, q: tf.Tensor, k: tf.Tensor, v: tf.Tensor, o: tf.Tensor) => {
        const cache: ActivationCache = new Map();
        caches.push(cache);
        const out = causalAttention(xx as tf.Tensor3D, { W_Q: q as tf.Tensor3D, W_K: k as tf.Tensor3D, W_V: v as tf.Tensor3D, W_O: o as tf.Tensor3D }, "a", cache);
        // the pattern enters the loss too, so that its gradient path is checked
        return out.mul(up).sum().add(cache.get("a.pattern")!.mul(upPattern).sum());
      };
      const cache: ActivationCache = new Map();
      const out = causalAttention(x, { W_Q: W[0], W_K: W[1], W_V: W[2], W_O }, "a", cache);
      const kept = [cache.get("a.pattern")!.clone(), cache.get("a.z")!.clone()];
      disposeCache(cache);
      // the last position only (fused: its query alone), as a final layer computes it
      const upLast = up.slice([0, pos - 1, 0], [batch, 1, dModel]);
      const lastLoss = (xx: tf.Tensor, q: tf.Tensor, k: tf.Tensor, v: tf.Tensor, o: tf.Tensor) =>
        causalAttention(xx as tf.Tensor3D, { W_Q: q as tf.Tensor3D, W_K: k as tf.Tensor3D, W_V: v as tf.Tensor3D, W_O: o as tf.Tensor3D }, "a", undefined, true).mul(upLast).sum();
      const last = causalAttention(x, { W_Q: W[0], W_K: W[1], W_V: W[2], W_O }, "a", undefined, true);
      return [out, ...kept, ...tf.grads(loss)([x, ...W, W_O]), last, ...tf.grads(lastLoss)([x, ...W, W_O])];
    });
    const names = ["out", "pattern", "z", "dx", "dW_Q", "dW_K", "dW_V", "dW_O"];
    [...names, ...["out", "dx", "dW_Q", "dW_K", "dW_V", "dW_O"].map((n) => `last-only ${n}`)].forEach((what, i) =>
      assertNormClose(fused[i], plain[i], 1e-5, `${what} at [${batch}, ${pos}, ${heads}, ${dHead}]`),
    );
    // the last-only output is the full output's last position
    const full = fused[0], lastRow = fused[8];
    assert.equal(lastRow.length, batch * dModel);
    assertNormClose(lastRow, Array.from({ length: batch * dModel }, (_, r) => full[(Math.floor(r / dModel) * pos + pos - 1) * dModel + (r % dModel)]), 1e-6, "last row");
    tf.dispose([x, ...W, W_O, up, upPattern]);
    caches.forEach(disposeCache);
    assert.equal(tf.memory().numTensors, before, "live tensors");
  }
  await selectBackend("cpu");
});

test("fused LayerNorm and attention name themselves and what they expected", async (t) => {
  if (!availableBackends().includes("libtorch")) return t.skip("the libtorch addon is not built");
  await selectBackend("libtorch");
  const x = tf.ones([2, 3]);
  assert.throws(run(FUSED.layerNorm, { x, gain: tf.ones([4]), bias: tf.ones([4]) }, { eps: 1e-5 }), /GroklabLayerNorm \(libtorch\): gain must be \[3\], the last axis of x; received \[4\]/);
  assert.throws(run(FUSED.layerNorm, { x, gain: tf.ones([3]), bias: tf.ones([3], "int32") }, { eps: 1e-5 }), /GroklabLayerNorm \(libtorch\): bias must be float32; received int32/);
  assert.throws(run(FUSED.causalAttention, { q: x, k: x, v: x }, { scale: 1 }), /GroklabCausalAttention \(libtorch\): q must be \[batch, pos, heads, dHead\]; received \[2,3\]/);
  const q = tf.ones([1, 2, 1, 3]);
  assert.throws(run(FUSED.causalAttention, { q, k: q, v: tf.ones([1, 2, 1, 4]) }, { scale: 1 }), /GroklabCausalAttention \(libtorch\): k and v must have one shape/);
  const k = tf.ones([1, 1, 1, 3]);
  assert.throws(run(FUSED.causalAttention, { q, k, v: k }, { scale: 1 }), /GroklabCausalAttention \(libtorch\): k must be \[1, pos ≥ 2, 1, 3\], q's shape or more positions of it; received \[1,1,1,3\]/);
  assert.throws(run(FUSED.causalAttention, { q: tf.ones([1, 1, 2, 3]), k: q, v: q }, { scale: 1 }), /GroklabCausalAttention \(libtorch\): k must be \[1, pos ≥ 1, 2, 3\]/);
  tf.disposeVariables();
  await selectBackend("cpu");
});

test("the fused embedding sum and its gradient: by hand, with and without the ReLU, NaN kept", async (t) => {
  if (!availableBackends().includes("libtorch")) return t.skip("the libtorch addon is not built");
  await selectBackend("libtorch");
  const tableA = tf.tensor2d([[1, -2], [3, 4]]);
  const tableB = tf.tensor2d([[-5, 1], [0, NaN], [2, 0.5]]);
  const idsA = tf.tensor1d([0, 1, 0], "int32");
  const idsB = tf.tensor1d([2, 0, 1], "int32");
  const dy = tf.tensor2d([[1, 2], [3, 4], [5, 6]]);
  const sumAndGrads = (relu: number) =>
    tf.tidy(() => {
      const y = tf.engine().runKernel(FUSED.embedSum, { tableA, idsA, tableB, idsB }, { relu }) as tf.Tensor;
      const [dA, dB] = tf.engine().runKernel(FUSED.embedSumGrad, { dy, y, idsA, idsB }, { rowsA: 2, rowsB: 3, relu }) as tf.Tensor[];
      return [y, dA, dB].map((x) => Array.from(x.dataSync()));
    });
  // rows: A0 + B2 = [3, −1.5]; A1 + B0 = [−2, 5]; A0 + B1 = [1, NaN]
  assert.deepEqual(sumAndGrads(0), [[3, -1.5, -2, 5, 1, NaN], [1 + 5, 2 + 6, 3, 4], [3, 4, 5, 6, 1, 2]]);
  // ReLU: [3, 0], [0, 5], [1, NaN]; its gradient [1, 0], [0, 4], [5, NaN]
  assert.deepEqual(sumAndGrads(1), [[3, 0, 0, 5, 1, NaN], [1 + 5, NaN, 0, 4], [0, 4, 5, NaN, 1, 0]]);
  tf.dispose([tableA, tableB, idsA, idsB, dy]);
  await selectBackend("cpu");
});

test("the embedding MLP's fused first layer gives the plain ops' bits, forward and gradients, on its training pairs", async (t) => {
  if (!availableBackends().includes("libtorch")) return t.skip("the libtorch addon is not built");
  await selectBackend("libtorch");
  const before = tf.memory().numTensors;
  const ds = makeDataset({ operation: "x+y", p: 97, trainFraction: 0.5, seed: 0 });
  const idx = Array.from(ds.trainIndices);
  const a = tf.tensor1d(idx.map((i) => ds.a[i]), "int32");
  const b = tf.tensor1d(idx.map((i) => ds.b[i]), "int32");
  const model = new EmbeddingMLP({ numClasses: 97, width: 512, seed: 3 });
  const names = ["embed.E1", "embed.E2", "unembed.W_out"];
  // a loss of plain ops on the logits (the fused cross-entropy's own numbers differ in the last bits)
  const up = tf.randomNormal([idx.length, 97], 0, 1, "float32", 8);
  const { fused, plain } = fusedAndPlain(() => {
    const f = () => model.forward({ a, b }).mul(up).sum() as tf.Scalar;
    const vars = names.map((n) => model.params[n]);
    const { value, grads } = tf.variableGrads(f, vars);
    return [value, ...vars.map((v) => grads[v.name])];
  });
  ["loss", ...names].forEach((what, i) => assert.deepEqual(fused[i], plain[i], what));
  // the activation cache (which keeps the pre-activations) takes the plain path: the same logits
  const cache: ActivationCache = new Map();
  const [cached, direct] = tf.tidy(() => [model.forward({ a, b }, cache), model.forward({ a, b })].map((l) => l.dataSync()));
  assert.deepEqual(cached, direct);
  disposeCache(cache);
  model.dispose();
  tf.dispose([a, b, up]);
  assert.equal(tf.memory().numTensors, before, "live tensors");
  await selectBackend("cpu");
});

test("the fused embedding sum names itself and what it expected", async (t) => {
  if (!availableBackends().includes("libtorch")) return t.skip("the libtorch addon is not built");
  await selectBackend("libtorch");
  const table = tf.ones([4, 3]);
  const ids = tf.tensor1d([0, 3], "int32");
  assert.throws(run(FUSED.embedSum, { tableA: table, idsA: ids, tableB: tf.ones([4, 2]), idsB: ids }, { relu: 1 }), /GroklabEmbedSum \(libtorch\): tableA and tableB must be \[rows, width\] of one width; received \[4,3\] and \[4,2\]/);
  assert.throws(run(FUSED.embedSum, { tableA: table, idsA: ids, tableB: table, idsB: tf.tensor1d([0, 1, 2], "int32") }, { relu: 1 }), /GroklabEmbedSum \(libtorch\): idsA and idsB must have one shape; received \[2\] and \[3\]/);
  assert.throws(run(FUSED.embedSum, { tableA: table, idsA: tf.tensor1d([0, 4], "int32"), tableB: table, idsB: ids }, { relu: 1 }), /GroklabEmbedSum \(libtorch\): groklab_torch: index 4 is outside \[0, 4\)/);
  assert.throws(run(FUSED.embedSum, { tableA: table, idsA: tf.tensor1d([0, 1]), tableB: table, idsB: ids }, { relu: 1 }), /GroklabEmbedSum \(libtorch\): idsA must be int32; received float32/);
  const dy = tf.ones([2, 3]);
  assert.throws(run(FUSED.embedSumGrad, { dy, y: dy, idsA: ids, idsB: ids }, { rowsA: 3, rowsB: 4, relu: 1 }), /GroklabEmbedSumGrad \(libtorch\): groklab_torch: index 3 is outside \[0, 3\)/);
  assert.throws(run(FUSED.embedSumGrad, { dy: tf.ones([3, 3]), y: tf.ones([3, 3]), idsA: ids, idsB: ids }, { rowsA: 4, rowsB: 4, relu: 1 }), /GroklabEmbedSumGrad \(libtorch\): dy must be \[2, width\]/);
  tf.disposeVariables();
  await selectBackend("cpu");
});
