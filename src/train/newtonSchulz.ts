/**
 * Muon's orthogonalisation (Jordan et al. 2024): five steps of a quintic Newton–Schulz iteration
 * that push a matrix's singular values towards 1 (to roughly 0.7–1.2, not exactly) while keeping
 * its singular vectors, i.e. an approximation of U·Vᵀ from G = U·S·Vᵀ:
 *   X ← G / ‖G‖_F;  repeat: A = X·Xᵀ;  X ← a·X + (b·A + c·A·A)·X,  (a, b, c) = (3.4445, −4.7750, 2.0315);
 * computed on the wide orientation (a tall matrix is transposed first). float32 throughout (the
 * reference runs it in bfloat16).
 */
import * as tf from "@tensorflow/tfjs";

const [A, B, C] = [3.4445, -4.775, 2.0315];

/**
 * @param g a matrix [m, n], or a batch of them [..., m, n] (each orthogonalised on its own)
 * @param steps iterations (Muon's 5)
 * @example
 * newtonSchulz(tf.tensor2d([[2, 0], [0, 1]])); // [[0.689, 0], [0, 1.114]]: singular values pulled towards 1
 */
export function newtonSchulz(g: tf.Tensor, steps = 5): tf.Tensor {
  if (g.rank < 2) throw new Error(`newtonSchulz: expected a matrix [m, n] or a batch [..., m, n]; received shape [${g.shape}]`);
  if (!Number.isInteger(steps) || steps < 0) throw new Error(`newtonSchulz: steps must be a whole number ≥ 0; received ${steps}`);
  return tf.tidy(() => {
    const [m, n] = g.shape.slice(-2);
    const batch = g.shape.slice(0, -2).reduce((s, d) => s * d, 1);
    let x = g.reshape([batch, m, n]) as tf.Tensor3D;
    const tall = m > n;
    if (tall) x = x.transpose([0, 2, 1]);
    x = x.div(x.square().sum([1, 2], true).sqrt().add(1e-7));
    for (let i = 0; i < steps; i++) {
      const a = tf.matMul(x, x, false, true);
      const b = a.mul(B).add(tf.matMul(a, a).mul(C));
      x = x.mul(A).add(tf.matMul(b, x));
    }
    if (tall) x = x.transpose([0, 2, 1]);
    return x.reshape(g.shape);
  });
}
