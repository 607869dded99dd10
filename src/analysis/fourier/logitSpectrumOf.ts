/**
 * The 2-D Fourier spectrum of a model's logits over every pair (a, b) of a dataset: the network run
 * on all p² pairs and logitSpectrumNorms taken of its logits, no tensor left behind.
 */
import * as tf from "@tensorflow/tfjs";
import { Dataset } from "../../data/makeDataset";
import { Model } from "../../models/Model";
import { checkModelFits } from "../../models/checkModelFits";
import { logitSpectrumNorms } from "./logitSpectrumNorms";

/**
 * @example
 * await show(logitSpectrum(logitSpectrumOf(model, dataset), 113));
 */
export function logitSpectrumOf(model: Model, dataset: Dataset): number[][] {
  checkModelFits("logitSpectrumOf", model, dataset);
  const a = tf.tensor1d(dataset.a, "int32");
  const b = tf.tensor1d(dataset.b, "int32");
  const logits = model.forward({ a, b });
  try {
    return logitSpectrumNorms(logits, dataset.numClasses);
  } finally {
    tf.dispose([a, b, logits]);
  }
}
