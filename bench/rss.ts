/**
 * Memory over a long run: live tensors and process RSS every `every` training steps on the chosen
 * backend (default libtorch). Flat numbers mean disposed tensors are freed (and, on libtorch,
 * their buffers recycled by the pool).
 *   node --expose-gc --import tsx bench/rss.ts [mlp|power] [backend] [steps] [every] [batch]
 * mlp: the embedding MLP, x+y mod 59, width 256, full batch; power: Power's transformer, x/y mod 97,
 * 50% of pairs, minibatches of `batch` (default 512, the paper's setting; a smaller one runs the
 * same code path in less time, for 10⁵ steps within an hour). Each line is measured after a full GC.
 */
import * as tf from "@tensorflow/tfjs";
import { BackendName, selectBackend } from "../src/backend/selectBackend";
import { makeDataset } from "../src/data/makeDataset";
import { EmbeddingMLP } from "../src/models/EmbeddingMLP";
import { PowerTransformer } from "../src/models/PowerTransformer";
import { train } from "../src/train/train";

const CASES = {
  mlp: () => ({ model: new EmbeddingMLP({ numClasses: 59, width: 256 }), data: makeDataset({ operation: "x+y", p: 59, trainFraction: 0.5 }), batchSize: undefined }),
  power: (batch: number) => ({ model: new PowerTransformer({ numClasses: 97 }), data: makeDataset({ operation: "x/y", p: 97, trainFraction: 0.5 }), batchSize: batch }),
};

async function main() {
  const [name = "mlp", backend = "libtorch", steps = "10000", every = "1000", batch = "512"] = process.argv.slice(2);
  const make = CASES[name as keyof typeof CASES];
  if (!make) throw new Error(`bench/rss: model must be one of ${Object.keys(CASES).join(", ")}; received "${name}"`);
  await selectBackend(backend as BackendName);
  if (!(Number(batch) >= 1 && Number.isInteger(Number(batch)))) throw new Error(`bench/rss: batch must be a positive integer; received "${batch}"`);
  const { model, data, batchSize } = make(Number(batch));
  const started = Date.now();
  const config = { steps: Number(steps), evaluation: { every: Number(every), perDecade: 0 }, ...(batchSize ? { batchSize } : {}) };
  await train(model, data, config, (r) => {
    (globalThis as { gc?: () => void }).gc?.();
    const line = { model: name, backend, batch: batchSize ?? "full", step: r.step, numTensors: tf.memory().numTensors, rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20) };
    console.log(JSON.stringify({ ...line, seconds: (Date.now() - started) / 1000 }));
  });
}

main();
