import assert from "node:assert/strict";
import { test } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { libtorchAddon } from "../../src/backend/libtorchAddon";
import { selectBackend } from "../../src/backend/selectBackend";
import { makeDataset } from "../../src/data/makeDataset";
import { ActivationCache, disposeCache, Model } from "../../src/models/Model";
import { NandaTransformer } from "../../src/models/NandaTransformer";
import { PowerTransformer } from "../../src/models/PowerTransformer";
import { crossEntropy } from "../../src/train/crossEntropy";
import { train } from "../../src/train/train";
import { allPairs, assertClose, fixture, fixtureWeights } from "../helpers";

interface Fixture {
  config: Record<string, number> & { numClasses: number };
  shapes: Record<string, number[]>;
  weights: Record<string, number[]>;
  logits: number[];
  mlpPost?: number[];
  labels: number[];
  loss: number;
  grads: Record<string, number[]>;
}

/** The loss on the fixture's labels over all pairs and its gradient for every weight, on the active backend. */
function lossAndGradients(model: Model, f: Fixture): { loss: number; grads: Record<string, Float32Array> } {
  return tf.tidy(() => {
    const { a, b } = allPairs(f.config.numClasses);
    const labels = tf.tensor1d(f.labels, "int32");
    const { value, grads } = tf.variableGrads(() => crossEntropy(model.forward({ a, b }) as tf.Tensor2D, labels), Object.values(model.params));
    const byName = Object.fromEntries(Object.entries(model.params).map(([name, v]) => [name, grads[v.name].dataSync() as Float32Array]));
    return { loss: value.dataSync()[0], grads: byName };
  });
}

const MODELS = {
  NandaTransformer: (f: Fixture, w?: Record<string, tf.Tensor>) => new NandaTransformer(f.config, w),
  PowerTransformer: (f: Fixture, w?: Record<string, tf.Tensor>) => new PowerTransformer(f.config, w),
};

for (const [name, make] of Object.entries(MODELS)) {
  const f = fixture<Fixture>(name[0].toLowerCase() + name.slice(1));
  for (const backend of ["cpu", "wasm", "libtorch"] as const) {
    const skip = backend === "libtorch" && !libtorchAddon().addon ? libtorchAddon().why : false;
    test(`${name} forward on ${backend} (with and without a cache) matches an equivalent PyTorch module with the same weights`, { skip }, async () => {
      await selectBackend(backend);
      const weights = fixtureWeights(f);
      const model = make(f, weights);
      tf.dispose(Object.values(weights));
      const { a, b, y } = allPairs(f.config.numClasses);
      const cache: ActivationCache = new Map();
      const logits = model.forward({ a, b }, cache);
      assertClose(logits.dataSync(), f.logits, 1e-4, 1e-5, "logits");
      const answerOnly = model.forward({ a, b }); // without a cache the last layer computes the "=" position only
      assertClose(answerOnly.dataSync(), f.logits, 1e-4, 1e-5, "logits without a cache");
      answerOnly.dispose();
      if (f.mlpPost) assertClose(cache.get("blocks.0.mlp.post")!.dataSync(), f.mlpPost, 1e-4, 1e-5, "blocks.0.mlp.post");
      assert.deepEqual(cache.get("blocks.0.attn.pattern")!.shape.slice(1, 2), [f.config.heads]);
      tf.dispose([logits, a, b, y]);
      disposeCache(cache);
      model.dispose();
      await selectBackend("cpu");
    });
  }
}

