/**
 * StableMax cross-entropy (Prieto et al. 2025, "Grokking at the edge of numerical stability"):
 * softmax's exp is replaced by s(x) = x + 1 for x ≥ 0 and 1 / (1 − x) for x < 0, which grows
 * linearly instead of exponentially, so that the loss cannot saturate to an exact zero gradient
 * in float32 ("softmax collapse"). Probabilities are s(x_i) / Σ_j s(x_j).
 */
import * as tf from "@tensorflow/tfjs";

/** s(x), element-wise; each branch only sees inputs where it is finite, so the gradient is too. */
export function stableMaxS(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const positive = tf.maximum(x, 0).add(1); // x + 1 on x ≥ 0
    const negative = tf.scalar(1).div(tf.scalar(1).sub(tf.minimum(x, 0))); // 1 / (1 − x) on x < 0
    return tf.where(tf.greaterEqual(x, 0), positive, negative);
  });
}

/**
 * Mean of −log(s(x_label) / Σ s(x)) over the batch.
 * @param logits [batch, classes]
 * @param labels [batch] int32
 * @example
 * stableMaxCrossEntropy(tf.tensor2d([[0, 1]]), tf.tensor1d([1], "int32")); // −log(2 / 3)
 */
export function stableMaxCrossEntropy(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => {
    const s = stableMaxS(logits); // [batch, classes]
    const oneHot = tf.oneHot(labels, logits.shape[1]).toFloat();
    const picked = tf.sum(s.mul(oneHot), 1); // [batch]
    return tf.neg(tf.mean(tf.log(picked.div(tf.sum(s, 1))))) as tf.Scalar;
  });
}
