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

/**
 * Where a model keeps what the analyses read, by name (in the spirit of TransformerLens's
 * `get_act_name`): parameter names of the residue embeddings and the unembedding, and the name of
 * the neuron activation in the activation cache, with the position it is read at.
 */
export interface ModelRoles {
  /** Parameter whose first p rows embed the first operand (E1, W_E). */
  embedding: string;
  /** Parameter whose first p rows embed the second operand (E2, or W_E again). */
  embeddingB: string;
  /** Parameter [width, p] mapping to the answer logits (W_out, W_U). */
  unembedding: string;
  /** Activation cache name of the neurons ("hidden.post", "blocks.0.mlp.post"). */
  neurons: string;
  /** Parameter [d, n] from the embedding's space to the first layer of neurons' pre-activations (a transformer's first W_in); absent where the embedding is in the neurons' basis already (the embedding MLP's E1). */
  neuronInput?: string;
  /** "answer": the neurons at the answer position of a sequence ([batch, positions, n]); "pair": one row per pair ([batch, n]). */
  neuronsAt: "pair" | "answer";
}

export interface Model {
  /** The model's configuration; numClasses is the number of element tokens it reads and predicts. */
  readonly config: { readonly numClasses: number };
  /** Trainable parameters by dotted name. */
  readonly params: Record<string, tf.Variable>;
  /** The names the analyses read (embeddings, unembedding, neurons). */
  readonly roles: ModelRoles;
  /** Logits [batch, numClasses] for the answer token. */
  forward(input: ModelInput, cache?: ActivationCache): tf.Tensor2D;
  /** A weight the model computes from its parameters (e.g. the circle MLP's "embed.E1"), new each call; undefined for other names. */
  derivedWeight?(name: string): tf.Tensor | undefined;
  dispose(): void;
}

/**
 * A weight by name: the parameter itself, or the model's derived weight of that name (a new tensor:
 * call it inside tf.tidy). Throws, naming the model's parameters, when it has neither.
 * @example
 * const E1 = tf.tidy(() => weightOf(model, model.roles.embedding).arraySync());
 */
export function weightOf(model: Model, name: string): tf.Tensor {
  const w = model.params[name] ?? model.derivedWeight?.(name);
  if (!w) throw new Error(`weightOf: the model has no weight "${name}"; its parameters are ${Object.keys(model.params).join(", ")}`);
  return w;
}

/** Disposes every tensor of a cache and empties it. */
export function disposeCache(cache: ActivationCache): void {
  cache.forEach((t) => t.dispose());
  cache.clear();
}
