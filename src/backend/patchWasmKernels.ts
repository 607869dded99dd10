/**
 * Kernel fixes that make tfjs's wasm backend fit for training.
 *
 * XNNPACK in @tensorflow/tfjs-backend-wasm 4.22 multiplies a plain [m,k]·[k,n] at ~30 GFLOP/s on
 * this machine kind but falls to 1–2 GFLOP/s when an operand is transposed, which every matmul
 * gradient is (measurements in ../shared/REFERENCES.md). Transposing the operand explicitly first
 * (one memory pass) and then running the plain product restores the fast path.
 */
import * as tf from "@tensorflow/tfjs";

type KernelArgs = Parameters<tf.KernelFunc>[0];
type TensorInfo = tf.TensorInfo;
/** The part of the wasm backend object these kernels use. */
type Backend = { disposeData(dataId: tf.DataId): void };

let patched = false;

function kernelFor(name: string): tf.KernelConfig {
  const config = tf.getKernel(name, "wasm");
  if (config === undefined) {
    throw new Error(
      `patchWasmKernels: the wasm backend has no "${name}" kernel; ` +
        `expected @tensorflow/tfjs-backend-wasm 4.22 to be loaded first`,
    );
  }
  return config;
}

/** Swaps the last two axes of `x` with the backend's own Transpose kernel. */
function transposeLastTwo(x: TensorInfo, backend: KernelArgs["backend"]): TensorInfo {
  const rank = x.shape.length;
  const perm = [...Array(rank).keys()];
  [perm[rank - 2], perm[rank - 1]] = [perm[rank - 1], perm[rank - 2]];
  const transpose = kernelFor("Transpose").kernelFunc;
  return transpose({ inputs: { x }, backend, attrs: { perm } }) as TensorInfo;
}

/**
 * Re-registers the wasm BatchMatMul so that transposed operands are transposed explicitly.
 * Idempotent; call before `tf.setBackend("wasm")` (selectBackend does).
 * @example
 * require("@tensorflow/tfjs-backend-wasm");
 * patchWasmKernels();
 * await tf.setBackend("wasm");
 */
export function patchWasmKernels(): void {
  if (patched) return;
  const original = kernelFor("BatchMatMul");
  const run = original.kernelFunc;
  const kernelFunc = (args: KernelArgs) => {
    const attrs = args.attrs as { transposeA: boolean; transposeB: boolean };
    if (!attrs.transposeA && !attrs.transposeB) return run(args);
    let { a, b } = args.inputs as { a: TensorInfo; b: TensorInfo };
    const temporaries: TensorInfo[] = [];
    if (attrs.transposeA) temporaries.push((a = transposeLastTwo(a, args.backend)));
    if (attrs.transposeB) temporaries.push((b = transposeLastTwo(b, args.backend)));
    try {
      return run({ ...args, inputs: { a, b }, attrs: { ...attrs, transposeA: false, transposeB: false } });
    } finally {
      for (const t of temporaries) (args.backend as Backend).disposeData(t.dataId);
    }
  };
  tf.unregisterKernel("BatchMatMul", "wasm");
  tf.registerKernel({ ...original, kernelFunc: kernelFunc as tf.KernelFunc });
  patched = true;
}
