/**
 * Grokfast gradient filters (Lee et al. 2024, "Grokfast: Accelerated Grokking by Amplifying Slow
 * Gradients", repo ironjr/grokfast). Both add λ times a low-pass filtered gradient to the gradient:
 * - EMA: μ_0 = g_0, μ_t = α μ_{t−1} + (1 − α) g_t, ĝ_t = g_t + λ μ_t (defaults α 0.98, λ 2);
 * - MA: ĝ_t = g_t + λ · mean(g_{t−w+1} … g_t) once w gradients are held, else g_t (defaults w 100, λ 5).
 * A filter owns its state tensors; `state()` / `setState()` let checkpoints carry it.
 */
import * as tf from "@tensorflow/tfjs";

export type GradientFilterConfig =
  | { kind: "ema"; alpha?: number; lambda?: number }
  | { kind: "ma"; window?: number; lambda?: number };

export interface GradientFilter {
  /** Filtered gradients (new tensors, kept out of the caller's tidy); updates the state. */
  apply(grads: tf.NamedTensorMap): tf.NamedTensorMap;
  /** State tensors by "<gradient name>/<slot>" (views: the filter keeps ownership). */
  state(): Record<string, tf.Tensor>;
  /** Replaces the state (copies the given tensors). */
  setState(state: Record<string, tf.Tensor>): void;
  dispose(): void;
}

class EmaFilter implements GradientFilter {
  private mu = new Map<string, tf.Tensor>();
  constructor(
    private alpha: number,
    private lambda: number,
  ) {}

  apply(grads: tf.NamedTensorMap): tf.NamedTensorMap {
    const out: tf.NamedTensorMap = {};
    for (const [name, g] of Object.entries(grads)) {
      const prev = this.mu.get(name);
      const next = tf.keep(prev ? tf.tidy(() => prev.mul(this.alpha).add(g.mul(1 - this.alpha))) : g.clone());
      prev?.dispose();
      this.mu.set(name, next);
      out[name] = tf.tidy(() => g.add(next.mul(this.lambda)));
    }
    return out;
  }

  state(): Record<string, tf.Tensor> {
    return Object.fromEntries([...this.mu].map(([n, t]) => [`${n}/mu`, t]));
  }

  setState(state: Record<string, tf.Tensor>): void {
    this.dispose();
    for (const [key, t] of Object.entries(state)) this.mu.set(key.replace(/\/mu$/, ""), tf.keep(t.clone()));
  }

  dispose(): void {
    this.mu.forEach((t) => t.dispose());
    this.mu.clear();
  }
}

class MaFilter implements GradientFilter {
  private queues = new Map<string, tf.Tensor[]>();
  constructor(
    private window: number,
    private lambda: number,
  ) {}

  apply(grads: tf.NamedTensorMap): tf.NamedTensorMap {
    const out: tf.NamedTensorMap = {};
    for (const [name, g] of Object.entries(grads)) {
      const queue = this.queues.get(name) ?? [];
      queue.push(tf.keep(g.clone()));
      if (queue.length > this.window) queue.shift()!.dispose();
      this.queues.set(name, queue);
      out[name] = queue.length === this.window ? tf.tidy(() => g.add(tf.addN(queue).div(this.window).mul(this.lambda))) : g.clone();
    }
    return out;
  }

  state(): Record<string, tf.Tensor> {
    const s: Record<string, tf.Tensor> = {};
    this.queues.forEach((q, name) => q.forEach((t, i) => (s[`${name}/${String(i).padStart(4, "0")}`] = t)));
    return s;
  }

  setState(state: Record<string, tf.Tensor>): void {
    this.dispose();
    for (const key of Object.keys(state).sort()) {
      const name = key.replace(/\/\d{4}$/, "");
      const q = this.queues.get(name) ?? [];
      q.push(tf.keep(state[key].clone()));
      this.queues.set(name, q);
    }
  }

  dispose(): void {
    this.queues.forEach((q) => q.forEach((t) => t.dispose()));
    this.queues.clear();
  }
}

function check(name: string, value: number, ok: boolean, expected: string): void {
  if (!ok) throw new Error(`makeGradientFilter: ${name} must be ${expected}; received ${value}`);
}

/**
 * @example
 * const filter = makeGradientFilter({ kind: "ema", alpha: 0.98, lambda: 2 });
 */
export function makeGradientFilter(config: GradientFilterConfig): GradientFilter {
  switch (config.kind) {
    case "ema": {
      const { alpha = 0.98, lambda = 2 } = config;
      check("alpha", alpha, alpha >= 0 && alpha < 1, "in [0, 1)");
      check("lambda", lambda, Number.isFinite(lambda), "a finite number");
      return new EmaFilter(alpha, lambda);
    }
    case "ma": {
      const { window = 100, lambda = 5 } = config;
      check("window", window, Number.isInteger(window) && window >= 1 && window <= 9999, "an integer in [1, 9999]");
      check("lambda", lambda, Number.isFinite(lambda), "a finite number");
      return new MaFilter(window, lambda);
    }
    default: {
      const kind = (config as { kind: unknown }).kind;
      throw new Error(`makeGradientFilter: invalid kind "${kind}"; expected "ema" or "ma"`);
    }
  }
}
