/**
 * The hot float32 kernels of the "libtorch" backend, computed natively by libtorch (libtorchAddon):
 * BatchMatMul, broadcasting element-wise arithmetic, ReLU and Step, Exp, Log, Neg, Sqrt, Square,
 * Sum/Max/Min/Mean, OneHot, Concat, Transpose, Slice, PadV2, Softmax, GatherV2 and its gradient
 * UnsortedSegmentSum. Each returns null to hand the call to tfjs-backend-cpu's kernel (any other
 * dtype or an unusual case), so the backend stays complete and exact where it does not accelerate.
 */
import * as tf from "@tensorflow/tfjs";
import { LibtorchAddon } from "./libtorchAddon";
import { LibtorchBackend } from "./LibtorchBackend";

type KernelArgs = Parameters<tf.KernelFunc>[0];
type Info = tf.TensorInfo;

function reduceShape(shape: number[], axes: number[], keepDims: boolean): number[] {
  return keepDims ? shape.map((d, i) => (axes.includes(i) ? 1 : d)) : shape.filter((_, i) => !axes.includes(i));
}

/** Native kernels by tfjs kernel name; each returns null to hand the call to the cpu kernel. */
export function libtorchKernels(addon: LibtorchAddon): Record<string, (args: KernelArgs) => Info | null> {
  const float = (...ts: Info[]) => ts.every((t) => t.dtype === "float32");
  /** x itself, its data shared and counted (tensors are immutable), for a kernel that would copy it unchanged. */
  const same = (x: Info, backend: unknown): Info => {
    (backend as LibtorchBackend).incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  };
  const kernels: Record<string, (args: KernelArgs) => Info | null> = {
    BatchMatMul: ({ inputs, backend, attrs }) => {
      const { a, b } = inputs as { a: Info; b: Info };
      if (!float(a, b) || a.shape.length < 2 || b.shape.length < 2) return null; // the cpu kernel reports bad ranks
      const { transposeA, transposeB } = attrs as { transposeA: boolean; transposeB: boolean };
      const m = transposeA ? a.shape[a.shape.length - 1] : a.shape[a.shape.length - 2];
      const n = transposeB ? b.shape[b.shape.length - 2] : b.shape[b.shape.length - 1];
      const batch = tf.backend_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2));
      const be = backend as LibtorchBackend;
      const { out, shape } = be.output([...batch, m, n]);
      addon.matmul(be.floats(a), a.shape, be.floats(b), b.shape, transposeA, transposeB, out, shape);
      return be.makeTensorInfo(shape, "float32", out);
    },
  };
  for (const op of ["Add", "Sub", "Multiply", "RealDiv", "Maximum", "Minimum"]) {
    kernels[op] = ({ inputs, backend }) => {
      const { a, b } = inputs as { a: Info; b: Info };
      if (!float(a, b)) return null;
      const be = backend as LibtorchBackend;
      const { out, shape } = be.output(tf.backend_util.assertAndGetBroadcastShape(a.shape, b.shape));
      addon.binary(op, be.floats(a), a.shape, be.floats(b), b.shape, out, shape);
      return be.makeTensorInfo(shape, "float32", out);
    };
  }
  for (const op of ["Relu", "Exp", "Log", "Neg", "Sqrt", "Square", "Step"]) {
    kernels[op] = ({ inputs, backend, attrs }) => {
      const { x } = inputs as { x: Info };
      if (!float(x)) return null;
      const be = backend as LibtorchBackend;
      const { out, shape } = be.output(x.shape);
      addon.unary(op, be.floats(x), x.shape, out, (attrs as { alpha?: number } | undefined)?.alpha ?? 0);
      return be.makeTensorInfo(shape, "float32", out);
    };
  }
  kernels.Concat = ({ inputs, backend, attrs }) => {
    const list = Object.values(inputs) as Info[];
    if (list.length < 2 || !float(...list) || list.some((t) => t.shape.length === 0 || tf.util.sizeFromShape(t.shape) === 0)) return null;
    const axis = tf.util.parseAxisParam((attrs as { axis: number }).axis, list[0].shape)[0];
    const shape = list[0].shape.slice();
    shape[axis] = list.reduce((s, t) => s + t.shape[axis], 0);
    const be = backend as LibtorchBackend;
    const { out } = be.output(shape);
    addon.concat(list.map((t) => be.floats(t)), list.map((t) => t.shape), axis, out, shape);
    return be.makeTensorInfo(shape, "float32", out);
  };
  kernels.Transpose = ({ inputs, backend, attrs }) => {
    const { x } = inputs as { x: Info };
    const { perm } = attrs as { perm: number[] };
    if (!float(x) || x.shape.length < 2) return null;
    const be = backend as LibtorchBackend;
    if (perm.every((p, i) => p === i)) return same(x, be); // tf.gather's gradient transposes by the identity
    const { out, shape } = be.output(perm.map((i) => x.shape[i]));
    addon.transpose(be.floats(x), x.shape, perm, out, shape);
    return be.makeTensorInfo(shape, "float32", out);
  };
  kernels.Slice = ({ inputs, backend, attrs }) => {
    const { x } = inputs as { x: Info };
    if (!float(x) || x.shape.length === 0) return null;
    const a = attrs as { begin: number | number[]; size: number | number[] };
    const [begin, size] = tf.slice_util.parseSliceParams(x as tf.Tensor, a.begin, a.size);
    if (size.some((d) => d === 0)) return null;
    // the whole tensor (Power's last layer slices its one computed position out of [batch, 1, d])
    if (size.every((d, i) => d === x.shape[i])) return same(x, backend);
    const be = backend as LibtorchBackend;
    const { out, shape } = be.output(size);
    addon.slice(be.floats(x), x.shape, begin, size, out);
    return be.makeTensorInfo(shape, "float32", out);
  };
  kernels.PadV2 = ({ inputs, backend, attrs }) => {
    const { x } = inputs as { x: Info };
    const { paddings, constantValue } = attrs as { paddings: [number, number][]; constantValue: number };
    if (!float(x) || x.shape.length === 0 || paddings.flat().some((v) => v < 0)) return null;
    if (paddings.flat().every((v) => v === 0)) return same(x, backend); // the gradient of a whole-tensor Slice
    const be = backend as LibtorchBackend;
    const { out, shape } = be.output(x.shape.map((d, i) => paddings[i][0] + d + paddings[i][1]));
    addon.pad(be.floats(x), x.shape, paddings.flat(), constantValue, out, shape);
    return be.makeTensorInfo(shape, "float32", out);
  };
  kernels.Softmax = ({ inputs, backend, attrs }) => {
    const { logits } = inputs as { logits: Info };
    const { dim } = attrs as { dim: number };
    if (!float(logits) || logits.shape.length === 0 || (dim !== -1 && dim !== logits.shape.length - 1)) return null;
    const be = backend as LibtorchBackend;
    const { out, shape } = be.output(logits.shape);
    addon.softmax(be.floats(logits), logits.shape, out);
    return be.makeTensorInfo(shape, "float32", out);
  };
  kernels.GatherV2 = ({ inputs, backend, attrs }) => {
    const { x, indices } = inputs as { x: Info; indices: Info };
    const { axis, batchDims } = attrs as { axis: number; batchDims: number };
    if (!float(x) || indices.dtype !== "int32" || x.shape.length === 0 || (batchDims ?? 0) !== 0) return null;
    if (tf.util.parseAxisParam(axis, x.shape)[0] !== 0) return null;
    const be = backend as LibtorchBackend;
    const ids = be.ints(indices);
    if (ids.some((i) => i < 0 || i >= x.shape[0])) return null; // the cpu kernel throws tfjs's own message
    const { out, shape } = be.output([...indices.shape, ...x.shape.slice(1)]);
    addon.gather(be.floats(x), [x.shape[0], tf.util.sizeFromShape(x.shape.slice(1))], ids, out, [ids.length, tf.util.sizeFromShape(x.shape.slice(1))]);
    return be.makeTensorInfo(shape, "float32", out);
  };
  kernels.UnsortedSegmentSum = ({ inputs, backend, attrs }) => {
    const { x, segmentIds } = inputs as { x: Info; segmentIds: Info };
    const { numSegments } = attrs as { numSegments: number };
    if (!float(x) || segmentIds.dtype !== "int32" || segmentIds.shape.length !== 1 || x.shape.length === 0) return null;
    const be = backend as LibtorchBackend;
    const ids = be.ints(segmentIds);
    if (ids.some((i) => i < 0 || i >= numSegments)) return null; // TensorFlow drops these: leave it to the cpu kernel
    const inner = tf.util.sizeFromShape(x.shape.slice(1));
    const { out, shape } = be.output([numSegments, ...x.shape.slice(1)]);
    addon.segmentSum(be.floats(x), [x.shape[0], inner], ids, out, [numSegments, inner]);
    return be.makeTensorInfo(shape, "float32", out);
  };
  kernels.OneHot = ({ inputs, backend, attrs }) => {
    // a JS loop, but into a pooled buffer (float32) or one typed array, instead of the cpu kernel's
    // zero-filled array per call; tf.oneHot's default dtype is int32
    const { indices } = inputs as { indices: Info };
    const { depth, onValue, offValue, dtype } = attrs as { depth: number; onValue: number; offValue: number; dtype: string };
    if ((dtype !== "float32" && dtype !== "int32") || indices.dtype !== "int32") return null;
    const be = backend as LibtorchBackend;
    const ids = be.ints(indices);
    const shape = [...indices.shape, depth];
    const out = dtype === "float32" ? be.output(shape).out : new Int32Array(ids.length * depth);
    out.fill(offValue);
    for (let i = 0; i < ids.length; i++) if (ids[i] >= 0 && ids[i] < depth) out[i * depth + ids[i]] = onValue;
    return be.makeTensorInfo(shape, dtype, out);
  };
  for (const op of ["Sum", "Max", "Min", "Mean"]) {
    kernels[op] = ({ inputs, backend, attrs }) => {
      const { x } = inputs as { x: Info };
      if (!float(x) || x.shape.length === 0) return null;
      const a = attrs as { axis?: number | number[]; reductionIndices?: number | number[]; keepDims: boolean };
      const axes = tf.util.parseAxisParam((op === "Max" ? a.reductionIndices : a.axis) ?? [], x.shape);
      if (axes.length === 0) return null;
      const be = backend as LibtorchBackend;
      const { out, shape } = be.output(reduceShape(x.shape, axes, a.keepDims));
      addon.reduce(op, be.floats(x), x.shape, axes, out, shape);
      return be.makeTensorInfo(shape, "float32", out);
    };
  }
  return kernels;
}
