/**
 * Kernel fixes that make tfjs's wasm backend fit for training.
 *
 * XNNPACK in @tensorflow/tfjs-backend-wasm 4.22 multiplies a plain [m,k]·[k,n] at ~30 GFLOP/s on
 * this machine kind but falls to 1–2 GFLOP/s when an operand is transposed, which every matmul
 * gradient is (measured on the project's machines). Transposing the operand explicitly first
 * (one memory pass) and then running the plain product restores the fast path. The backend also
 * lacks UnsortedSegmentSum, the gradient of tf.gather, and its GatherV2 is slow for embedding
 * lookups; groklab registers both, and its fused kernels (wasmFusedKernels).
 */
import * as tf from "@tensorflow/tfjs";
import { WasmBackend, wasmFusedKernels } from "./wasmFusedKernels";

type KernelArgs = Parameters<tf.KernelFunc>[0];
type TensorInfo = tf.TensorInfo;
/** The part of the wasm backend object these kernels use. */
type Backend = WasmBackend & { disposeData(dataId: tf.DataId): void; incRef(dataId: tf.DataId): void };

/** The input itself, counted once more (as the cpu backend's Identity and Reshape do): no copy. */
function share(backend: Backend, x: TensorInfo): TensorInfo {
  backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

/**
 * Identity, and Transpose by the identity permutation (tf.gather's gradient makes one), share
 * their input instead of copying it: the stock kernels copied ~2.4 M floats ten times a MLP step.
 */
function sharing(name: "Identity" | "Transpose", original: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const { x } = args.inputs as { x: TensorInfo };
    const perm = (args.attrs as { perm?: number[] } | undefined)?.perm;
    const noOp = name === "Identity" || (perm ?? []).every((p, i) => p === i);
    return noOp && (x.dtype === "float32" || x.dtype === "int32") ? share(args.backend as Backend, x) : original(args);
  };
}

/**
 * UnsortedSegmentSum, which the wasm backend lacks and tf.gather's gradient needs: out[s] = Σ x[i]
 * over rows i with segmentIds[i] = s. A plain loop over heap views (one pass; the gradient of an
 * embedding lookup is memory-bound anyway).
 */
function unsortedSegmentSum(args: KernelArgs): TensorInfo {
  const backend = args.backend as Backend;
  const { x, segmentIds } = args.inputs as { x: TensorInfo; segmentIds: TensorInfo };
  const { numSegments } = args.attrs as { numSegments: number };
  if (x.dtype !== "float32") {
    throw new Error(`UnsortedSegmentSum (wasm, groklab): x must be float32; received ${x.dtype}`);
  }
  const out = backend.makeOutput([numSegments, ...x.shape.slice(segmentIds.shape.length)], "float32");
  const heap = backend.typedArrayFromHeap(out) as Float32Array; // views after the output exists
  const ids = backend.typedArrayFromHeap(segmentIds) as Int32Array;
  const values = backend.typedArrayFromHeap(x) as Float32Array;
  const rows = ids.length;
  const inner = rows === 0 ? 0 : values.length / rows;
  heap.fill(0);
  for (let i = 0; i < rows; i++) {
    const s = ids[i];
    if (s < 0 || s >= numSegments) continue; // TensorFlow drops out-of-range ids
    const dst = s * inner;
    const src = i * inner;
    let j = 0;
    for (; j + 4 <= inner; j += 4) { // unrolled: ~1.6× faster in V8
      heap[dst + j] += values[src + j];
      heap[dst + j + 1] += values[src + j + 1];
      heap[dst + j + 2] += values[src + j + 2];
      heap[dst + j + 3] += values[src + j + 3];
    }
    for (; j < inner; j++) heap[dst + j] += values[src + j];
  }
  return out;
}

/**
 * GatherV2 of float32 rows (axis 0, no batch dims): one memcpy per row. The stock wasm kernel
 * computes every element's index and took 70 ms for the MLP's 4,704 × 512 lookup (this: ~1 ms).
 * Other cases go to the stock kernel.
 */
function gatherRows(original: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const backend = args.backend as Backend;
    const { x, indices } = args.inputs as { x: TensorInfo; indices: TensorInfo };
    const { axis, batchDims } = args.attrs as { axis: number; batchDims: number };
    if (x.dtype !== "float32" || indices.dtype !== "int32" || x.shape.length === 0 || (batchDims ?? 0) !== 0 || tf.util.parseAxisParam(axis, x.shape)[0] !== 0) {
      return original(args);
    }
    if ((backend.typedArrayFromHeap(indices) as Int32Array).some((i) => i < 0 || i >= x.shape[0])) return original(args); // tfjs's own error
    const inner = tf.util.sizeFromShape(x.shape.slice(1));
    const out = backend.makeOutput([...indices.shape, ...x.shape.slice(1)], "float32");
    const heap = backend.typedArrayFromHeap(out) as Float32Array; // views after the output exists
    const table = backend.typedArrayFromHeap(x) as Float32Array;
    const ids = backend.typedArrayFromHeap(indices) as Int32Array;
    for (let r = 0; r < ids.length; r++) heap.set(table.subarray(ids[r] * inner, (ids[r] + 1) * inner), r * inner);
    return out;
  };
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
  for (const name of ["Identity", "Transpose"] as const) {
    const config = kernelFor(name);
    tf.unregisterKernel(name, "wasm");
    tf.registerKernel({ ...config, kernelFunc: sharing(name, config.kernelFunc) });
  }
  const gather = kernelFor("GatherV2");
  tf.unregisterKernel("GatherV2", "wasm");
  tf.registerKernel({ ...gather, kernelFunc: gatherRows(gather.kernelFunc) });
  for (const [kernelName, kernelFunc] of Object.entries(wasmFusedKernels())) {
    tf.registerKernel({ kernelName, backendName: "wasm", kernelFunc: kernelFunc as tf.KernelFunc });
  }
  patched = true;
}
