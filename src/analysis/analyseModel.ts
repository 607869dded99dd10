/**
 * The progress measures of one model state, in one call (Nanda et al. 2023): Fourier norms and key
 * frequencies of the embedding, the share of single-frequency neurons, restricted and excluded
 * loss on the exact training mask, RQI and spectrum sparsity. Works for the embedding MLP
 * (embedding E1, neurons "hidden.post") and the transformers (W_E's residue rows, neurons
 * "blocks.0.mlp.post" at the last position).
 */
import * as tf from "@tensorflow/tfjs";
import { Dataset } from "../data/makeDataset";
import { ActivationCache, disposeCache, Model, weightOf } from "../models/Model";
import { accuracy } from "../train/crossEntropy";
import { fourierNorms, fourierSparsity, keyFrequencies } from "./fourier/fourierNorms";
import { neuronFrequencies, NeuronFrequencies } from "./fourier/neuronFrequencies";
import { restrictedLoss, RestrictedLoss } from "./fourier/restrictedLoss";
import { rqi } from "./geometry/rqi";
import { residueRows } from "./geometry/residueRows";
import { checkModelFits } from "../models/checkModelFits";
import { Type } from "@sinclair/typebox";
import { validateOptions } from "../config/validateConfig";

export interface ModelAnalysis {
  /** Fourier norms of the embedding per frequency. */
  norms: number[];
  /** Key frequencies of this state (norm > max/4). */
  keys: number[];
  /** Frequencies used for the restricted/excluded loss (given, or this state's keys). */
  lossKeys: number[];
  neurons: NeuronFrequencies;
  loss: RestrictedLoss;
  /** Accuracy over all pairs. */
  accuracy: number;
  /** RQI with integer sums (Liu et al.) and with sums mod p. */
  rqi: number;
  rqiModular: number;
  sparsity: { ipr: number; gini: number };
  /** Residue rows [p][d] of the embedding (E1 or W_E), of the second operand's embedding (E2, or W_E again) and of the unembedding (W_outᵀ or W_Uᵀ). */
  embedding: number[][];
  embeddingB: number[][];
  unembedding: number[][];
}

/**
 * @param keys frequencies for restricted/excluded loss (default: this state's key frequencies;
 *   pass the final run's keys to follow them through training, as Nanda et al. do)
 * @example
 * const m = analyseModel(model, dataset); m.keys; m.neurons.shareAbove; m.loss.excluded;
 */
/** What analyseModel accepts. */
export const AnalyseModelOptionsSchema = Type.Object({ keys: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }))) }, { additionalProperties: false });

export function analyseModel(model: Model, dataset: Dataset, options: { keys?: number[] } = {}): ModelAnalysis {
  checkModelFits("analyseModel", model, dataset);
  validateOptions(AnalyseModelOptionsSchema, options, "analyseModel");
  const p = dataset.numClasses;
  const { embedding, embeddingB, unembedding, neurons, neuronsAt } = model.roles;
  const lastPosition = neuronsAt === "answer";
  const embed = residueRows(model, embedding, p);
  const norms = fourierNorms(embed);
  const keys = keyFrequencies(norms);
  const lossKeys = options.keys ?? keys;
  const cache: ActivationCache = new Map();
  const a = tf.tensor1d(dataset.a, "int32");
  const b = tf.tensor1d(dataset.b, "int32");
  try {
    const logits = model.forward({ a, b }, cache);
    const acts = cache.get(neurons);
    if (!acts) throw new Error(`analyseModel: the model's forward pass recorded no "${neurons}" (its roles.neurons)`);
    const neuronActs = tf.tidy(() =>
      (lastPosition ? acts.slice([0, acts.shape[1]! - 1, 0], [-1, 1, -1]).reshape([acts.shape[0], acts.shape[2]!]) : acts) as tf.Tensor2D,
    );
    const result: ModelAnalysis = {
      norms,
      keys,
      lossKeys,
      neurons: neuronFrequencies(neuronActs, p),
      loss: restrictedLoss(logits, dataset, lossKeys.length ? lossKeys : [1]),
      accuracy: tf.tidy(() => accuracy(logits, tf.tensor1d(dataset.answer, "int32")).dataSync()[0]),
      rqi: rqi(embed),
      rqiModular: rqi(embed, { modular: true }),
      sparsity: fourierSparsity(norms),
      embedding: embed,
      embeddingB: residueRows(model, embeddingB, p),
      unembedding: tf.tidy(() => weightOf(model, unembedding).transpose().arraySync() as number[][]),
    };
    tf.dispose([logits, neuronActs]);
    return result;
  } finally {
    disposeCache(cache);
    tf.dispose([a, b]);
  }
}
