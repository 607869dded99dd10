/**
 * Omnigrok's constraint (Liu et al. 2022, "Omnigrok: grokking beyond algorithmic data"): the
 * parameters, taken together, are scaled back to a fixed L2 norm after every update, so training
 * moves on a sphere; at a norm below the initial one this removes the grokking delay there.
 */
import * as tf from "@tensorflow/tfjs";

/**
 * Scales every parameter by the same factor so that √(Σ‖p‖²) = `norm`.
 * @param params the parameters (all of a model's, as LogRecord.weightNorm counts them)
 * @param norm the target norm, > 0
 * @example
 * projectToNorm([tf.variable(tf.tensor1d([3, 4]))], 1); // the variable becomes [0.6, 0.8]
 */
export function projectToNorm(params: tf.Variable[], norm: number): void {
  if (!(norm > 0) || !Number.isFinite(norm)) throw new Error(`projectToNorm: norm must be a positive number; received ${norm}`);
  tf.tidy(() => {
    const total = Math.sqrt(tf.addN(params.map((p) => tf.sum(tf.square(p)))).dataSync()[0]);
    if (!(total > 0)) throw new Error(`projectToNorm: the parameters' norm is ${total}; nothing to scale to ${norm}`);
    for (const p of params) p.assign(p.mul(norm / total));
  });
}
