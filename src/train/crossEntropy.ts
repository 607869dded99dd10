/**
 * Mean softmax cross-entropy and accuracy on the answer token.
 * Written with one-hot labels and logSoftmax so its gradient needs only element-wise kernels and
 * reductions (no gather), which every tfjs backend has.
 */
import * as tf from "@tensorflow/tfjs";

/**
 * @param logits [batch, classes]
 * @param labels [batch] int32
 * @example
 * crossEntropy(tf.tensor2d([[0, 0]]), tf.tensor1d([1], "int32")).dataSync(); // [ln 2]
 */
export function crossEntropy(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => {
    const oneHot = tf.oneHot(labels, logits.shape[1]).toFloat(); // [batch, classes]
    return tf.neg(tf.mean(tf.sum(tf.mul(oneHot, tf.logSoftmax(logits)), 1))) as tf.Scalar;
  });
}

/** Share of rows whose arg-max equals the label. */
export function accuracy(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.equal(tf.argMax(logits, 1), labels).toFloat()) as tf.Scalar);
}
