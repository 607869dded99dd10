/**
 * The machine's matmul ceiling: GFLOP/s of one large float32 product (n × n by n × n, 2n³ FLOPs)
 * on a tfjs backend, one JSON line. A training step of groklab's models is mostly products, so
 * flops ÷ this is the least time a step can take on these threads, whatever the engine does
 * around the products. The worker of bench/run.ts (threads fixed by GROKLAB_THREADS, as for
 * stepTime.ts; on libtorch the product library by GROKLAB_GEMM, onednn or openblas).
 *   node --import tsx bench/sgemmCeiling.ts <backend> [n]
 */
import * as tf from "@tensorflow/tfjs";
import { libtorchAddon } from "../src/backend/libtorchAddon";
import { selectBackend, BackendName } from "../src/backend/selectBackend";

async function main() {
  const [backend, size] = process.argv.slice(2);
  const n = Number(size ?? 1024);
  const { threads } = await selectBackend(backend as BackendName);
  const a = tf.randomNormal([n, n]);
  const b = tf.randomNormal([n, n]);
  const once = async () => {
    const c = tf.matMul(a, b);
    await c.data();
    c.dispose();
  };
  await once();
  await once();
  const reps = 10;
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) await once();
  const ms = (performance.now() - t0) / reps;
  const gemm = backend === "libtorch" ? libtorchAddon().addon!.gemm() : backend;
  console.log(JSON.stringify({ backend, gemm, threads, n, ms_per_product: ms, gflops: (2 * n ** 3) / ms / 1e6 }));
  tf.dispose([a, b]);
}

main();
