/**
 * Multi-head causal self-attention without biases (Power et al.'s and Nanda et al.'s models),
 * with TransformerLens weight layouts: W_Q, W_K, W_V [heads, dModel, dHead], W_O [heads, dHead, dModel].
 * Scores are scaled by 1/√dHead; position q attends to positions k ≤ q.
 */
import * as tf from "@tensorflow/tfjs";
import { ActivationCache } from "./Model";

export interface AttentionWeights {
  W_Q: tf.Tensor3D;
  W_K: tf.Tensor3D;
  W_V: tf.Tensor3D;
  W_O: tf.Tensor3D;
}

/** The four attention matrices of `prefix` (e.g. "blocks.0.attn") from a model's parameters. */
export function attentionWeights(params: Record<string, tf.Tensor>, prefix: string): AttentionWeights {
  const get = (n: string) => params[`${prefix}.${n}`] as tf.Tensor3D;
  return { W_Q: get("W_Q"), W_K: get("W_K"), W_V: get("W_V"), W_O: get("W_O") };
}

/** Projects x [batch, pos, dModel] with W [heads, dModel, dHead] to [batch, heads, pos, dHead]. */
function project(x: tf.Tensor3D, w: tf.Tensor3D): tf.Tensor4D {
  const [batch, pos, dModel] = x.shape;
  const [heads, , dHead] = w.shape;
  const flat = x.reshape([batch * pos, dModel]); // [batch·pos, dModel]
  const all = tf.matMul(flat, w.transpose([1, 0, 2]).reshape([dModel, heads * dHead])); // [batch·pos, heads·dHead]
  return all.reshape([batch, pos, heads, dHead]).transpose([0, 2, 1, 3]) as tf.Tensor4D;
}

/** Additive mask [pos, pos]: 0 where k ≤ q, −1e9 elsewhere. */
function causalMask(pos: number): tf.Tensor2D {
  return tf.tidy(() => tf.linalg.bandPart(tf.ones([pos, pos]), -1, 0).sub(1).mul(1e9) as tf.Tensor2D);
}

/**
 * @param x residual stream [batch, pos, dModel]
 * @param prefix cache name prefix, e.g. "blocks.0.attn"
 * @returns attention output [batch, pos, dModel]
 */
export function causalAttention(x: tf.Tensor3D, w: AttentionWeights, prefix: string, cache?: ActivationCache): tf.Tensor3D {
  return tf.tidy(() => {
    const [batch, pos, dModel] = x.shape;
    const [heads, , dHead] = w.W_Q.shape;
    const q = project(x, w.W_Q); // [batch, heads, pos, dHead]
    const k = project(x, w.W_K);
    const v = project(x, w.W_V);
    const scores = tf.matMul(q, k, false, true).div(Math.sqrt(dHead)).add(causalMask(pos)); // [batch, heads, q, k]
    const pattern = tf.softmax(scores); // [batch, heads, q, k]
    const z = tf.matMul(pattern, v); // [batch, heads, pos, dHead]
    const zFlat = z.transpose([0, 2, 1, 3]).reshape([batch * pos, heads * dHead]); // [batch·pos, heads·dHead]
    const out = tf.matMul(zFlat, w.W_O.reshape([heads * dHead, dModel])).reshape([batch, pos, dModel]) as tf.Tensor3D;
    if (cache) {
      cache.set(`${prefix}.pattern`, tf.keep(pattern));
      cache.set(`${prefix}.z`, tf.keep(z));
    }
    return out;
  });
}
