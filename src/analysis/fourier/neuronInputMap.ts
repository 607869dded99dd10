/**
 * Each neuron's direct input from the first operand over the residues: the residue rows of the
 * embedding carried into the first layer of neurons (W_E[:p] · W_in for a transformer; E1 itself for
 * the embedding MLP, whose embedding is in the neurons' basis). Rings in this map are the
 * synthesis's "ring patterns" read where the neurons see them.
 */
import * as tf from "@tensorflow/tfjs";
import { Model, weightOf } from "../../models/Model";

/**
 * @returns [p][neurons]
 * @example
 * circularity(neuronInputMap(model, 113)).score; // ≈ 0 at initialisation, near 1 once neurons are single-frequency
 */
export function neuronInputMap(model: Model, p: number): number[][] {
  const classes = model.config.numClasses;
  if (!Number.isInteger(p) || p < 2 || p > classes) throw new Error(`neuronInputMap: p must be an integer in [2, ${classes}] (the model's residues); received ${p}`);
  return tf.tidy(() => {
    const rows = weightOf(model, model.roles.embedding).slice([0, 0], [p, -1]);
    const into = model.roles.neuronInput;
    return (into === undefined ? rows : rows.matMul(weightOf(model, into))).arraySync() as number[][];
  });
}
