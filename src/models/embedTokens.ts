/**
 * Token embedding as one-hot rows times W_E: the same numbers as a lookup W_E[token], with a
 * matmul gradient that every tfjs backend has (the wasm backend lacks gather's UnsortedSegmentSum).
 */
import * as tf from "@tensorflow/tfjs";

/**
 * @param tokens [batch, pos] int32
 * @param W_E [vocab, dModel]
 * @returns [batch, pos, dModel]
 */
export function embedTokens(tokens: tf.Tensor2D, W_E: tf.Tensor2D): tf.Tensor3D {
  return tf.tidy(() => {
    const [batch, pos] = tokens.shape;
    const [vocab, dModel] = W_E.shape;
    const oneHot = tf.oneHot(tokens.reshape([batch * pos]) as tf.Tensor1D, vocab).toFloat(); // [batch·pos, vocab]
    return tf.matMul(oneHot, W_E).reshape([batch, pos, dModel]) as tf.Tensor3D;
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
