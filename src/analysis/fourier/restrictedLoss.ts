/**
 * Restricted and excluded loss (Nanda et al. 2023, §5.2). With logits L(a, b, c) over all pairs:
 * - restricted: keep only the constant and the cos/sin(w_k(a+b)) components of each output's
 *   logit surface, for the key frequencies k; loss of what remains (all pairs by default);
 * - excluded: remove just those components; loss on the training pairs.
 * The functions 1, cos(w_k(a+b)), sin(w_k(a+b)) are orthogonal on Z_p², each cos/sin of squared
 * norm p²/2, so the components are projections.
 */
import * as tf from "@tensorflow/tfjs";
import { Dataset } from "../../data/makeDataset";
import { preciseCrossEntropy } from "../../train/preciseCrossEntropy";

export interface RestrictedLoss {
  restricted: number;
  excluded: number;
  /** The plain loss on the same pairs as each: all pairs, training pairs. */
  full: number;
  fullTrain: number;
}

/** Pair indices of `mask` (1 = keep), as an int32 tensor. */
function pick(mask: ArrayLike<number>): tf.Tensor1D {
  return tf.tensor1d(Array.from(mask, (m, i) => (m ? i : -1)).filter((i) => i >= 0), "int32");
}

/**
 * @param logits [p·p, p] over all pairs in the dataset's (a-major) order
 * @param dataset its `answer`s are the labels and `isTrain` the training mask
 * @param keys key frequencies
 * @example
 * restrictedLoss(model.forward({ a, b }), dataset, [14, 35, 41, 42, 52]);
 */
export function restrictedLoss(logits: tf.Tensor2D, dataset: Dataset, keys: number[]): RestrictedLoss {
  const p = dataset.numClasses;
  if (dataset.a.length !== p * p || logits.shape[0] !== p * p) {
    throw new Error(
      `restrictedLoss: needs logits for all p² = ${p * p} pairs; received ${logits.shape[0]} logits and a table of ${dataset.a.length} pairs`,
    );
  }
  if (keys.some((k) => !Number.isInteger(k) || k < 1 || k > (p - 1) / 2)) {
    throw new Error(`restrictedLoss: key frequencies must be integers in [1, ${Math.floor((p - 1) / 2)}]; received ${keys.join(", ")}`);
  }
  return tf.tidy(() => {
    const waves: number[][] = [];
    for (let i = 0; i < p * p; i++) {
      const s = dataset.a[i] + dataset.b[i];
      waves.push(keys.flatMap((k) => [Math.cos((2 * Math.PI * k * s) / p), Math.sin((2 * Math.PI * k * s) / p)]));
    }
    const G = tf.tensor2d(waves, [p * p, 2 * keys.length]); // [p², 2K]
    const coeffs = tf.matMul(G, logits, true, false).div((p * p) / 2); // [2K, p]
    const keyPart = tf.matMul(G, coeffs); // [p², p]
    const restricted = keyPart.add(logits.mean(0, true)); // constant + key components
    const excluded = logits.sub(keyPart);
    const labels = tf.tensor1d(dataset.answer, "int32");
    const all = tf.range(0, p * p, 1, "int32");
    const train = pick(dataset.isTrain);
    // Precise for small losses (restricted loss and full loss fall below float32 log-softmax's resolution once grokked).
    const loss = (l: tf.Tensor2D, idx: tf.Tensor1D) => preciseCrossEntropy(tf.gather(l, idx), tf.gather(labels, idx)).dataSync()[0];
    return {
      restricted: loss(restricted as tf.Tensor2D, all),
      excluded: loss(excluded as tf.Tensor2D, train),
      full: loss(logits, all),
      fullTrain: loss(logits, train),
    };
  });
}
