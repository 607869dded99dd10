/**
 * What every groklab model offers the training loop and the analyses: named parameters and a
 * forward pass on operand pairs that can record named activations (TransformerLens-style names
 * such as "hidden.post" or "blocks.0.mlp.post").
 */
import * as tf from "@tensorflow/tfjs";

/** A batch of operand pairs; each model encodes them in its own input format. */
export interface ModelInput {
  a: tf.Tensor1D; // [batch] int32
  b: tf.Tensor1D; // [batch] int32
}

/** Activations by stable dotted name; the caller owns (and disposes) the tensors. */
export type ActivationCache = Map<string, tf.Tensor>;

export interface Model {
  /** Trainable parameters by dotted name. */
  readonly params: Record<string, tf.Variable>;
  /** Logits [batch, numClasses] for the answer token. */
  forward(input: ModelInput, cache?: ActivationCache): tf.Tensor2D;
  dispose(): void;
}

/** Disposes every tensor of a cache and empties it. */
export function disposeCache(cache: ActivationCache): void {
  cache.forEach((t) => t.dispose());
  cache.clear();
}