for (const [name, make] of Object.entries(MODELS)) {
  const f = fixture<Fixture>(name[0].toLowerCase() + name.slice(1));
  const runs = [
    { backend: "cpu", fused: true },
    { backend: "wasm", fused: true },
    { backend: "libtorch", fused: true },
    { backend: "libtorch", fused: false },
  ] as const;
  for (const { backend, fused } of runs) {
    const skip = backend === "libtorch" && !libtorchAddon().addon ? libtorchAddon().why : false;
    const how = backend === "libtorch" ? (fused ? " with fused kernels" : " with GROKLAB_FUSED=0") : "";
    test(`${name}: the loss gradient on ${backend}${how} matches PyTorch autograd for every weight`, { skip }, async () => {
      await selectBackend(backend);
      const saved = process.env.GROKLAB_FUSED;
      if (!fused) process.env.GROKLAB_FUSED = "0";
      try {
        const weights = fixtureWeights(f);
        const model = make(f, weights);
        tf.dispose(Object.values(weights));
        const before = tf.memory().numTensors;
        const { loss, grads } = lossAndGradients(model, f);
        assert.equal(tf.memory().numTensors, before, "live tensors");
        assertClose([loss], [f.loss], 1e-5, 1e-6, "loss");
        for (const [param, g] of Object.entries(f.grads)) assertClose(grads[param], g, 1e-3, 2e-6, `d loss / d ${param}`);
        model.dispose();
      } finally {
        if (saved === undefined) delete process.env.GROKLAB_FUSED;
        else process.env.GROKLAB_FUSED = saved;
        await selectBackend("cpu");
      }
    });
  }
}

test("default sizes are the papers': Nanda ~227k parameters, Power ~400k", () => {
  const count = (m: Model) => Object.values(m.params).reduce((s, v) => s + v.size, 0);
  const nanda = new NandaTransformer({ numClasses: 113 });
  // W_E 114·128 + W_pos 3·128 + 4·(4·128·32) + W_in/W_out 2·128·512 + b 512 + 128 + W_U 128·113
  assert.equal(count(nanda), 114 * 128 + 3 * 128 + 4 * 4 * 128 * 32 + 2 * 128 * 512 + 512 + 128 + 128 * 113);
  const power = new PowerTransformer({ numClasses: 97 });
  const perLayer = 4 * 128 * 128 + 2 * 128 * 512 + 4 * 128;
  assert.equal(count(power), 100 * 128 + 2 * perLayer + 128 * 97);
  assert.ok(count(power) > 380_000 && count(power) < 420_000);
  nanda.dispose();
  power.dispose();
});

for (const [name, make] of Object.entries({
  NandaTransformer: () => new NandaTransformer({ numClasses: 7, dModel: 16, heads: 2, dMlp: 32 }),
  PowerTransformer: () => new PowerTransformer({ numClasses: 7, dModel: 16, heads: 2, dFF: 32 }),
})) {
  test(`${name} trains on wasm with the live tensor count flat`, async () => {
    await selectBackend("wasm");
    const model = make();
    const counts: number[] = [];
    const { records } = await train(model, makeDataset({ operation: "x+y", p: 7, seed: 1 }), { steps: 60, batchSize: "power", evaluation: { every: 20 } }, () => {
      counts.push(tf.memory().numTensors);
    });
    model.dispose();
    await selectBackend("cpu");
    assert.equal(new Set(counts.slice(1)).size, 1, `${counts}`);
    assert.ok(records[records.length - 1].trainLoss < records[0].trainLoss, "the loss went down");
  });
}

test("bad sizes are named", () => {
  assert.throws(() => new PowerTransformer({ numClasses: 7, dModel: 10, heads: 4 }), /PowerTransformer: heads \(4\) must divide dModel \(10\)/);
  assert.throws(() => new NandaTransformer({ numClasses: 0 }), /NandaTransformer: invalid config:\n  numClasses: expected integer to be greater or equal to 1; received 0/);
  assert.throws(() => new NandaTransformer({ numClasses: 7, dModel: 10, heads: 4, dHead: 2 }), /NandaTransformer: heads \(4\) must divide dModel \(10\)/);
});

test("creating and disposing any model leaves no tensor behind", () => {
  const before = tf.memory().numTensors;
  new NandaTransformer({ numClasses: 5, dModel: 8, heads: 2, dMlp: 8 }).dispose();
  new PowerTransformer({ numClasses: 5, dModel: 8, heads: 2, dFF: 8 }).dispose();
  const { EmbeddingMLP } = require("../../src/models/EmbeddingMLP") as typeof import("../../src/models/EmbeddingMLP");
  new EmbeddingMLP({ numClasses: 5, width: 4 }).dispose();
  assert.equal(tf.memory().numTensors, before);
});
