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
import { FUSED, runFused } from "../backend/runFused";
import { NamedTensor } from "./NamedTensor";

/** AdamW hyper-parameters; defaults are PyTorch's except betas (Power et al. use 0.98). */
export interface AdamWConfig {
  /** Learning rate (before any schedule). Default 1e-3. */
  lr?: number;
  /** β1. Default 0.9. */
  beta1?: number;
  /** β2. Default 0.98 (Power et al., Nanda et al.; PyTorch's default is 0.999). */
  beta2?: number;
  /** ε added to the denominator. Default 1e-8. */
  eps?: number;
  /** Decoupled weight decay. Default 1 (the grokking papers'; PyTorch's default is 0.01). */
  weightDecay?: number;
  /**
   * Which parameters are decayed, given the parameter name ("blocks.0.ln1.w", without the
   * "model<k>/" registration prefix) and the variable. Default: all (as PyTorch's AdamW over
   * model.parameters()); `matricesOnly` decays matrices and embeddings only (nanoGPT's habit).
   */
  decay?: (name: string, variable: tf.Variable) => boolean;
}

function checkNumber(name: string, value: number, ok: (v: number) => boolean, expected: string): void {
  if (typeof value !== "number" || !ok(value)) {
    throw new Error(`AdamW: ${name} must be ${expected}; received ${value}`);
  }
}

/** A `decay` rule: matrices and embeddings (rank ≥ 2) are decayed; gains and biases are not. */
export const matricesOnly = (_name: string, variable: tf.Variable): boolean => variable.rank >= 2;

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

  readonly config: Required<AdamWConfig>;
  /** Number of steps taken; the next step is step + 1. */
  step = 0;
  /** Learning rate of the next step; a schedule sets it before each step. */
  lr: number;
  private slots = new Map<string, Slot>();

  constructor(config: AdamWConfig = {}) {
    super();
    this.config = { lr: 1e-3, beta1: 0.9, beta2: 0.98, eps: 1e-8, weightDecay: 1, decay: () => true, ...config };
    const c = this.config;
    checkNumber("lr", c.lr, (v) => v >= 0 && Number.isFinite(v), "a finite number ≥ 0");
    checkNumber("beta1", c.beta1, (v) => v >= 0 && v < 1, "in [0, 1)");
    checkNumber("beta2", c.beta2, (v) => v >= 0 && v < 1, "in [0, 1)");
    checkNumber("eps", c.eps, (v) => v >= 0 && Number.isFinite(v), "a finite number ≥ 0");
    checkNumber("weightDecay", c.weightDecay, (v) => v >= 0 && Number.isFinite(v), "a finite number ≥ 0");
    this.lr = c.lr;
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
    for (const { name, tensor: g } of list) {
      if (g == null) continue;
      const w = tf.engine().registeredVariables[name];
      if (!w) throw new Error(`AdamW.applyGradients: no variable named "${name}" is registered`);
      const { m, v } = this.slot(name, w);
      tf.tidy(() => {
        const decays = weightDecay > 0 && this.config.decay(name.replace(/^model\d+\//, ""), w);
        const attrs = { decayFactor: decays ? 1 - lr * weightDecay : 1, beta1, beta2, stepSize, correction2Sqrt, eps };
        const fused = w.dtype === "float32" ? runFused<tf.Tensor[]>(FUSED.adamW, { w, g, m, v }, attrs) : null;
        const [w1, m1, v1] = fused ?? this.update(w, g, m, v, attrs);
        m.assign(m1);
        v.assign(v1);
        w.assign(w1);
      });
    }
    this.incrementIterations();
  }

  /** One step with tfjs ops (backends without the fused AdamW kernel): new [w, m, v]. */
  private update(w: tf.Tensor, g: tf.Tensor, m: tf.Tensor, v: tf.Tensor, a: { decayFactor: number; stepSize: number; correction2Sqrt: number }): tf.Tensor[] {
    const { beta1, beta2, eps } = this.config;
    const m1 = m.mul(beta1).add(g.mul(1 - beta1));
    const v1 = v.mul(beta2).add(g.square().mul(1 - beta2));
    const denom = v1.sqrt().div(a.correction2Sqrt).add(eps);
    return [w.mul(a.decayFactor).sub(m1.div(denom).mul(a.stepSize)), m1, v1];
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
