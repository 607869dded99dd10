/**
 * Muon (Jordan et al. 2024; on grokking: arXiv 2504.16041): momentum whose update is
 * orthogonalised (newtonSchulz) for the hidden weight matrices, AdamW for every other parameter
 * (embeddings, unembedding, gains, biases). Per step, for each Muon parameter W [..., m, n] with
 * gradient G (the original, October 2024 form):
 *   M ← μ·M + G;   U = G + μ·M (Nesterov) or M;   W ← W·(1 − lr·wd) − lr·√max(1, m/n)·NS5(U)
 * A parameter of rank 3 (attention's W_Q [heads, dModel, dHead]) is a batch of per-head matrices.
 */
import * as tf from "@tensorflow/tfjs";
import { resolve } from "../config/resolve";
import { AdamW, AdamWConfig } from "./AdamW";
import { NamedTensor } from "./NamedTensor";
import { newtonSchulz } from "./newtonSchulz";
import { MuonConfig, MuonConfigSchema, ResolvedMuonConfig } from "../specs/MuonConfig";

/** Which parameters Muon updates, by name (without the "model<k>/" prefix) and variable. */
export type MuonRule = (name: string, variable: tf.Variable) => boolean;

/**
 * @example
 * const opt = new Muon({ lr: 0.02 }, { lr: 1e-3, weightDecay: 1 }, (name, v) => v.rank >= 2 && !name.startsWith("embed"));
 */
export class Muon extends tf.Optimizer {
  static get className(): string {
    return "Muon";
  }

  readonly config: ResolvedMuonConfig & { weightDecay: number };
  /** The other parameters' optimizer. */
  readonly adamW: AdamW;
  private momenta = new Map<string, tf.Variable>();

  constructor(config: MuonConfig, adamW: AdamWConfig, private readonly isMuon: MuonRule) {
    super();
    this.adamW = new AdamW(adamW);
    const resolved = resolve(MuonConfigSchema, config, "Muon");
    this.config = { ...resolved, weightDecay: resolved.weightDecay ?? this.adamW.config.weightDecay };
  }

  /** AdamW's learning rate (a schedule sets it); Muon's scales with it by the same factor. */
  get lr(): number {
    return this.adamW.lr;
  }

  set lr(value: number) {
    this.adamW.lr = value;
  }

  applyGradients(gradients: tf.NamedTensorMap | NamedTensor[]): void {
    const list = Array.isArray(gradients) ? gradients : Object.keys(gradients).map((name) => ({ name, tensor: gradients[name] }));
    const rest: NamedTensor[] = [];
    const { momentum, nesterov, steps, weightDecay } = this.config;
    const lr = this.config.lr * (this.adamW.config.lr > 0 ? this.adamW.lr / this.adamW.config.lr : 1);
    for (const item of list) {
      const w = tf.engine().registeredVariables[item.name];
      if (!w) throw new Error(`Muon.applyGradients: no variable named "${item.name}" is registered`);
      if (item.tensor == null) continue;
      if (!this.isMuon(item.name.replace(/^model\d+\//, ""), w)) {
        rest.push(item);
        continue;
      }
      const m = this.momentum(item.name, w);
      tf.tidy(() => {
        const g = item.tensor;
        const m1 = m.mul(momentum).add(g);
        const u = nesterov ? g.add(m1.mul(momentum)) : m1;
        const [rows, cols] = w.shape.slice(-2);
        const o = newtonSchulz(u, steps);
        m.assign(m1);
        w.assign(w.mul(1 - lr * weightDecay).sub(o.mul(lr * Math.sqrt(Math.max(1, rows / cols)))));
      });
    }
    this.adamW.applyGradients(rest);
    this.incrementIterations();
  }

  private momentum(name: string, like: tf.Tensor): tf.Variable {
    let m = this.momenta.get(name);
    if (!m) {
      m = tf.variable(tf.zerosLike(like), false, `${name}/muon`);
      this.momenta.set(name, m);
    }
    return m;
  }

  /** Checkpoint state: AdamW's (step, moments) and each Muon parameter's momentum ("<param>/muon"). */
  async getWeights(): Promise<NamedTensor[]> {
    const own = [...this.momenta].map(([name, tensor]) => ({ name: `${name}/muon`, tensor }));
    return [...(await this.adamW.getWeights()), ...own];
  }

  async setWeights(weights: NamedTensor[]): Promise<void> {
    const own = weights.filter((w) => w.name.endsWith("/muon"));
    for (const { name, tensor } of own) this.momentum(name.replace(/\/muon$/, ""), tensor).assign(tensor);
    await this.adamW.setWeights(weights.filter((w) => !w.name.endsWith("/muon")));
  }

  getConfig(): tf.serialization.ConfigDict {
    return { ...this.adamW.getConfig(), muon: { ...this.config } };
  }

  dispose(): void {
    super.dispose();
    this.adamW.dispose();
    this.momenta.forEach((m) => m.dispose());
    this.momenta.clear();
  }
}
