/**
 * The embedding MLP, the "consolidation layer" of the seed: logits = W_out · act(E1[a] + E2[b]).
 *
 * This is the 1-hidden-layer network of the PAIR explorable and Gromov 2023 (quadratic activation
 * has a closed-form solution) and the MLP row of ../shared/REFERENCES.md (hidden 512, ReLU).
 * The embeddings are looked up with lookupRows (tf.gather or one-hot rows times the table,
 * whichever the active backend computes faster; the numbers are the same).
 */
import * as tf from "@tensorflow/tfjs";
import { lookupRows } from "./lookupRows";
import { checkPositiveInt, Init, makeParams } from "./makeParams";
import { ActivationCache, Model, ModelInput } from "./Model";

export type Activation = "relu" | "quadratic";

/** Shape and initialisation of the MLP. */
export interface EmbeddingMLPConfig {
  /** Number of residues p: input tokens and output classes. */
  numClasses: number;
  /** Hidden width (embedding size). Default 512. */
  width?: number;
  /** "relu" (default) or "quadratic" (x², Gromov 2023). */
  activation?: Activation;
  /** Seed of the initialisation. Default 0. */
  seed?: number;
  /** Standard deviation of the embeddings' N(0, σ²) init; default 1 (torch.nn.Embedding). */
  embedScale?: number;
}

function checkActivation(value: string): Activation {
  switch (value) {
    case "relu":
    case "quadratic":
      return value;
    default:
      throw new Error(`EmbeddingMLP: invalid activation "${value}"; expected "relu" or "quadratic"`);
  }
}

/**
 * The embedding MLP with parameters `embed.E1` [p, H], `embed.E2` [p, H], `unembed.W_out` [H, p].
 * @example
 * const model = new EmbeddingMLP({ numClasses: 97, width: 512, seed: 0 });
 * const logits = model.forward({ a: tf.tensor1d([3], "int32"), b: tf.tensor1d([5], "int32") }); // [1, 97]
 */
export class EmbeddingMLP implements Model {
  readonly config: Required<EmbeddingMLPConfig>;
  readonly params: Record<string, tf.Variable>;

  constructor(config: EmbeddingMLPConfig, weights?: Record<string, tf.Tensor>) {
    this.config = { width: 512, activation: "relu", seed: 0, embedScale: 1, ...config };
    const { numClasses: p, width: h, seed, embedScale } = this.config;
    checkPositiveInt("EmbeddingMLP", "numClasses", p);
    checkPositiveInt("EmbeddingMLP", "width", h);
    checkActivation(this.config.activation);
    const embed: Init = { kind: "normal", std: embedScale }; // torch.nn.Embedding: N(0, 1)
    this.params = makeParams(
      "EmbeddingMLP",
      {
        "embed.E1": { shape: [p, h], init: embed },
        "embed.E2": { shape: [p, h], init: embed },
        // torch.nn.Linear's default: uniform(±1/√fan_in)
        "unembed.W_out": { shape: [h, p], init: { kind: "uniform", bound: 1 / Math.sqrt(h) } },
      },
      seed,
      weights,
    );
  }

  /** Logits [batch, p] for pairs (a, b); fills `cache` with named activations when given. */
  forward(input: ModelInput, cache?: ActivationCache): tf.Tensor2D {
    return tf.tidy(() => {
      const E1 = this.params["embed.E1"] as tf.Tensor2D;
      const E2 = this.params["embed.E2"] as tf.Tensor2D;
      const pre = tf.add(lookupRows(E1, input.a), lookupRows(E2, input.b)); // [batch, H] = E1[a] + E2[b]
      const post = this.config.activation === "relu" ? tf.relu(pre) : tf.square(pre); // [batch, H]
      const logits = tf.matMul(post, this.params["unembed.W_out"]) as tf.Tensor2D; // [batch, p]
      if (cache) {
        cache.set("hidden.pre", tf.keep(pre));
        cache.set("hidden.post", tf.keep(post));
        cache.set("logits", tf.keep(logits.clone()));
      }
      return logits;
    });
  }

  dispose(): void {
    Object.values(this.params).forEach((v) => v.dispose());
  }
}
