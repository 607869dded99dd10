import assert from "node:assert/strict";
import { test } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { libtorchAddon } from "../../src/backend/libtorchAddon";
import { selectBackend } from "../../src/backend/selectBackend";
import { EmbeddingMLP } from "../../src/models/EmbeddingMLP";
import { ActivationCache, disposeCache } from "../../src/models/Model";
import { AdamW } from "../../src/train/AdamW";
import { crossEntropy } from "../../src/train/crossEntropy";
import { allPairs, assertClose, fixture } from "../helpers";

interface MLPFixture {
  p: number;
  width: number;
  E1: number[];
  E2: number[];
  W_out: number[];
  logits: { relu: number[]; quadratic: number[] };
  losses: number[];
  after: { E1: number[]; E2: number[]; W_out: number[] };
}

const f = fixture<MLPFixture>("embeddingMLP");

function fromFixture(activation: "relu" | "quadratic"): EmbeddingMLP {
  const weights = {
    "embed.E1": tf.tensor2d(f.E1, [f.p, f.width]),
    "embed.E2": tf.tensor2d(f.E2, [f.p, f.width]),
    "unembed.W_out": tf.tensor2d(f.W_out, [f.width, f.p]),
  };
  const model = new EmbeddingMLP({ numClasses: f.p, width: f.width, activation }, weights);
  tf.dispose(Object.values(weights));
  return model;
}

for (const activation of ["relu", "quadratic"] as const) {
  test(`forward (${activation}) matches the PyTorch module with the same weights`, () => {
    const model = fromFixture(activation);
    const { a, b, y } = allPairs(f.p);
    const logits = model.forward({ a, b });
    assert.deepEqual(logits.shape, [f.p * f.p, f.p]);
    assertClose(logits.dataSync(), f.logits[activation], 1e-5, 1e-5, "logits");
    tf.dispose([logits, a, b, y]);
    model.dispose();
  });
}

for (const backend of ["cpu", "libtorch"] as const) {
const skip = backend === "libtorch" && !libtorchAddon().addon ? libtorchAddon().why : false;
test(`three full-batch AdamW steps on ${backend} match PyTorch's losses and weights`, { skip }, async () => {
  await selectBackend(backend);
  const model = fromFixture("relu");
  const { a, b, y } = allPairs(f.p);
  const opt = new AdamW({ lr: 1e-2, weightDecay: 1 });
  const losses: number[] = [];
  for (let i = 0; i < 3; i++) {
    const loss = opt.minimize(() => crossEntropy(model.forward({ a, b }), y), true, Object.values(model.params))!;
    losses.push(loss.dataSync()[0]);
    loss.dispose();
  }
  assertClose(losses, f.losses, 1e-5, 1e-6, "loss");
  assertClose(model.params["embed.E1"].dataSync(), f.after.E1, 1e-4, 1e-5, "E1");
  assertClose(model.params["unembed.W_out"].dataSync(), f.after.W_out, 1e-4, 1e-5, "W_out");
  opt.dispose();
  tf.dispose([a, b, y]);
  model.dispose();
  await selectBackend("cpu");
});
}

test("the activation cache holds named activations of the right shapes", () => {
  const model = fromFixture("relu");
  const { a, b, y } = allPairs(f.p);
  const cache: ActivationCache = new Map();
  tf.dispose(model.forward({ a, b }, cache));
  assert.deepEqual([...cache.keys()], ["hidden.pre", "hidden.post", "logits"]);
  assert.deepEqual(cache.get("hidden.post")!.shape, [25, f.width]);
  assert.ok(cache.get("hidden.post")!.min().dataSync()[0] >= 0);
  disposeCache(cache);
  tf.dispose([a, b, y]);
  model.dispose();
});

test("the same seed gives the same initial weights; another seed does not", () => {
  const w = (seed: number) => {
    const m = new EmbeddingMLP({ numClasses: 7, width: 4, seed });
    const v = Array.from(m.params["embed.E1"].dataSync());
    m.dispose();
    return v;
  };
  assert.deepEqual(w(3), w(3));
  assert.notDeepEqual(w(3), w(4));
});

test("bad shapes and options are named", () => {
  assert.throws(() => new EmbeddingMLP({ numClasses: 7, width: 0 }), /EmbeddingMLP: invalid config:\n  width: expected integer to be greater or equal to 1; received 0 \(a number\)/);
  assert.throws(() => new EmbeddingMLP({ numClasses: 7, activation: "gelu" as never }), /EmbeddingMLP: invalid config:\n  activation: expected one of "relu", "quadratic"; received "gelu" \(a string\)/);
  assert.throws(
    () => new EmbeddingMLP({ numClasses: 3, width: 2 }, { "embed.E1": tf.zeros([3, 3]) }),
    /EmbeddingMLP: weight "embed.E1" must have shape \[3,2\]; received \[3,3\]/,
  );
});
