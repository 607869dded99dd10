/**
 * Milliseconds per full-batch training step of groklab's models on the tfjs backends available
 * here, one JSON line per (model, backend). Used by bench/run.sh.
 *   node --import tsx bench/stepTime.ts [backend ...]
 */
import * as tf from "@tensorflow/tfjs";
import { libtorchAddon } from "../src/backend/libtorchAddon";
import { selectBackend, BackendName } from "../src/backend/selectBackend";
import { makeDataset } from "../src/data/makeDataset";
import { EmbeddingMLP } from "../src/models/EmbeddingMLP";
import { Model } from "../src/models/Model";
import { NandaTransformer } from "../src/models/NandaTransformer";
import { AdamW } from "../src/train/AdamW";
import { crossEntropy } from "../src/train/crossEntropy";
import { mlpFlops, nandaFlops } from "./flops";

const CASES = {
  mlp: { p: 97, fraction: 0.5, make: () => new EmbeddingMLP({ numClasses: 97, width: 512 }) as Model, steps: 20, flops: (n: number) => mlpFlops(n, 97, 512), baseline: process.env.BASELINE_MLP },
  nanda: { p: 113, fraction: 0.3, make: () => new NandaTransformer({ numClasses: 113 }) as Model, steps: 5, flops: (n: number) => nandaFlops(n, 113), baseline: process.env.BASELINE_NANDA },
};

async function main() {
  const available: BackendName[] = [...(libtorchAddon().addon ? (["libtorch"] as const) : []), "wasm", "cpu"];
  const backends = (process.argv.slice(2).length ? process.argv.slice(2) : available) as BackendName[];
  const only = process.env.BENCH_MODELS?.split(",");
  for (const backend of backends) {
    const { threads } = await selectBackend(backend);
    for (const [name, c] of Object.entries(CASES)) {
      if (only && !only.includes(name)) continue;
      const ds = makeDataset({ operation: "x+y", p: c.p, trainFraction: c.fraction, seed: 0 });
      const idx = Array.from(ds.trainIndices);
      const a = tf.tensor1d(idx.map((i) => ds.a[i]), "int32");
      const b = tf.tensor1d(idx.map((i) => ds.b[i]), "int32");
      const y = tf.tensor1d(idx.map((i) => ds.label[i]), "int32");
      const model = c.make();
      const opt = new AdamW({ lr: 1e-3, weightDecay: 1 });
      const params = Object.values(model.params);
      const step = () => tf.tidy(() => {
        opt.minimize(() => crossEntropy(model.forward({ a, b }), y), false, params);
      });
      const steps = backend === "cpu" ? Math.max(2, Math.floor(c.steps / 5)) : c.steps;
      step();
      step();
      const t0 = performance.now();
      for (let i = 0; i < steps; i++) step();
      await params[0].data();
      const ms = (performance.now() - t0) / steps;
      const baseline = c.baseline ? Number(c.baseline) : null;
      console.log(JSON.stringify({
        model: name, backend, threads, ms_per_step: Number(ms.toFixed(2)),
        baseline: "pytorch 1 thread, tuned malloc", baseline_ms_per_step: baseline === null ? null : Number(baseline.toFixed(2)),
        ratio: baseline === null ? null : Number((ms / baseline).toFixed(2)),
        gflops: Number((c.flops(idx.length) / ms / 1e6).toFixed(2)), steps,
      }));
      model.dispose();
      opt.dispose();
      tf.dispose([a, b, y]);
    }
  }
}

main();
