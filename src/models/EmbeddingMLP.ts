/**
 * The embedding MLP, the "consolidation layer" of the seed: logits = W_out · act(E1[a] + E2[b]).
 *
 * This is the 1-hidden-layer network of the PAIR explorable and Gromov 2023 (quadratic activation
 * has a closed-form solution) and the reference MLP setting (hidden 512, ReLU).
 * The embeddings are looked up with lookupRows (tf.gather or one-hot rows times the table,
 * whichever the active backend computes faster; the numbers are the same).
 */
import * as tf from "@tensorflow/tfjs";
import { lookupRows } from "./lookupRows";
import { FUSED, runFused } from "../backend/runFused";
import { resolve } from "../config/resolve";
import { Init, makeParams, ParamSpec } from "./makeParams";
import { applyStructuredInit } from "./structuredInit";
import { circleInit, circleParamNames, circleTable } from "./circleEmbedding";
import { Random } from "../data/random";
import { ActivationCache, Model, ModelInput, ModelRoles } from "./Model";
import { EmbeddingMLPConfig, EmbeddingMLPConfigSchema, ResolvedEmbeddingMLPConfig } from "../specs/EmbeddingMLPConfig";

/**
 * The embedding MLP with parameters `embed.E1` [p, H], `embed.E2` [p, H], `unembed.W_out` [H, p];
 * with `embedding: { kind: "circle", circles: K }` the tables E1 and E2 are computed (derivedWeight)
 * from `embed.E1.frequency` [K], `embed.E1.phase` [K], `embed.E1.basis` [2K, H] and E2's three
 * (circleEmbedding.ts; their initial values come from a generator seeded with seed + 7919, W_out's
 * from seed). A structured `init` applies to tables only.
 * @example
 * const model = new EmbeddingMLP({ numClasses: 97, width: 512, seed: 0 });
 * const logits = model.forward({ a: tf.tensor1d([3], "int32"), b: tf.tensor1d([5], "int32") }); // [1, 97]
 */
export class EmbeddingMLP implements Model {
  readonly config: ResolvedEmbeddingMLPConfig;
  readonly params: Record<string, tf.Variable>;
  readonly roles: ModelRoles = { embedding: "embed.E1", embeddingB: "embed.E2", unembedding: "unembed.W_out", neurons: "hidden.post", neuronsAt: "pair" };

  constructor(config: EmbeddingMLPConfig, weights?: Record<string, tf.Tensor>) {
    this.config = resolve(EmbeddingMLPConfigSchema, config, "EmbeddingMLP");
    const { numClasses: p, width: h, seed, embedScale, embedding } = this.config;
    const init = this.config.init;
    if (embedding.kind === "circle" && init.kind !== "random") {
      throw new Error(`EmbeddingMLP: init "${init.kind}" sets embedding tables; with embedding "circle" there are none (expected init "random")`);
    }
    const embed: Init = { kind: "normal", std: embedScale }; // torch.nn.Embedding: N(0, 1)
    this.params = makeParams(
      "EmbeddingMLP",
      {
        ...(embedding.kind === "circle" ? this.circleSpecs(embedding.circles ?? 8, seed) : { "embed.E1": { shape: [p, h], init: embed }, "embed.E2": { shape: [p, h], init: embed } }),
        // torch.nn.Linear's default: uniform(±1/√fan_in)
        "unembed.W_out": { shape: [h, p], init: { kind: "uniform", bound: 1 / Math.sqrt(h) } },
      },
      seed,
      weights,
    );
    // near the geometry, when asked (given weights are kept as they are)
    if (!weights) applyStructuredInit(this.params, init, p, h, seed);
  }

  /** Parameter specs of the two circle embeddings, with their drawn initial values. */
  private circleSpecs(circles: number, seed: number): Record<string, ParamSpec> {
    const { numClasses: p, width: h } = this.config;
    const random = new Random(seed + 7919);
    const specs: Record<string, ParamSpec> = {};
    for (const table of ["embed.E1", "embed.E2"]) {
      const names = circleParamNames(table);
      const values = circleInit(p, h, circles, random);
      specs[names.frequency] = { shape: [circles], init: { kind: "values", values: values.frequency } };
      specs[names.phase] = { shape: [circles], init: { kind: "values", values: values.phase } };
      specs[names.basis] = { shape: [2 * circles, h], init: { kind: "values", values: values.basis } };
    }
    return specs;
  }

  /** The circle embedding's computed tables "embed.E1" and "embed.E2" [p, H]; undefined for other names or table embeddings. */
  derivedWeight(name: string): tf.Tensor2D | undefined {
    if (this.config.embedding.kind !== "circle" || (name !== "embed.E1" && name !== "embed.E2")) return undefined;
    const n = circleParamNames(name);
    return circleTable(this.params[n.frequency] as tf.Tensor1D, this.params[n.phase] as tf.Tensor1D, this.params[n.basis] as tf.Tensor2D, this.config.numClasses);
  }

  private table(name: "embed.E1" | "embed.E2"): tf.Tensor2D {
    return (this.derivedWeight(name) ?? this.params[name]) as tf.Tensor2D;
  }

  /** Logits [batch, p] for pairs (a, b); fills `cache` with named activations when given. */
  forward(input: ModelInput, cache?: ActivationCache): tf.Tensor2D {
    return tf.tidy(() => {
      const E1 = this.table("embed.E1");
      const E2 = this.table("embed.E2");
      const relu = this.config.activation === "relu";
      // relu(E1[a] + E2[b]) as one kernel where the backend has it (the same bits; not when the
      // pre-activations are asked for)
      const fused = relu && !cache ? runFused<tf.Tensor2D>(FUSED.embedSum, { tableA: E1, idsA: input.a, tableB: E2, idsB: input.b }, { relu: 1 }) : null;
      const pre = fused ? null : tf.add(lookupRows(E1, input.a), lookupRows(E2, input.b)); // [batch, H] = E1[a] + E2[b]
      const post = fused ?? (relu ? tf.relu(pre!) : tf.square(pre!)); // [batch, H]
      const logits = tf.matMul(post, this.params["unembed.W_out"]) as tf.Tensor2D; // [batch, p]
      if (cache) {
        cache.set("hidden.pre", tf.keep(pre!));
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
