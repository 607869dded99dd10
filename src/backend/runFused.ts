/**
 * Fused kernels: one kernel for what tfjs computes with several (a ReLU gradient, a softmax
 * cross-entropy with its gradient, an AdamW update, LayerNorm, short-context causal attention and
 * the sum of two embedding lookups, with their gradients). A backend that registers them (libtorch does)
 * runs them; on any other backend `runFused` returns null and the caller computes the same thing
 * with plain tfjs ops. GROKLAB_FUSED=0 turns them off everywhere (to measure what they save).
 */
import * as tf from "@tensorflow/tfjs";

export const FUSED = {
  /** inputs {dy, x} → dy where x > 0, else 0 */
  reluGrad: "GroklabReluGrad",
  /**
   * inputs {logits [N, C], labels [N] int32} → [scalar mean softmax cross-entropy, its gradient
   * for dy = 1, (softmax(logits) − onehot(labels)) / N], from one pass over the logits
   */
  softmaxCrossEntropy: "GroklabSoftmaxCrossEntropy",
  /**
   * inputs {w0, g0, m0, v0, w1, …} (any number of parameters), attrs {decayFactors (one per
   * parameter), beta1, beta2, stepSize, correction2Sqrt, eps} → [w0, m0, v0, w1, …] after one
   * AdamW step (see train/AdamW and adamWKernelInputs)
   */
  adamW: "GroklabAdamW",
  /** inputs {x [..., d], gain [d], bias [d]}, attrs {eps} → (x − mean) / √(var + eps) · gain + bias over the last axis */
  layerNorm: "GroklabLayerNorm",
  /** inputs {dy, x, gain}, attrs {eps} → [dx, dgain, dbias] of layerNorm */
  layerNormGrad: "GroklabLayerNormGrad",
  /**
   * inputs {q [batch, qPos, heads, dHead], k, v [batch, pos, heads, dHead]}, attrs {scale} →
   * [z [batch, qPos, heads, dHead], pattern [batch, heads, qPos, pos]]: softmax(q·kᵀ·scale, causal)
   * weighting v, where q holds the queries of the last qPos ≤ pos positions (all, or only the last)
   */
  causalAttention: "GroklabCausalAttention",
  /** inputs {dz, dpattern, q, k, v, pattern}, attrs {scale} → [dq, dk, dv] of causalAttention */
  causalAttentionGrad: "GroklabCausalAttentionGrad",
  /**
   * inputs {tableA [rowsA, width], idsA int32, tableB [rowsB, width], idsB int32 (idsA's shape)},
   * attrs {relu: 0 or 1} → tableA[idsA] + tableB[idsB] [...ids, width], through a ReLU when relu is 1
   */
  embedSum: "GroklabEmbedSum",
  /** inputs {dy, y (embedSum's output), idsA, idsB}, attrs {rowsA, rowsB, relu} → [dTableA, dTableB] of embedSum */
  embedSumGrad: "GroklabEmbedSumGrad",
} as const;

export type FusedKernelName = (typeof FUSED)[keyof typeof FUSED];

/** Whether runFused(name, …) runs the kernel on the active backend (GROKLAB_FUSED=0 says no everywhere). */
export function hasFused(name: FusedKernelName): boolean {
  return process.env.GROKLAB_FUSED !== "0" && tf.getKernel(name, tf.getBackend()) !== undefined;
}

/**
 * Runs a fused kernel on the active backend, or returns null when that backend has none.
 * @example
 * const dx = runFused(FUSED.reluGrad, { dy, x }) ?? tf.mul(dy, tf.step(x));
 */
export function runFused<T extends tf.Tensor | tf.Tensor[]>(
  name: FusedKernelName,
  inputs: Record<string, tf.Tensor>,
  attrs: Record<string, number | number[]> = {},
): T | null {
  if (!hasFused(name)) return null;
  return tf.engine().runKernel(name, inputs as tf.NamedTensorMap, attrs as never) as T;
}
