/**
 * LayerNorm over the last axis (PyTorch's nn.LayerNorm, eps 1e-5, biased variance): one fused
 * kernel forward and one backward where the backend has them (runFused), plain tfjs ops elsewhere.
 */
import * as tf from "@tensorflow/tfjs";
import { FUSED, runFused } from "../backend/runFused";

/**
 * @param x [..., d]
 * @param gain [d]
 * @param bias [d]
 * @example
 * layerNorm(tf.tensor2d([[1, 2, 3]]), tf.ones([3]), tf.zeros([3])); // [[-1.2247, 0, 1.2247]]
 */
export function layerNorm(x: tf.Tensor, gain: tf.Tensor, bias: tf.Tensor, eps = 1e-5): tf.Tensor {
  const fused = x.dtype === "float32" ? runFused<tf.Tensor>(FUSED.layerNorm, { x, gain, bias }, { eps }) : null;
  if (fused) return fused;
  return tf.tidy(() => {
    const axis = x.rank - 1;
    const { mean, variance } = tf.moments(x, axis, true);
    return x.sub(mean).div(variance.add(eps).sqrt()).mul(gain).add(bias);
  });
}
