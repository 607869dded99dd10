/**
 * The residue rows of one of a model's weights (or computed tables), as plain arrays: the first p
 * rows, one per residue (a transformer's embedding also has rows for "=" and other tokens).
 */
import * as tf from "@tensorflow/tfjs";
import { Model, weightOf } from "../../models/Model";

/**
 * @example
 * residueRows(model, model.roles.embedding, 97); // [97][d]
 */
export function residueRows(model: Model, name: string, p: number): number[][] {
  return tf.tidy(() => weightOf(model, name).slice([0, 0], [p, -1]).arraySync() as number[][]);
}
