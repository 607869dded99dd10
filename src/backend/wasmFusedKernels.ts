/**
 * groklab's fused kernels on the wasm backend, as JavaScript loops over the wasm heap: only the
 * AdamW update, where one JS pass over a parameter beats a dozen small wasm kernels (1.6 ms vs
 * ~5 ms a step for the MLP). A JS ReLU gradient and softmax cross-entropy measured slower than
 * the wasm kernels they would replace (25 ms vs 1.6 ms, 21 ms vs ~7 ms: branches and Math.exp), so
 * those run as plain tfjs ops on wasm. Inputs must be float32; anything else is an error naming
 * the kernel.
 */
import * as tf from "@tensorflow/tfjs";
import { adamWGroups } from "./adamWKernelInputs";
import { FUSED } from "./runFused";

type KernelArgs = Parameters<tf.KernelFunc>[0];
type Info = tf.TensorInfo;
/** The part of the wasm backend object these kernels use. */
export type WasmBackend = {
  makeOutput(shape: number[], dtype: tf.DataType): Info;
  typedArrayFromHeap(t: Info): Float32Array | Int32Array;
};

/**
 * Heap views of the inputs, taken after every output is allocated (allocating may grow the wasm
 * memory, which detaches earlier views).
 */
function views(backend: WasmBackend, ...ts: Info[]): Float32Array[] {
  return ts.map((t) => backend.typedArrayFromHeap(t) as Float32Array);
}

/** Kernel functions by FUSED name (those that pay on wasm). */
export function wasmFusedKernels(): Record<string, (args: KernelArgs) => Info | Info[]> {
  return {
    [FUSED.adamW]: ({ inputs, backend, attrs }) => {
      const a = attrs as Record<string, number> & { decayFactors: number[] };
      const groups = adamWGroups(FUSED.adamW, "wasm", inputs as Record<string, Info>, a.decayFactors);
      const be = backend as unknown as WasmBackend;
      const [b1, b2, c2, eps, step] = [a.beta1, a.beta2, a.correction2Sqrt, a.eps, a.stepSize];
      return groups.flatMap(({ w, g, m, v, decayFactor: decay }) => {
        const outs = [0, 1, 2].map(() => be.makeOutput(w.shape, "float32"));
        const [wo, mo, vo, w0, g0, m0, v0] = views(be, ...outs, w, g, m, v);
        for (let i = 0; i < w0.length; i++) {
          const mi = (mo[i] = m0[i] * b1 + (1 - b1) * g0[i]);
          const vi = (vo[i] = v0[i] * b2 + (1 - b2) * g0[i] * g0[i]);
          wo[i] = w0[i] * decay - step * (mi / (Math.sqrt(vi) / c2 + eps));
        }
        return outs;
      });
    },
  };
}
