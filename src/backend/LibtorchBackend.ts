/**
 * The storage of the "libtorch" tfjs backend: tfjs-backend-cpu's (tensors are JS typed arrays), with
 * the buffers of native kernel outputs recycled through a BufferPool when their tensor is disposed.
 */
import * as tf from "@tensorflow/tfjs";
import { MathBackendCPU } from "@tensorflow/tfjs-backend-cpu";
import { BufferPool } from "./BufferPool";

export class LibtorchBackend extends MathBackendCPU {
  readonly pool = new BufferPool();
  /** Buffers this backend's native kernels allocated: only these go back to the pool. */
  private readonly owned = new WeakSet<Float32Array>();

  constructor() {
    super();
    // tfjs-backend-cpu prints "install our node backend … to speed things up" on first use in
    // Node; this backend is the native one, so the advice does not apply.
    (this as unknown as { firstUse: boolean }).firstUse = false;
  }

  /** A pooled output buffer for a tensor of `shape` (contents arbitrary: the kernel writes all of it). */
  output(shape: number[]): { out: Float32Array; shape: number[] } {
    const out = this.pool.acquire(shape.reduce((a, b) => a * b, 1));
    this.owned.add(out);
    return { out, shape };
  }

  /** The tensor's float32 values (cpu kernels may leave float32 tensors in other typed arrays: converted once, kept). */
  floats(t: tf.TensorInfo): Float32Array {
    const data = this.data.get(t.dataId)!;
    if (!(data.values instanceof Float32Array)) data.values = Float32Array.from(data.values as ArrayLike<number>);
    return data.values as Float32Array;
  }

  /** The values of an int32 tensor. */
  ints(t: tf.TensorInfo): Int32Array {
    return this.data.get(t.dataId)!.values as Int32Array;
  }

  /**
   * What a caller reads (dataSync, data, arraySync) is the tensor's own array, as on the cpu
   * backend; it is theirs to keep after the tensor is disposed, so it never goes back to the pool.
   */
  override readSync(dataId: tf.DataId): ReturnType<MathBackendCPU["readSync"]> {
    const values = this.data.get(dataId)?.values;
    if (values instanceof Float32Array) this.owned.delete(values);
    return super.readSync(dataId);
  }

  override disposeData(dataId: tf.DataId, force = false): boolean {
    const values = this.data.get(dataId)?.values;
    const disposed = super.disposeData(dataId, force);
    if (disposed && values instanceof Float32Array && this.owned.has(values)) {
      this.owned.delete(values);
      this.pool.release(values);
    }
    return disposed;
  }
}
