/**
 * Null models for structure measures: the same weights with the residue ↔ row map destroyed, so
 * norms and value distributions stay and only what depends on which residue is which is lost. A
 * structure that the null model also shows is no evidence.
 */
import * as tf from "@tensorflow/tfjs";
import { Random } from "../../data/random";
import { Model } from "../../models/Model";
import { matrixRows, Rows } from "./matrixRows";

/**
 * The rows of an embedding assigned to other residues (seeded).
 * @example
 * circularity(permuteRows(E1, 1)).score; // ≈ 0
 */
export function permuteRows(embedding: tf.Tensor | Rows, seed = 0): Rows {
  return new Random(seed).shuffle(matrixRows(embedding, "permuteRows", "embedding"));
}

/**
 * A copy of `model` whose residue embeddings (the first p rows of its roles' embedding parameters)
 * and unembedding columns are permuted (seeded); special tokens and every other weight stay. The
 * caller disposes it.
 * @param rebuild makes an empty model of the same shape (e.g. `() => RunFolder.open(dir).model()`,
 *   or `() => buildModel(spec)`); its weights are replaced
 * @example
 * const nul = nullModel(model, () => buildModel(spec)); analyseModel(nul, dataset); nul.dispose();
 */
export function nullModel(model: Model, rebuild: () => Model, seed = 1): Model {
  const { embedding, embeddingB, unembedding } = model.roles;
  const derived = [embedding, embeddingB, unembedding].filter((name) => !(name in model.params));
  if (derived.length) {
    throw new Error(`nullModel: the model computes ${derived.join(", ")} from other parameters (no table to permute); compare its measures with permuteRows of the computed table instead`);
  }
  const p = model.params[unembedding].shape[1]!;
  const copy = rebuild();
  for (const [name, v] of Object.entries(model.params)) copy.params[name].assign(v);
  const assign = (name: string, value: tf.Tensor) => {
    copy.params[name].assign(value);
    value.dispose();
  };
  [...new Set([embedding, embeddingB])].forEach((name, i) => {
    const w = model.params[name];
    assign(name, tf.tidy(() => {
      const residues = tf.tensor2d(permuteRows(w.slice([0, 0], [p, -1]), seed + i));
      return w.shape[0] === p ? residues : tf.concat([residues, w.slice([p, 0], [-1, -1])]);
    }));
  });
  assign(unembedding, tf.tidy(() => tf.tensor2d(permuteRows(model.params[unembedding].transpose(), seed + 2)).transpose()));
  return copy;
}

