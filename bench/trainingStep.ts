/**
 * The benchmark cases as ready-to-run steps on the active backend: full-batch training steps
 * (forward, backward, AdamW) of the embedding MLP (p 97, 50% of pairs, width 512) and Nanda's
 * transformer (p 113, 30%); a training step of Power's transformer on a fresh random minibatch of
 * 512 of x/y mod 97 (50% of pairs), the paper's setting; and one evaluation pass of Power's
 * transformer (forward over all pairs, no gradient). Shared by bench/stepTime.ts and bench/profileStep.ts.
 */
import * as tf from "@tensorflow/tfjs";
import { makeDataset } from "../src/data/makeDataset";
import { EmbeddingMLP } from "../src/models/EmbeddingMLP";
import { Model } from "../src/models/Model";
import { NandaTransformer } from "../src/models/NandaTransformer";
import { AdamW } from "../src/train/AdamW";
import { crossEntropy } from "../src/train/crossEntropy";
import { mlpFlops, nandaFlops, powerFlops } from "./flops";
import { Random } from "../src/data/random";
import { PowerTransformer } from "../src/models/PowerTransformer";
import { Operation } from "../src/specs/Operation";

/** Each case: data, model, steps to time (cpu times a fifth) and matmul FLOPs of a step of n rows. */
interface Case {
  operation: Operation;
  p: number;
  fraction: number;
  make: () => Model;
  steps: number;
  flops: (n: number) => number;
  /** Rows per step: "full" (the training set), a minibatch size, or "all" pairs for an evaluation. */
  batch: "full" | number | "all";
}

export const CASES: Record<string, Case> = {
  mlp: { operation: "x+y", p: 97, fraction: 0.5, make: () => new EmbeddingMLP({ numClasses: 97, width: 512 }), steps: 30, flops: (n) => mlpFlops(n, 97, 512), batch: "full" },
  nanda: { operation: "x+y", p: 113, fraction: 0.3, make: () => new NandaTransformer({ numClasses: 113 }), steps: 8, flops: (n) => nandaFlops(n, 113), batch: "full" },
  power: { operation: "x/y", p: 97, fraction: 0.5, make: () => new PowerTransformer({ numClasses: 97 }), steps: 20, flops: (n) => powerFlops(n, 97), batch: 512 },
  "power-eval": { operation: "x/y", p: 97, fraction: 0.5, make: () => new PowerTransformer({ numClasses: 97 }), steps: 5, flops: (n) => powerFlops(n, 97, false), batch: "all" },
};
export type CaseName = keyof typeof CASES;

/** A training step of one case, its FLOPs, and a dispose for its tensors. */
export function trainingStep(name: string): { step: () => void; flops: number; steps: number; params: tf.Variable[]; dispose: () => void } {
  const c = CASES[name as CaseName];
  if (!c) throw new Error(`trainingStep: unknown case "${name}"; expected one of ${Object.keys(CASES).join(", ")}`);
  const ds = makeDataset({ operation: c.operation, p: c.p, trainFraction: c.fraction, seed: 0 });
  const idx = c.batch === "all" ? Array.from(ds.a.keys()) : Array.from(ds.trainIndices);
  const a = tf.tensor1d(idx.map((i) => ds.a[i]), "int32");
  const b = tf.tensor1d(idx.map((i) => ds.b[i]), "int32");
  const y = tf.tensor1d(idx.map((i) => ds.label[i]), "int32");
  const model = c.make();
  const opt = new AdamW({ lr: 1e-3, weightDecay: 1 });
  const params = Object.values(model.params);
  const random = new Random(1);
  const batch = typeof c.batch === "number" ? c.batch : idx.length;
  const rows = () => {
    if (typeof c.batch !== "number") return { a, b, y };
    // A fresh minibatch each step, drawn without replacement as train() does.
    const picked = random.shuffle([...idx.keys()]).slice(0, batch);
    const at = tf.tensor1d(picked, "int32");
    return { a: tf.gather(a, at), b: tf.gather(b, at), y: tf.gather(y, at) };
  };
  const step =
    c.batch === "all"
      ? () => tf.tidy(() => void model.forward({ a, b }).dataSync())
      : () => tf.tidy(() => {
          const r = rows();
          opt.minimize(() => crossEntropy(model.forward({ a: r.a, b: r.b }), r.y), false, params);
        });
  return {
    step,
    flops: c.flops(batch),
    steps: c.steps,
    params,
    dispose: () => {
      model.dispose();
      opt.dispose();
      tf.dispose([a, b, y]);
    },
  };
}
