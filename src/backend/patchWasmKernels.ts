/**
 * Kernel fixes that make tfjs's wasm backend fit for training.
 *
 * XNNPACK in @tensorflow/tfjs-backend-wasm 4.22 multiplies a plain [m,k]·[k,n] at ~30 GFLOP/s on
 * this machine kind but falls to 1–2 GFLOP/s when an operand is transposed, which every matmul
 * gradient is (measurements in ../shared/REFERENCES.md). Transposing the operand explicitly first
 * (one memory pass) and then running the plain product restores the fast path. The backend also
 * lacks UnsortedSegmentSum, the gradient of tf.gather; groklab registers one.
 */
import * as tf from "@tensorflow/tfjs";

type KernelArgs = Parameters<tf.KernelFunc>[0];
type TensorInfo = tf.TensorInfo;
/** The part of the wasm backend object these kernels use. */
type Backend = {
  disposeData(dataId: tf.DataId): void;
  readSync(dataId: tf.DataId): ArrayLike<number>;
  makeOutput(shape: number[], dtype: tf.DataType): TensorInfo;
  typedArrayFromHeap(t: TensorInfo): Float32Array;
};

/**
 * UnsortedSegmentSum, which the wasm backend lacks and tf.gather's gradient needs: out[s] = Σ x[i]
 * over rows i with segmentIds[i] = s. A plain loop over the wasm heap (one pass; the gradient of an
 * embedding lookup is memory-bound anyway).
 */
function unsortedSegmentSum(args: KernelArgs): TensorInfo {
  const backend = args.backend as Backend;
  const { x, segmentIds } = args.inputs as { x: TensorInfo; segmentIds: TensorInfo };
  const { numSegments } = args.attrs as { numSegments: number };
  if (x.dtype !== "float32") {
    throw new Error(`UnsortedSegmentSum (wasm, groklab): x must be float32; received ${x.dtype}`);
  }
  const ids = backend.readSync(segmentIds.dataId);
  const values = backend.readSync(x.dataId);
  const rows = ids.length;
  const inner = rows === 0 ? 0 : values.length / rows;
  const out = backend.makeOutput([numSegments, ...x.shape.slice(segmentIds.shape.length)], "float32");
  const heap = backend.typedArrayFromHeap(out);
  heap.fill(0);
  for (let i = 0; i < rows; i++) {
    const s = ids[i];
    if (s < 0 || s >= numSegments) continue; // TensorFlow drops out-of-range ids
    for (let j = 0; j < inner; j++) heap[s * inner + j] += values[i * inner + j];
  }
  return out;
}

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
 * Re-registers the wasm BatchMatMul so that transposed operands are transposed explicitly, and
 * adds UnsortedSegmentSum.
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
  if (!tf.getKernel("UnsortedSegmentSum", "wasm")) {
    tf.registerKernel({ kernelName: "UnsortedSegmentSum", backendName: "wasm", kernelFunc: unsortedSegmentSum as tf.KernelFunc });
  }
  patched = true;
}
