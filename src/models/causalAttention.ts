/**
 * Multi-head causal self-attention without biases (Power et al.'s and Nanda et al.'s models),
 * with TransformerLens weight layouts: W_Q, W_K, W_V [heads, dModel, dHead], W_O [heads, dHead, dModel].
 * Scores are scaled by 1/√dHead; position q attends to positions k ≤ q. Where the backend has the
 * fused kernel (runFused), scores, mask, softmax and the weighted sum are one kernel on the
 * projections' own layout (no transposes), its gradient another; elsewhere plain tfjs ops.
 */
import * as tf from "@tensorflow/tfjs";
import { FUSED, hasFused, runFused } from "../backend/runFused";
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

/** Projects x [batch, pos, dModel] with W [heads, dModel, dHead] to [batch, pos, heads, dHead]. */
function projectRows(x: tf.Tensor3D, w: tf.Tensor3D): tf.Tensor4D {
  const [batch, pos, dModel] = x.shape;
  const [heads, , dHead] = w.shape;
  const flat = x.reshape([batch * pos, dModel]); // [batch·pos, dModel]
  const all = tf.matMul(flat, w.transpose([1, 0, 2]).reshape([dModel, heads * dHead])); // [batch·pos, heads·dHead]
  return all.reshape([batch, pos, heads, dHead]);
}

/** Projects x [batch, pos, dModel] with W [heads, dModel, dHead] to [batch, heads, pos, dHead]. */
function project(x: tf.Tensor3D, w: tf.Tensor3D): tf.Tensor4D {
  return projectRows(x, w).transpose([0, 2, 1, 3]);
}

/**
 * z [batch, pos, heads, dHead] and pattern from the fused kernel, or null where there is none;
 * with lastOnly, the last position's query only (z [batch, 1, heads, dHead]): the other queries'
 * projections and scores are not computed at all.
 */
function fusedAttention(x: tf.Tensor3D, w: AttentionWeights, lastOnly: boolean): { z: tf.Tensor4D; pattern: tf.Tensor4D } | null {
  if (x.dtype !== "float32" || !hasFused(FUSED.causalAttention)) return null;
  const [batch, pos, dModel] = x.shape;
  const queries = lastOnly ? x.slice([0, pos - 1, 0], [batch, 1, dModel]) : x;
  const [q, k, v] = [projectRows(queries, w.W_Q), projectRows(x, w.W_K), projectRows(x, w.W_V)];
  const out = runFused<tf.Tensor4D[]>(FUSED.causalAttention, { q, k, v }, { scale: 1 / Math.sqrt(w.W_Q.shape[2]) });
  return out && { z: out[0], pattern: out[1] };
}

/** Additive mask [pos, pos]: 0 where k ≤ q, −1e9 elsewhere. */
function causalMask(pos: number): tf.Tensor2D {
  return tf.tidy(() => tf.linalg.bandPart(tf.ones([pos, pos]), -1, 0).sub(1).mul(1e9) as tf.Tensor2D);
}

/** The same as fusedAttention with plain tfjs ops. */
function plainAttention(x: tf.Tensor3D, w: AttentionWeights): { z: tf.Tensor4D; pattern: tf.Tensor4D } {
  const [q, k, v] = [w.W_Q, w.W_K, w.W_V].map((m) => project(x, m)); // [batch, heads, pos, dHead]
  const scores = tf.matMul(q, k, false, true).div(Math.sqrt(w.W_Q.shape[2])).add(causalMask(x.shape[1])); // [batch, heads, q, k]
  const pattern = tf.softmax(scores) as tf.Tensor4D; // [batch, heads, q, k]
  const z = tf.matMul(pattern, v).transpose([0, 2, 1, 3]) as tf.Tensor4D; // [batch, pos, heads, dHead]
  return { z, pattern };
}

/**
 * @param x residual stream [batch, pos, dModel]
 * @param prefix cache name prefix, e.g. "blocks.0.attn"
 * @param lastOnly compute the output at the last position only (what a final layer's answer needs:
 *   keys and values still come from every position); the output is then [batch, 1, dModel]
 * @returns attention output [batch, pos, dModel]
 */
export function causalAttention(x: tf.Tensor3D, w: AttentionWeights, prefix: string, cache?: ActivationCache, lastOnly = false): tf.Tensor3D {
  return tf.tidy(() => {
    const [batch, pos, dModel] = x.shape;
    const [heads, , dHead] = w.W_Q.shape;
    // the cache keeps every position's pattern, so it takes all the queries
    const { z, pattern } = fusedAttention(x, w, lastOnly && !cache) ?? plainAttention(x, w); // z [batch, pos or 1, heads, dHead]
    if (cache) {
      cache.set(`${prefix}.pattern`, tf.keep(pattern));
      cache.set(`${prefix}.z`, tf.keep(z.transpose([0, 2, 1, 3]))); // [batch, heads, pos, dHead]
    }
    const rows = lastOnly && z.shape[1] > 1 ? z.slice([0, pos - 1, 0, 0], [batch, 1, heads, dHead]) : z;
    const n = lastOnly ? 1 : pos;
    return tf.matMul(rows.reshape([batch * n, heads * dHead]), w.W_O.reshape([heads * dHead, dModel])).reshape([batch, n, dModel]) as tf.Tensor3D;
  });
}
