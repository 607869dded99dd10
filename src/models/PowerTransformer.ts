/**
 * The transformer of Power et al. 2022 (arXiv 2201.02177, §A.1.2; repo openai/grok):
 * decoder-only, causal, 2 layers, 4 heads, d_model 128, FFN 512 ReLU, post-residual LayerNorm
 * (x ← LN(x + Attn(x)); x ← LN(x + FFN(x))), sinusoidal positions, no biases in linear layers,
 * no dropout. Input "<eos> a op b =" (vocabulary n + 3, context 5); the logits of the last position
 * predict c. Deviation: the unembedding covers the n answer classes only, not the 3 special tokens.
 */
import * as tf from "@tensorflow/tfjs";
import { sequenceLayout } from "../data/sequenceLayout";
import { attentionWeights, causalAttention } from "./causalAttention";
import { embedTokens, sequenceTokens } from "./embedTokens";
import { layerNorm } from "./layerNorm";
import { resolve } from "../config/resolve";
import { checkHeads, makeParams, ParamSpec } from "./makeParams";
import { ActivationCache, Model, ModelInput, ModelRoles } from "./Model";
import { sinusoidalPositions } from "./sinusoidalPositions";
import { PowerTransformerConfig, PowerTransformerConfigSchema, ResolvedPowerTransformerConfig } from "../specs/PowerTransformerConfig";

const CONTEXT = 5;

/**
 * @example
 * const model = new PowerTransformer({ numClasses: 97 });
 * const logits = model.forward({ a, b }); // [batch, 97]
 */
export class PowerTransformer implements Model {
  readonly config: ResolvedPowerTransformerConfig;
  readonly params: Record<string, tf.Variable>;
  get roles(): ModelRoles {
    return { embedding: "embed.W_E", embeddingB: "embed.W_E", unembedding: "unembed.W_U", neurons: `blocks.${this.config.layers - 1}.mlp.post`, neuronInput: "blocks.0.mlp.W_in", neuronsAt: "answer" };
  }
  private readonly positions: tf.Tensor2D;

  constructor(config: PowerTransformerConfig, weights?: Record<string, tf.Tensor>) {
    this.config = resolve(PowerTransformerConfigSchema, config, "PowerTransformer", (c) => checkHeads("PowerTransformer", c.dModel, c.heads));
    const { numClasses: n, layers, dModel, heads, dFF, seed } = this.config;
    const dHead = dModel / heads;
    // PyTorch's defaults, as openai/grok uses them: Embedding N(0, 1), Linear uniform(±1/√fan_in), LayerNorm (1, 0).
    const linear = (fanIn: number) => ({ kind: "uniform", bound: 1 / Math.sqrt(fanIn) }) as const;
    const specs: Record<string, ParamSpec> = { "embed.W_E": { shape: [n + 3, dModel], init: { kind: "normal", std: 1 } } };
    for (let l = 0; l < layers; l++) {
      const b = `blocks.${l}`;
      for (const m of ["W_Q", "W_K", "W_V"]) specs[`${b}.attn.${m}`] = { shape: [heads, dModel, dHead], init: linear(dModel) };
      specs[`${b}.attn.W_O`] = { shape: [heads, dHead, dModel], init: linear(dModel) };
      specs[`${b}.ln1.w`] = { shape: [dModel], init: { kind: "constant", value: 1 } };
      specs[`${b}.ln1.b`] = { shape: [dModel], init: { kind: "constant", value: 0 } };
      specs[`${b}.mlp.W_in`] = { shape: [dModel, dFF], init: linear(dModel) };
      specs[`${b}.mlp.W_out`] = { shape: [dFF, dModel], init: linear(dFF) };
      specs[`${b}.ln2.w`] = { shape: [dModel], init: { kind: "constant", value: 1 } };
      specs[`${b}.ln2.b`] = { shape: [dModel], init: { kind: "constant", value: 0 } };
    }
    specs["unembed.W_U"] = { shape: [dModel, n], init: linear(dModel) };
    this.params = makeParams("PowerTransformer", specs, seed, weights);
    this.positions = sinusoidalPositions(CONTEXT, dModel);
  }

  forward(input: ModelInput, cache?: ActivationCache): tf.Tensor2D {
    return tf.tidy(() => {
      const P = this.params;
      const { numClasses: n, layers, dModel, dFF } = this.config;
      const tokens = sequenceTokens(input.a, input.b, sequenceLayout("power", n).layout); // [batch, 5]: <eos> a op b =
      const batch = tokens.shape[0];
      let x = embedTokens(tokens, P["embed.W_E"] as tf.Tensor2D).add(this.positions) as tf.Tensor3D; // [batch, 5, dModel]
      const keep = (name: string, t: tf.Tensor) => cache?.set(name, tf.keep(t));
      keep("hook_embed", x);
      for (let l = 0; l < layers; l++) {
        const b = `blocks.${l}`;
        // Without a cache, the last layer computes only the "=" position past its keys and values:
        // the answer is read there, and the other positions' outputs feed nothing.
        const lastOnly = !cache && l === layers - 1;
        const n = lastOnly ? 1 : CONTEXT;
        const attn = causalAttention(x, attentionWeights(P, `${b}.attn`), `${b}.attn`, cache, lastOnly); // [batch, n, dModel]
        keep(`${b}.hook_attn_out`, attn);
        const resid = lastOnly ? x.slice([0, CONTEXT - 1, 0], [batch, 1, dModel]) : x;
        x = layerNorm(resid.add(attn), P[`${b}.ln1.w`], P[`${b}.ln1.b`]) as tf.Tensor3D; // [batch, n, dModel]
        keep(`${b}.hook_resid_mid`, x);
        const pre = tf.matMul(x.reshape([batch * n, dModel]), P[`${b}.mlp.W_in`]); // [batch·n, dFF]
        const post = tf.relu(pre);
        const ffn = tf.matMul(post, P[`${b}.mlp.W_out`]).reshape([batch, n, dModel]); // [batch, n, dModel]
        keep(`${b}.mlp.pre`, pre.reshape([batch, n, dFF]));
        keep(`${b}.mlp.post`, post.reshape([batch, n, dFF]));
        x = layerNorm(x.add(ffn), P[`${b}.ln2.w`], P[`${b}.ln2.b`]) as tf.Tensor3D;
        keep(`${b}.hook_resid_post`, x);
      }
      const last = x.slice([0, x.shape[1] - 1, 0], [batch, 1, dModel]).reshape([batch, dModel]); // the "=" position
      const logits = tf.matMul(last, P["unembed.W_U"]) as tf.Tensor2D; // [batch, n]
      keep("logits", logits.clone());
      return logits;
    });
  }

  dispose(): void {
    Object.values(this.params).forEach((v) => v.dispose());
    this.positions.dispose();
  }
}
