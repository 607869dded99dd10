/**
 * AdamW (Loshchilov & Hutter 2019) with torch.optim.AdamW's semantics, as a tfjs Optimizer.
 *
 * Per step t (1-based), for each parameter w with gradient g, in PyTorch 1.13's order:
 *   w ← w · (1 − lr·wd)                                  (decoupled decay, only where `decay(name)`)
 *   m ← β1·m + (1 − β1)·g;   v ← β2·v + (1 − β2)·g²
 *   w ← w − (lr / (1 − β1^t)) · m / (√v / √(1 − β2^t) + ε)
 * Bias corrections are computed in double precision, as PyTorch does on the Python side.
 */
import * as tf from "@tensorflow/tfjs";
import { Static } from "@sinclair/typebox";
import { resolve } from "../config/resolve";
import { FUSED, runFused } from "../backend/runFused";
import { AdamWGroup, adamWKernelInputs } from "../backend/adamWKernelInputs";
import { NamedTensor } from "./NamedTensor";
import { OptimizerConfigSchema, ResolvedOptimizerConfig } from "../specs/OptimizerConfig";

/** A rule saying which parameters are decayed, given the parameter name ("blocks.0.ln1.w", without the "model<k>/" prefix) and the variable. */
export type DecayRule = (name: string, variable: tf.Variable) => boolean;

/** AdamW's config: the JSON fields above; `decay` may also be a function of the parameter. */
export type AdamWConfig = Omit<Static<typeof OptimizerConfigSchema>, "decay"> & { decay?: "all" | "matrices" | DecayRule };

/** A `decay` rule: matrices and embeddings (rank ≥ 2) are decayed; gains and biases are not. */
export const matricesOnly: DecayRule = (_name, variable) => variable.rank >= 2;

function decayRule(decay: NonNullable<AdamWConfig["decay"]>): DecayRule {
  switch (decay) {
    case "all":
      return () => true;
    case "matrices":
      return matricesOnly;
    default:
      return decay;
  }
}

interface Slot {
  m: tf.Variable;
  v: tf.Variable;
}

/**
 * @example
 * const opt = new AdamW({ lr: 1e-3, weightDecay: 1 });
 * opt.minimize(() => loss(model), false, Object.values(model.params));
 */
export class AdamW extends tf.Optimizer {
  static get className(): string {
    return "AdamW";
  }

  readonly config: Omit<ResolvedOptimizerConfig, "decay"> & { decay: DecayRule };
  /** Number of steps taken; the next step is step + 1. */
  step = 0;
  /** Learning rate of the next step; a schedule sets it before each step. */
  lr: number;
  private slots = new Map<string, Slot>();

  constructor(config: AdamWConfig = {}) {
    super();
    const { decay, ...numbers } = config;
    const resolved = resolve(OptimizerConfigSchema, typeof decay === "function" ? numbers : config, "AdamW");
    this.config = { ...resolved, decay: decayRule(typeof decay === "function" ? decay : resolved.decay) };
    this.lr = this.config.lr;
  }

  private slot(name: string, like: tf.Tensor): Slot {
    let s = this.slots.get(name);
    if (!s) {
      s = {
        m: tf.variable(tf.zerosLike(like), false, `${name}/m`),
        v: tf.variable(tf.zerosLike(like), false, `${name}/v`),
      };
      this.slots.set(name, s);
    }
    return s;
  }

  applyGradients(gradients: tf.NamedTensorMap | NamedTensor[]): void {
    const list = Array.isArray(gradients)
      ? gradients
      : Object.keys(gradients).map((name) => ({ name, tensor: gradients[name] }));
    this.step += 1;
    const { beta1, beta2, eps, weightDecay } = this.config;
    const lr = this.lr;
    const stepSize = lr / (1 - Math.pow(beta1, this.step));
    const correction2Sqrt = Math.sqrt(1 - Math.pow(beta2, this.step));
    const shared = { beta1, beta2, stepSize, correction2Sqrt, eps };
    const groups: (AdamWGroup<tf.Tensor> & Slot & { w: tf.Variable })[] = [];
    for (const { name, tensor: g } of list) {
      if (g == null) continue;
      const w = tf.engine().registeredVariables[name];
      if (!w) throw new Error(`AdamW.applyGradients: no variable named "${name}" is registered`);
      const decays = weightDecay > 0 && this.config.decay(name.replace(/^model\d+\//, ""), w);
      groups.push({ w, g, ...this.slot(name, w), decayFactor: decays ? 1 - lr * weightDecay : 1 });
    }
    tf.tidy(() => {
      // every float32 parameter in one fused kernel where the backend has it
      const floats = groups.filter((p) => p.w.dtype === "float32");
      const { inputs, decayFactors } = adamWKernelInputs(floats);
      const fused = floats.length > 0 ? runFused<tf.Tensor[]>(FUSED.adamW, inputs, { ...shared, decayFactors }) : null;
      for (const p of groups) {
        const i = fused ? floats.indexOf(p) : -1;
        const [w1, m1, v1] = i >= 0 ? fused!.slice(3 * i, 3 * i + 3) : this.update(p.w, p.g, p.m, p.v, p.decayFactor, stepSize, correction2Sqrt);
        p.m.assign(m1);
        p.v.assign(v1);
        p.w.assign(w1);
      }
    });
    this.incrementIterations();
  }

  /** One step with tfjs ops (backends without the fused AdamW kernel): new [w, m, v]. */
  private update(w: tf.Tensor, g: tf.Tensor, m: tf.Tensor, v: tf.Tensor, decayFactor: number, stepSize: number, correction2Sqrt: number): tf.Tensor[] {
    const { beta1, beta2, eps } = this.config;
    const m1 = m.mul(beta1).add(g.mul(1 - beta1));
    const v1 = v.mul(beta2).add(g.square().mul(1 - beta2));
    const denom = v1.sqrt().div(correction2Sqrt).add(eps);
    return [w.mul(decayFactor).sub(m1.div(denom).mul(stepSize)), m1, v1];
  }

  /** Optimizer state for checkpoints: step count and moment estimates by parameter name. */
  async getWeights(): Promise<NamedTensor[]> {
    const out: NamedTensor[] = [{ name: "step", tensor: tf.scalar(this.step, "int32") }];
    for (const [name, s] of this.slots) {
      out.push({ name: `${name}/m`, tensor: s.m }, { name: `${name}/v`, tensor: s.v });
    }
    return out;
  }

  async setWeights(weights: NamedTensor[]): Promise<void> {
    for (const { name, tensor } of weights) {
      if (name === "step") {
        this.step = (await tensor.data())[0];
        continue;
      }
      const match = /^(.*)\/(m|v)$/.exec(name);
      if (!match) throw new Error(`AdamW.setWeights: unexpected weight "${name}"; expected "step" or "<param>/m|v"`);
      const s = this.slot(match[1], tensor);
      s[match[2] as "m" | "v"].assign(tensor);
    }
  }

  getConfig(): tf.serialization.ConfigDict {
    const { lr, beta1, beta2, eps, weightDecay } = this.config;
    return { lr, beta1, beta2, eps, weightDecay };
  }

  dispose(): void {
    super.dispose();
    this.slots.forEach((s) => {
      s.m.dispose();
      s.v.dispose();
    });
    this.slots.clear();
  }
}
