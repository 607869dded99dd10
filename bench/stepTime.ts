/**
 * Milliseconds per full-batch training step of groklab's models on one tfjs backend, one JSON line
 * per model. The worker of bench/run.ts (which runs it once per backend and thread count, since
 * the native backend's threads are fixed when it loads).
 *   node --import tsx bench/stepTime.ts <backend> [mlp|nanda ...]
 */
import * as tf from "@tensorflow/tfjs";
import { selectBackend, BackendName } from "../src/backend/selectBackend";
import { makeDataset } from "../src/data/makeDataset";
import { EmbeddingMLP } from "../src/models/EmbeddingMLP";
import { Model } from "../src/models/Model";
import { NandaTransformer } from "../src/models/NandaTransformer";
import { AdamW } from "../src/train/AdamW";
import { crossEntropy } from "../src/train/crossEntropy";
import { mlpFlops, nandaFlops } from "./flops";

/** The two benchmark cases of issue 5: steps timed per backend (cpu gets a fifth). */
export const CASES = {
  mlp: { p: 97, fraction: 0.5, make: () => new EmbeddingMLP({ numClasses: 97, width: 512 }) as Model, steps: 30, flops: (n: number) => mlpFlops(n, 97, 512) },
  nanda: { p: 113, fraction: 0.3, make: () => new NandaTransformer({ numClasses: 113 }) as Model, steps: 8, flops: (n: number) => nandaFlops(n, 113) },
};

async function main() {
  const [backend, ...models] = process.argv.slice(2);
  const { threads } = await selectBackend(backend as BackendName);
  for (const name of models.length ? models : Object.keys(CASES)) {
    const c = CASES[name as keyof typeof CASES];
    if (!c) throw new Error(`stepTime: unknown model "${name}"; expected one of ${Object.keys(CASES).join(", ")}`);
    const ds = makeDataset({ operation: "x+y", p: c.p, trainFraction: c.fraction, seed: 0 });
    const idx = Array.from(ds.trainIndices);
    const a = tf.tensor1d(idx.map((i) => ds.a[i]), "int32");
    const b = tf.tensor1d(idx.map((i) => ds.b[i]), "int32");
    const y = tf.tensor1d(idx.map((i) => ds.label[i]), "int32");
    const model = c.make();
    const opt = new AdamW({ lr: 1e-3, weightDecay: 1 });
    const params = Object.values(model.params);
    const step = () => tf.tidy(() => void opt.minimize(() => crossEntropy(model.forward({ a, b }), y), false, params));
    const steps = backend === "cpu" ? Math.max(2, Math.floor(c.steps / 5)) : c.steps;
    step();
    step();
    const t0 = performance.now();
    for (let i = 0; i < steps; i++) step();
    await params[0].data();
    const ms = (performance.now() - t0) / steps;
    console.log(JSON.stringify({ model: name, backend, threads, ms_per_step: ms, gflops: c.flops(idx.length) / ms / 1e6, steps }));
    model.dispose();
    opt.dispose();
    tf.dispose([a, b, y]);
  }
}

if (require.main === module) main();
