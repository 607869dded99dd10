/**
 * Mean softmax cross-entropy and accuracy on the answer token.
 *
 * The loss has its own gradient, (softmax(logits) − onehot(labels)) · dy / N: where the backend
 * has the fused kernel (runFused), loss and gradient come from one pass over the logits (the
 * backward pass then costs nothing for dy = 1, a product otherwise); elsewhere three element-wise
 * tfjs ops, instead of the dozen kernels autodiff makes of log-softmax, one-hot product and mean. Forward and gradient are the
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
    const save = args[1] as tf.GradSaveFunc;
    const fused = x.dtype === "float32" ? runFused<tf.Tensor[]>(FUSED.softmaxCrossEntropy, { logits: x, labels }) : null;
    if (fused) {
      // the kernel gave the gradient for dy = 1 (what training's backward pass brings) with the loss
      const [value, unitGrad] = fused;
      save([unitGrad]);
      const gradFunc = (dy: tf.Tensor, [g]: tf.Tensor[]) => (dy.size === 1 && dy.dataSync()[0] === 1 ? g.clone() : tf.mul(g, dy));
      return { value: value as tf.Scalar, gradFunc };
    }
    save([x]);
    const value = tf.tidy(() => tf.neg(tf.mean(tf.sum(tf.mul(tf.oneHot(labels, classes).toFloat(), tf.logSoftmax(x)), 1))) as tf.Scalar);
    const gradFunc = (dy: tf.Tensor, [saved]: tf.Tensor[]) =>
      tf.tidy(() => tf.mul(tf.sub(tf.softmax(saved), tf.oneHot(labels, classes).toFloat()), tf.div(dy, n)));
    return { value, gradFunc };
  });
  return loss(logits) as tf.Scalar;
}

/** Share of rows whose arg-max equals the label. */
export function accuracy(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.equal(tf.argMax(logits, 1), labels).toFloat()) as tf.Scalar);
}
