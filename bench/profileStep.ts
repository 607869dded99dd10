/**
 * Where a training step's time goes: every kernel of the backend is wrapped with a timer, one model's
 * step is run, and the kernels are printed by total time (ms per step, calls per step).
 *   node --import tsx bench/profileStep.ts [mlp|nanda] [backend]
 */
import * as tf from "@tensorflow/tfjs";
import { selectBackend, BackendName } from "../src/backend/selectBackend";
import { makeDataset } from "../src/data/makeDataset";
import { EmbeddingMLP } from "../src/models/EmbeddingMLP";
import { Model } from "../src/models/Model";
import { NandaTransformer } from "../src/models/NandaTransformer";
import { AdamW } from "../src/train/AdamW";
import { crossEntropy } from "../src/train/crossEntropy";

async function main() {
  const [name = "mlp", backend = "libtorch"] = process.argv.slice(2);
  await selectBackend(backend as BackendName);
  const totals = new Map<string, { ms: number; calls: number }>();
  for (const config of tf.getKernelsForBackend(tf.getBackend())) {
    const inner = config.kernelFunc;
    tf.unregisterKernel(config.kernelName, config.backendName);
    tf.registerKernel({
      ...config,
      kernelFunc: (args) => {
        const t0 = performance.now();
        const out = inner(args);
        const t = totals.get(config.kernelName) ?? { ms: 0, calls: 0 };
        t.ms += performance.now() - t0;
        t.calls += 1;
        totals.set(config.kernelName, t);
        return out;
      },
    });
  }
  const p = name === "mlp" ? 97 : 113;
  const ds = makeDataset({ operation: "x+y", p, trainFraction: name === "mlp" ? 0.5 : 0.3, seed: 0 });
  const idx = Array.from(ds.trainIndices);
  const a = tf.tensor1d(idx.map((i) => ds.a[i]), "int32");
  const b = tf.tensor1d(idx.map((i) => ds.b[i]), "int32");
  const y = tf.tensor1d(idx.map((i) => ds.label[i]), "int32");
  const model: Model = name === "mlp" ? new EmbeddingMLP({ numClasses: p, width: 512 }) : new NandaTransformer({ numClasses: p });
  const opt = new AdamW({ lr: 1e-3, weightDecay: 1 });
  const params = Object.values(model.params);
  const step = () => tf.tidy(() => void opt.minimize(() => crossEntropy(model.forward({ a, b }), y), false, params));
  const steps = name === "mlp" ? 20 : 5;
  for (let i = 0; i < 3; i++) step();
  totals.clear();
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) step();
  const wall = (performance.now() - t0) / steps;
  const rows = [...totals].sort((x, y) => y[1].ms - x[1].ms);
  const inKernels = rows.reduce((s, [, t]) => s + t.ms, 0) / steps;
  console.log(`${name} on ${tf.getBackend()}: ${wall.toFixed(2)} ms per step, ${inKernels.toFixed(2)} ms in kernels, ${rows.reduce((s, [, t]) => s + t.calls, 0) / steps} kernel calls`);
  for (const [k, t] of rows) console.log(`${k.padEnd(22)} ${(t.ms / steps).toFixed(3).padStart(8)} ms ${String(t.calls / steps).padStart(6)} calls`);
}

main();
