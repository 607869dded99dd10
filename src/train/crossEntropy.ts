/**
 * Mean softmax cross-entropy and accuracy on the answer token.
 *
 * The loss has its own gradient, (softmax(logits) − onehot(labels)) · dy / N: one fused kernel on
 * backends that have it (runFused), three element-wise tfjs ops elsewhere, instead of the dozen
 * kernels autodiff makes of log-softmax, one-hot product and mean. Forward and gradient are the
 * same numbers as torch.nn.functional.cross_entropy's.
 */
import * as tf from "@tensorflow/tfjs";
import { FUSED, runFused } from "../backend/runFused";

function checkInputs(logits: tf.Tensor, labels: tf.Tensor): void {
  if (logits.rank !== 2) throw new Error(`crossEntropy: logits must be [batch, classes]; received shape [${logits.shape}]`);
  if (labels.rank !== 1 || labels.shape[0] !== logits.shape[0] || labels.dtype !== "int32") {
    throw new Error(`crossEntropy: labels must be int32 [${logits.shape[0]}]; received ${labels.dtype} [${labels.shape}]`);
  }
}

/**
 * @param logits [batch, classes]
 * @param labels [batch] int32, each in [0, classes)
 * @example
 * crossEntropy(tf.tensor2d([[0, 0]]), tf.tensor1d([1], "int32")).dataSync(); // [ln 2]
 */
export function crossEntropy(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  checkInputs(logits, labels);
  const [n, classes] = logits.shape;
  const loss = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const x = args[0] as tf.Tensor;
    (args[1] as tf.GradSaveFunc)([x]);
    const value =
      runFused<tf.Scalar>(FUSED.softmaxCrossEntropy, { logits: x, labels }) ??
      tf.tidy(() => tf.neg(tf.mean(tf.sum(tf.mul(tf.oneHot(labels, classes).toFloat(), tf.logSoftmax(x)), 1))) as tf.Scalar);
    const gradFunc = (dy: tf.Tensor, [saved]: tf.Tensor[]) =>
      runFused<tf.Tensor>(FUSED.softmaxCrossEntropyGrad, { logits: saved, labels, dy }) ??
      tf.tidy(() => tf.mul(tf.sub(tf.softmax(saved), tf.oneHot(labels, classes).toFloat()), tf.div(dy, n)));
    return { value, gradFunc };
  });
  return loss(logits) as tf.Scalar;
}

/** Share of rows whose arg-max equals the label. */
export function accuracy(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.equal(tf.argMax(logits, 1), labels).toFloat()) as tf.Scalar);
}
