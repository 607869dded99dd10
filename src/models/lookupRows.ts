/**
 * Rows of a table by index (an embedding lookup, table[ids]), computed the way the active backend
 * does fastest, with the same result:
 * - tf.gather where it and its gradient (UnsortedSegmentSum) are fast: libtorch and tensorflow
 *   natively, wasm with groklab's kernels (patchWasmKernels: the MLP step took 69 ms with gather
 *   vs 84 ms with one-hot products; the stock wasm gather made it 273 ms);
 * - one-hot rows times the table on cpu: tfjs-backend-cpu computes UnsortedSegmentSum with one
 *   pass over the data per segment (86 s for the MLP step at p = 97).
 */
import * as tf from "@tensorflow/tfjs";

/**
 * @param table [rows, width]
 * @param ids [n] int32
 * @returns [n, width]
 * @example
 * lookupRows(model.params["embed.E1"], a); // E1[a]
 */
export function lookupRows(table: tf.Tensor2D, ids: tf.Tensor1D): tf.Tensor2D {
  return tf.tidy(() => {
    switch (tf.getBackend()) {
      case "libtorch":
      case "wasm":
      case "tensorflow":
        return tf.gather(table, ids) as tf.Tensor2D;
      default:
        return tf.matMul(tf.oneHot(ids, table.shape[0]).toFloat(), table);
    }
  });
}
