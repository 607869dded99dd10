/**
 * The 1-layer transformer of Nanda et al. 2023 ("Progress measures for grokking via mechanistic
 * interpretability", arXiv 2301.05217): input "a b =" (vocabulary p + 1, context 3), d_model 128,
 * 4 heads of 32, MLP 512 ReLU with biases, no LayerNorm, learned positions, untied embed/unembed;
 * the logits of the last position over the p residues. Parameter and activation names follow
 * TransformerLens (embed.W_E, blocks.0.attn.W_Q, blocks.0.mlp.post, …).
 */
import * as tf from "@tensorflow/tfjs";
import { sequenceLayout } from "../data/sequenceLayout";
import { attentionWeights, causalAttention } from "./causalAttention";
import { embedTokens, sequenceTokens } from "./embedTokens";
import { resolve } from "../config/resolve";
import { checkHeads, makeParams, ParamSpec } from "./makeParams";
import { ActivationCache, Model, ModelInput, ModelRoles } from "./Model";
import { NandaTransformerConfig, NandaTransformerConfigSchema, ResolvedNandaTransformerConfig } from "../specs/NandaTransformerConfig";

/**
 * @example
 * const model = new NandaTransformer({ numClasses: 113 });
 * const logits = model.forward({ a, b }); // [batch, 113]
 */
export class NandaTransformer implements Model {
  readonly config: ResolvedNandaTransformerConfig & { dHead: number };
  readonly params: Record<string, tf.Variable>;
  readonly roles: ModelRoles = { embedding: "embed.W_E", embeddingB: "embed.W_E", unembedding: "unembed.W_U", neurons: "blocks.0.mlp.post", neuronInput: "blocks.0.mlp.W_in", neuronsAt: "answer" };

  constructor(config: NandaTransformerConfig, weights?: Record<string, tf.Tensor>) {
    this.config = resolve<typeof NandaTransformerConfigSchema, ResolvedNandaTransformerConfig & { dHead: number }>(NandaTransformerConfigSchema, config, "NandaTransformer", (c) => {
      checkHeads("NandaTransformer", c.dModel, c.heads);
      c.dHead ??= c.dModel / c.heads;
    });
    const { numClasses: p, dModel, heads, dHead, dMlp, seed } = this.config;
    // Nanda et al.'s init: N(0, 1/d_model) for every matrix, N(0, 1/d_vocab_out) for the unembedding, zero biases.
    const normal = (std: number) => ({ kind: "normal", std }) as const;
    const w = normal(1 / Math.sqrt(dModel));
    const specs: Record<string, ParamSpec> = {
      "embed.W_E": { shape: [p + 1, dModel], init: w },
      "pos_embed.W_pos": { shape: [3, dModel], init: w },
      "blocks.0.attn.W_Q": { shape: [heads, dModel, dHead], init: w },
      "blocks.0.attn.W_K": { shape: [heads, dModel, dHead], init: w },
      "blocks.0.attn.W_V": { shape: [heads, dModel, dHead], init: w },
      "blocks.0.attn.W_O": { shape: [heads, dHead, dModel], init: w },
      "blocks.0.mlp.W_in": { shape: [dModel, dMlp], init: w },
      "blocks.0.mlp.b_in": { shape: [dMlp], init: { kind: "constant", value: 0 } },
      "blocks.0.mlp.W_out": { shape: [dMlp, dModel], init: w },
      "blocks.0.mlp.b_out": { shape: [dModel], init: { kind: "constant", value: 0 } },
      "unembed.W_U": { shape: [dModel, p], init: normal(1 / Math.sqrt(p)) },
    };
    this.params = makeParams("NandaTransformer", specs, seed, weights);
  }

  forward(input: ModelInput, cache?: ActivationCache): tf.Tensor2D {
    return tf.tidy(() => {
      const P = this.params;
      const { numClasses: p, dModel, dMlp } = this.config;
      const tokens = sequenceTokens(input.a, input.b, sequenceLayout("nanda", p).layout); // [batch, 3]: a b =
      const batch = tokens.shape[0];
      const embed = embedTokens(tokens, P["embed.W_E"] as tf.Tensor2D); // [batch, 3, dModel]
      const resid0 = embed.add(P["pos_embed.W_pos"]) as tf.Tensor3D; // [batch, 3, dModel]
      // Without a cache, only the "=" position is computed past the attention's keys and values:
      // the answer is read there, and the other positions' outputs feed nothing.
      const n = cache ? 3 : 1;
      const attn = causalAttention(resid0, attentionWeights(P, "blocks.0.attn"), "blocks.0.attn", cache, !cache); // [batch, n, dModel]
      const residMid = (cache ? resid0 : resid0.slice([0, 2, 0], [batch, 1, dModel])).add(attn); // [batch, n, dModel]
      const pre = tf.matMul(residMid.reshape([batch * n, dModel]), P["blocks.0.mlp.W_in"]).add(P["blocks.0.mlp.b_in"]); // [batch·n, dMlp]
      const post = tf.relu(pre); // [batch·n, dMlp]
      const mlpOut = tf.matMul(post, P["blocks.0.mlp.W_out"]).add(P["blocks.0.mlp.b_out"]).reshape([batch, n, dModel]);
      const residPost = residMid.add(mlpOut) as tf.Tensor3D; // [batch, n, dModel]
      const last = residPost.slice([0, n - 1, 0], [batch, 1, dModel]).reshape([batch, dModel]); // the "=" position
      const logits = tf.matMul(last, P["unembed.W_U"]) as tf.Tensor2D; // [batch, p]
      if (cache) {
        const keep = (name: string, t: tf.Tensor) => cache.set(name, tf.keep(t));
        keep("hook_embed", embed);
        keep("blocks.0.hook_resid_pre", resid0);
        keep("blocks.0.hook_attn_out", attn);
        keep("blocks.0.hook_resid_mid", residMid);
        keep("blocks.0.mlp.pre", pre.reshape([batch, 3, dMlp]));
        keep("blocks.0.mlp.post", post.reshape([batch, 3, dMlp]));
        keep("blocks.0.hook_resid_post", residPost);
        keep("logits", logits.clone());
      }
      return logits;
    });
  }

  dispose(): void {
    Object.values(this.params).forEach((v) => v.dispose());
  }
}
