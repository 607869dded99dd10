/**
 * Mean softmax cross-entropy computed to a relative precision that holds however small the loss
 * is, for the analyses that move in parameter space (sharpness φ, the Hessian). Training's
 * `crossEntropy` computes log-softmax as logits − logsumexp in float32: for a confident network
 * each sample's loss is log(1 + ε) with ε below float32's resolution near 1 (6·10⁻⁸), so losses
 * under ~10⁻⁷ come out as 0 or as rounding steps, and the gradient (softmax − one-hot) loses its
 * true-class term the same way; φ of such a network was decided by rounding. Here each sample's
 * loss is written around its own label: with d_j = z_j − z_y and m = max_j d_j ≥ 0,
 *   loss = m + log(e^{−m} + Σ_{j≠y} e^{d_j − m}) = m + log1p(expm1(−m) + Σ_{j≠y} e^{d_j − m}),
 * which for a confident sample (m = 0) is log1p(Σ_{j≠y} e^{d_j}): relative precision near float32's
 * own, as its automatic gradient is, on every backend (log1p below). Analytically it is the same
 * function as crossEntropy.
 */
import * as tf from "@tensorflow/tfjs";

/**
 * @param logits [batch, classes]
 * @param labels [batch] int32
 * @example
 * preciseCrossEntropy(tf.tensor2d([[30, 0]]), tf.tensor1d([0], "int32")).dataSync(); // [9.36e-14] (crossEntropy: 0)
 */
export function preciseCrossEntropy(logits: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  if (logits.rank !== 2 || labels.rank !== 1 || labels.shape[0] !== logits.shape[0] || labels.dtype !== "int32") {
    throw new Error(`preciseCrossEntropy: expected logits [batch, classes] and int32 labels [batch]; received [${logits.shape}] and ${labels.dtype} [${labels.shape}]`);
  }
  return tf.tidy(() => {
    const classes = logits.shape[1];
    const onehot = tf.oneHot(labels, classes).toFloat();
    const own = tf.sum(tf.mul(logits, onehot), 1, true); // z_y, [batch, 1]
    const d = tf.sub(logits, own); // d_y = 0
    const m = tf.max(d, 1, true); // ≥ 0
    const others = tf.sum(tf.mul(tf.exp(tf.sub(d, m)), tf.sub(1, onehot)), 1, true);
    const perSample = tf.add(m, log1p(tf.add(tf.expm1(tf.neg(m)), others)));
    return tf.mean(perSample) as tf.Scalar;
  });
}

/**
 * log(1 + x) for x ≥ 0 to float32's relative precision on every backend (wasm's Log1p is log(1 + x),
 * which returns 0 below 6·10⁻⁸): its series to x⁶ below 0.1 (error under x⁷/7, a relative 1.5·10⁻⁷),
 * log(1 + x) above (where 1 + x holds x to a relative 6·10⁻⁷).
 */
function log1p(x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const x2 = tf.mul(x, x);
    const x3 = tf.mul(x2, x);
    // x − x²/2 + x³/3 − x⁴/4 + x⁵/5 − x⁶/6, as x(1 − x/2) + x³(1/3 − x/4) + x⁵(1/5 − x/6)
    const series = tf.addN([
      tf.mul(x, tf.sub(1, tf.mul(x, 0.5))),
      tf.mul(x3, tf.sub(1 / 3, tf.mul(x, 0.25))),
      tf.mul(tf.mul(x3, x2), tf.sub(0.2, tf.div(x, 6))),
    ]);
    // Which branch each value takes, read off the values (a comparison has no gradient, and need not).
    const small = tf.tensor(Float32Array.from(x.dataSync(), (v) => (v < 0.1 ? 1 : 0)), x.shape);
    return tf.add(tf.mul(series, small), tf.mul(tf.log(tf.add(x, 1)), tf.sub(1, small)));
  });
}
