/**
 * Reuses float32 buffers by length. Every training step allocates dozens of ~10 MB arrays; a fresh
 * allocation is faulted into memory page by page, which costs more than the arithmetic on this
 * machine (measured here), so freed buffers are kept and handed out again.
 */
export class BufferPool {
  private free = new Map<number, Float32Array[]>();
  private held = 0;

  /**
   * @param maxBytes keep at most this many bytes of free buffers. Default 1 GiB.
   * @param minLength smaller buffers are not pooled (cheap to allocate). Default 4096.
   */
  constructor(
    private readonly maxBytes = 1 << 30,
    private readonly minLength = 4096,
  ) {}

  /** A buffer of `length` floats; its contents are arbitrary (callers overwrite all of it). */
  acquire(length: number): Float32Array {
    const list = this.free.get(length);
    const reused = list?.pop();
    if (reused) {
      this.held -= reused.byteLength;
      return reused;
    }
    return new Float32Array(length);
  }

  /** Gives a buffer back; the caller must hold no other reference to it. */
  release(buffer: Float32Array): void {
    if (buffer.length < this.minLength || this.held + buffer.byteLength > this.maxBytes) return;
    const list = this.free.get(buffer.length) ?? [];
    list.push(buffer);
    this.free.set(buffer.length, list);
    this.held += buffer.byteLength;
  }

  /** Bytes held in free buffers. */
  get heldBytes(): number {
    return this.held;
  }
}
