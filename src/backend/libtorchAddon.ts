/**
 * The native addon (native/, built by scripts/setup.sh with node-gyp against Debian's libtorch-dev):
 * float32 kernels computed by libtorch's ATen on Float32Arrays without copying.
 */
import * as fs from "fs";
import * as path from "path";

export interface LibtorchAddon {
  matmul(a: Float32Array, aShape: number[], b: Float32Array, bShape: number[], transposeA: boolean, transposeB: boolean, out: Float32Array, outShape: number[]): void;
  binary(op: string, a: Float32Array, aShape: number[], b: Float32Array, bShape: number[], out: Float32Array, outShape: number[]): void;
  unary(op: string, x: Float32Array, shape: number[], out: Float32Array, alpha?: number): void;
  reduce(op: string, x: Float32Array, shape: number[], axes: number[], out: Float32Array, outShape: number[]): void;
  concat(inputs: Float32Array[], shapes: number[][], axis: number, out: Float32Array, outShape: number[]): void;
  gather(x: Float32Array, shape: number[], indices: Int32Array, out: Float32Array, outShape: number[]): void;
  segmentSum(x: Float32Array, shape: number[], segmentIds: Int32Array, out: Float32Array, outShape: number[]): void;
  transpose(x: Float32Array, shape: number[], perm: number[], out: Float32Array, outShape: number[]): void;
  slice(x: Float32Array, shape: number[], begin: number[], size: number[], out: Float32Array): void;
  pad(x: Float32Array, shape: number[], paddings: number[], value: number, out: Float32Array, outShape: number[]): void;
  softmax(x: Float32Array, shape: number[], out: Float32Array): void;
  threads(n?: number): number;
}

/** Where node-gyp writes the addon (GROKLAB_ADDON overrides, e.g. for bundled test runs). */
export const ADDON_PATH = process.env.GROKLAB_ADDON ?? path.join(__dirname, "..", "..", "native", "build", "Release", "groklab_torch.node");

let cached: { addon: LibtorchAddon | null; why: string } | undefined;

/** The addon, or null with the reason it is not available (not built, or libtorch missing). */
export function libtorchAddon(): { addon: LibtorchAddon | null; why: string } {
  if (!cached) {
    if (!fs.existsSync(ADDON_PATH)) {
      cached = { addon: null, why: `the native addon is not built (run: npm run setup; it needs Debian's libtorch-dev)` };
    } else {
      try {
        // Debian's OpenBLAS starts a thread per core at load unless told otherwise; with ATen's own
        // threads that oversubscribes this machine (../shared/REFERENCES.md). Read once, at load.
        // GROKLAB_THREADS (default 1: on this 2-core machine two threads measured slower) sets both.
        const threads = Number(process.env.GROKLAB_THREADS ?? 1);
        if (!Number.isInteger(threads) || threads < 1) {
          throw new Error(`GROKLAB_THREADS must be a positive integer; received "${process.env.GROKLAB_THREADS}"`);
        }
        process.env.OPENBLAS_NUM_THREADS ??= String(threads);
        const addon = require(ADDON_PATH) as LibtorchAddon;
        addon.threads(threads);
        cached = { addon, why: "" };
      } catch (err) {
        cached = { addon: null, why: `the native addon did not load: ${(err as Error).message.split("\n")[0]}` };
      }
    }
  }
  return cached;
}
