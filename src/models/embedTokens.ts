/** Token embedding W_E[token], with lookupRows (gather or one-hot matmul, by backend). */
import * as tf from "@tensorflow/tfjs";
import { lookupRows } from "./lookupRows";

/**
 * @param tokens [batch, pos] int32
 * @param W_E [vocab, dModel]
 * @returns [batch, pos, dModel]
 */
export function embedTokens(tokens: tf.Tensor2D, W_E: tf.Tensor2D): tf.Tensor3D {
  return tf.tidy(() => {
    const [batch, pos] = tokens.shape;
    const dModel = W_E.shape[1];
    return lookupRows(W_E, tokens.reshape([batch * pos])).reshape([batch, pos, dModel]) as tf.Tensor3D; // [batch, pos, dModel]
  });
}

/**
 * Builds token sequences from pairs: each entry of `layout` is "a", "b" or a fixed token id.
 * @example
 * sequenceTokens(a, b, [p, "a", p + 1, "b", p + 2]); // [batch, 5]
 */
export function sequenceTokens(a: tf.Tensor1D, b: tf.Tensor1D, layout: ("a" | "b" | number)[]): tf.Tensor2D {
  return tf.tidy(() => {
    const n = a.shape[0];
    const columns = layout.map((t) => (t === "a" ? a : t === "b" ? b : tf.fill([n], t, "int32")));
    return tf.stack(columns, 1) as tf.Tensor2D;
  });
}
