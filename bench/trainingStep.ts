/**
 * The two benchmark cases of issue 5 as ready-to-run full-batch training steps (forward, backward,
 * AdamW) on the active backend: the embedding MLP (p 97, 50% of pairs, width 512) and Nanda's
 * transformer (p 113, 30%). Shared by bench/stepTime.ts and bench/profileStep.ts.
 */
import * as tf from "@tensorflow/tfjs";
import { makeDataset } from "../src/data/makeDataset";
import { EmbeddingMLP } from "../src/models/EmbeddingMLP";
import { Model } from "../src/models/Model";
import { NandaTransformer } from "../src/models/NandaTransformer";
import { AdamW } from "../src/train/AdamW";
import { crossEntropy } from "../src/train/crossEntropy";
import { mlpFlops, nandaFlops } from "./flops";

/** Each case: data, model, steps to time (cpu times a fifth) and matmul FLOPs of a step of n rows. */
export const CASES = {
  mlp: { p: 97, fraction: 0.5, make: () => new EmbeddingMLP({ numClasses: 97, width: 512 }) as Model, steps: 30, flops: (n: number) => mlpFlops(n, 97, 512) },
  nanda: { p: 113, fraction: 0.3, make: () => new NandaTransformer({ numClasses: 113 }) as Model, steps: 8, flops: (n: number) => nandaFlops(n, 113) },
};
export type CaseName = keyof typeof CASES;

/** A training step of one case, its FLOPs, and a dispose for its tensors. */
export function trainingStep(name: string): { step: () => void; flops: number; steps: number; params: tf.Variable[]; dispose: () => void } {
  const c = CASES[name as CaseName];
  if (!c) throw new Error(`trainingStep: unknown case "${name}"; expected one of ${Object.keys(CASES).join(", ")}`);
  const ds = makeDataset({ operation: "x+y", p: c.p, trainFraction: c.fraction, seed: 0 });
  const idx = Array.from(ds.trainIndices);
  const a = tf.tensor1d(idx.map((i) => ds.a[i]), "int32");
  const b = tf.tensor1d(idx.map((i) => ds.b[i]), "int32");
  const y = tf.tensor1d(idx.map((i) => ds.label[i]), "int32");
  const model = c.make();
  const opt = new AdamW({ lr: 1e-3, weightDecay: 1 });
  const params = Object.values(model.params);
  return {
    step: () => tf.tidy(() => void opt.minimize(() => crossEntropy(model.forward({ a, b }), y), false, params)),
    flops: c.flops(idx.length),
    steps: c.steps,
    params,
    dispose: () => {
      model.dispose();
      opt.dispose();
      tf.dispose([a, b, y]);
    },
  };
}
