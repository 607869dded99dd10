/**
 * The Fourier basis of Z_p as tfjs tensors, and the 2-D transform of functions on the (a, b)
 * grid: C = F · A · Fᵀ for each [p, p] slice A (a along rows, b along columns).
 */
import * as tf from "@tensorflow/tfjs";
import { fourierBasis, FourierBasis } from "./fourierBasis";

/** [p, p] tensor of basis vectors as rows. */
export function basisTensor(basis: FourierBasis): tf.Tensor2D {
  return tf.tensor2d(basis.vectors);
}

/**
 * 2-D Fourier coefficients of grid functions.
 * @param grid [p·p, n] values at (a, b) in a-major order (row a·p + b), n functions
 * @returns [n, p, p]: coefficient of (basis i in a) × (basis j in b) for each function
 */
export function fourier2d(grid: tf.Tensor2D, p: number): tf.Tensor3D {
  if (grid.shape[0] !== p * p) {
    throw new Error(`fourier2d: the grid must have p² = ${p * p} rows (all pairs, a-major); received ${grid.shape[0]}`);
  }
  return tf.tidy(() => {
    const F = basisTensor(fourierBasis(p)); // [p, p]
    const n = grid.shape[1];
    const A = grid.reshape([p, p, n]).transpose([2, 0, 1]) as tf.Tensor3D; // [n, a, b]
    const FA = tf.matMul(F.expandDims(0).tile([n, 1, 1]) as tf.Tensor3D, A); // [n, i, b]
    return tf.matMul(FA, F.expandDims(0).tile([n, 1, 1]) as tf.Tensor3D, false, true) as tf.Tensor3D; // [n, i, j]
  });
}
