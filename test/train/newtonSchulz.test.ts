import assert from "node:assert/strict";
import { test } from "node:test";
import * as tf from "@tensorflow/tfjs";
import { newtonSchulz } from "../../src/train/newtonSchulz";
import { assertClose, fixture } from "../helpers";

interface Fixture {
  newtonSchulz: Record<string, { shape: number[]; input: number[]; output: number[] }>;
}

test("newtonSchulz equals the PyTorch reference on a tall, a wide and a batched matrix", () => {
  const f = fixture<Fixture>("muon");
  for (const [name, c] of Object.entries(f.newtonSchulz)) {
    const out = tf.tidy(() => Array.from(newtonSchulz(tf.tensor(c.input, c.shape)).dataSync()));
    assertClose(out, c.output, 1e-4, 1e-5, name);
  }
});

test("newtonSchulz keeps the singular vectors and brings the singular values of a random [64, 256] gradient into ~[0.7, 1.2]", () => {
  const before = tf.memory().numTensors;
  const g = tf.randomNormal([64, 256], 0, 1, "float32", 3);
  const o = newtonSchulz(g);
  // O·Oᵀ ≈ I up to the iteration's tolerance: the diagonal of O·Oᵀ holds the squared singular values' mix
  const gram = tf.tidy(() => tf.matMul(o, o, false, true));
  const diag = tf.tidy(() => Array.from(tf.linalg.bandPart(gram, 0, 0).sum(1).dataSync()));
  assert.ok(Math.min(...diag) > 0.4 && Math.max(...diag) < 1.5, `diag(O·Oᵀ) in [${Math.min(...diag).toFixed(2)}, ${Math.max(...diag).toFixed(2)}]`);
  // the same row space: projecting G on O's rows keeps nearly all of G
  const kept = tf.tidy(() => {
    const q = tf.linalg.qr(o.transpose())[0]; // [256, 64], orthonormal columns spanning O's rows
    return tf.matMul(g, q).square().sum().div(g.square().sum()).dataSync()[0];
  });
  assert.ok(kept > 0.999, `share of G in O's row space: ${kept}`);
  tf.dispose([g, o, gram]);
  assert.equal(tf.memory().numTensors, before);
  assert.throws(() => newtonSchulz(tf.tensor1d([1, 2])), /newtonSchulz: expected a matrix \[m, n\] or a batch \[\.\.\., m, n\]; received shape \[2\]/);
});
