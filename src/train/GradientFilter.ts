/**
 * Grokfast gradient filters (Lee et al. 2024, "Grokfast: Accelerated Grokking by Amplifying Slow
 * Gradients", repo ironjr/grokfast). Both add λ times a low-pass filtered gradient to the gradient:
 * - EMA: μ_0 = g_0, μ_t = α μ_{t−1} + (1 − α) g_t, ĝ_t = g_t + λ μ_t (defaults α 0.98, λ 2);
 * - MA: ĝ_t = g_t + λ · mean(g_{t−w+1} … g_t) once w gradients are held, else g_t (defaults w 100, λ 5).
 * A filter owns its state tensors; `state()` / `setState()` let checkpoints carry it.
 */
import * as tf from "@tensorflow/tfjs";
import { resolve } from "../config/resolve";
import { GradientFilterConfig, GradientFilterConfigSchema } from "../specs/GradientFilterConfig";

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

/**
 * The moving average keeps the window's gradients and their running sum: a step adds the new
 * gradient and subtracts the one leaving the window (two adds a step, not w), and the sum is
 * recomputed exactly from the window once every w steps, so float32 rounding never accumulates
 * over more than w updates. The sum and its age are state too, so a resumed run continues bit for
 * bit (a checkpoint without them, older than the running sum, recomputes the sum from its window).
 */
class MaFilter implements GradientFilter {
  private queues = new Map<string, tf.Tensor[]>();
  private sums = new Map<string, tf.Tensor>();
  /** Per gradient: updates of its sum since the sum was recomputed from the window (a scalar). */
  private ages = new Map<string, tf.Tensor>();
  constructor(
    private window: number,
    private lambda: number,
  ) {}

  private setSum(name: string, sum: tf.Tensor, age: number): void {
    this.sums.get(name)?.dispose();
    this.ages.get(name)?.dispose();
    this.sums.set(name, tf.keep(sum));
    this.ages.set(name, tf.keep(tf.scalar(age, "int32")));
  }

  apply(grads: tf.NamedTensorMap): tf.NamedTensorMap {
    const out: tf.NamedTensorMap = {};
    for (const [name, g] of Object.entries(grads)) {
      const queue = this.queues.get(name) ?? [];
      this.queues.set(name, queue);
      queue.push(tf.keep(g.clone()));
      const leaving = queue.length > this.window ? queue.shift()! : undefined;
      const prev = this.sums.get(name);
      const age = prev ? this.ages.get(name)!.arraySync() as number + 1 : this.window;
      if (age >= this.window) this.setSum(name, tf.addN(queue), 0);
      else this.setSum(name, tf.tidy(() => (leaving ? prev!.add(g).sub(leaving) : prev!.add(g))), age);
      leaving?.dispose();
      const sum = this.sums.get(name)!;
      out[name] = queue.length === this.window ? tf.tidy(() => g.add(sum.mul(this.lambda / this.window))) : g.clone();
    }
    return out;
  }

  state(): Record<string, tf.Tensor> {
    const s: Record<string, tf.Tensor> = {};
    this.queues.forEach((q, name) => q.forEach((t, i) => (s[`${name}/${String(i).padStart(4, "0")}`] = t)));
    this.sums.forEach((t, name) => (s[`${name}/sum`] = t));
    this.ages.forEach((t, name) => (s[`${name}/sumAge`] = t));
    return s;
  }

  setState(state: Record<string, tf.Tensor>): void {
    this.dispose();
    for (const key of Object.keys(state).sort()) {
      const slot = /^(.*)\/(\d{4})$/.exec(key);
      if (!slot) continue;
      const q = this.queues.get(slot[1]) ?? [];
      q.push(tf.keep(state[key].clone()));
      this.queues.set(slot[1], q);
    }
    this.queues.forEach((queue, name) => {
      const sum = state[`${name}/sum`];
      const age = state[`${name}/sumAge`];
      if (sum && age) this.setSum(name, sum.clone(), age.arraySync() as number);
      else this.setSum(name, tf.addN(queue), 0);
    });
  }

  dispose(): void {
    for (const map of [this.sums, this.ages]) {
      map.forEach((t) => t.dispose());
      map.clear();
    }
    this.queues.forEach((q) => q.forEach((t) => t.dispose()));
    this.queues.clear();
  }
}

/**
 * @example
 * const filter = makeGradientFilter({ kind: "ema", alpha: 0.98, lambda: 2 });
 */
export function makeGradientFilter(config: GradientFilterConfig): GradientFilter {
  const full = resolve(GradientFilterConfigSchema, config, "makeGradientFilter");
  switch (full.kind) {
    case "ema":
      return new EmaFilter(full.alpha, full.lambda);
    case "ma":
      return new MaFilter(full.window, full.lambda);
  }
}
