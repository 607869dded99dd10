/**
 * L2 norm of each parameter and of all together (Omnigrok, Liu et al. 2023: grokking tracks
 * the weight norm).
 */
import * as tf from "@tensorflow/tfjs";
import { Model } from "../../models/Model";

/**
 * @example
 * weightNorms(model); // { "embed.E1": 215.3, …, total: 316.0 }
 */
export function weightNorms(model: Model): Record<string, number> {
  return tf.tidy(() => {
    const out: Record<string, number> = {};
    let total = 0;
    for (const [name, v] of Object.entries(model.params)) {
      const sq = tf.sum(tf.square(v)).dataSync()[0];
      out[name] = Math.sqrt(sq);
      total += sq;
    }
    out.total = Math.sqrt(total);
    return out;
  });
}
