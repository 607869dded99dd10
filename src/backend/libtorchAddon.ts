/**
 * The native addon (native/, built by scripts/setup.sh with node-gyp against Debian's libtorch-dev,
 * or against the libtorch inside PyTorch's wheel with GROKLAB_LIBTORCH): float32 kernels computed
 * by libtorch's ATen on Float32Arrays without copying.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { cpuFlags, defaultGemm, GemmLibrary } from "./defaultGemm";
import { projectRoot } from "../config/projectRoot";

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
  reluGrad(dy: Float32Array, x: Float32Array, shape: number[], out: Float32Array): void;
  /** Mean over rows of logsumexp(row) − row[label]; grad = (softmax − onehot(labels)) / rows. */
  softmaxCrossEntropy(logits: Float32Array, shape: number[], labels: Int32Array, grad: Float32Array): number;
  /** One AdamW step of each tensor in the lists; decayFactors: one per tensor; hyper: [beta1, beta2, stepSize, correction2Sqrt, eps] */
  adamw(
    w: Float32Array[], g: Float32Array[], m: Float32Array[], v: Float32Array[], wOut: Float32Array[], mOut: Float32Array[], vOut: Float32Array[],
    decayFactors: number[], hyper: number[],
  ): void;
  layerNorm(x: Float32Array, shape: number[], gain: Float32Array, bias: Float32Array, eps: number, out: Float32Array): void;
  layerNormGrad(dy: Float32Array, x: Float32Array, shape: number[], gain: Float32Array, eps: number, dx: Float32Array, dgain: Float32Array, dbias: Float32Array): void;
  /** k, v [batch, pos, heads, dHead]; q, z [batch, qPos ≤ pos, heads, dHead] (the last qPos positions); pattern [batch, heads, qPos, pos] */
  causalAttention(q: Float32Array, qShape: number[], k: Float32Array, v: Float32Array, kShape: number[], scale: number, z: Float32Array, pattern: Float32Array): void;
  causalAttentionGrad(
    dz: Float32Array, dpattern: Float32Array, q: Float32Array, qShape: number[], k: Float32Array, v: Float32Array, kShape: number[], pattern: Float32Array,
    scale: number, dq: Float32Array, dk: Float32Array, dv: Float32Array,
  ): void;
  /** out [rows, width] = tableA[idsA] + tableB[idsB], through a ReLU when relu */
  embedSum(tableA: Float32Array, shapeA: number[], idsA: Int32Array, tableB: Float32Array, shapeB: number[], idsB: Int32Array, relu: boolean, out: Float32Array): void;
  /** dA, dB: dy (masked where y ≤ 0 when y is given) summed into the rows idsA, idsB */
  embedSumGrad(dy: Float32Array, shape: number[], y: Float32Array | null, idsA: Int32Array, idsB: Int32Array, dA: Float32Array, shapeA: number[], dB: Float32Array, shapeB: number[]): void;
  threads(n?: number): number;
  /** The library for plain products: "onednn" or "openblas" (defaultGemm chooses at load); sets it when given. */
  gemm(name?: "onednn" | "openblas"): string;
  /** The core OpenBLAS runs kernels for ("SkylakeX", "Haswell", "Prescott" for its generic fallback, …); "" when libtorch's BLAS is not OpenBLAS. */
  blasCore(): string;
  /** What this libtorch multiplies with: oneDNN's sgemm exported (Debian's libdnnl) or not (PyTorch's wheel), and the BLAS under ATen's mm ("OpenBLAS", "MKL 2024.2", "" for another). */
  libraries(): { onednn: boolean; blas: string };
}

/** Where node-gyp writes the addon (GROKLAB_ADDON overrides, e.g. for bundled test runs). */
export const ADDON_PATH = process.env.GROKLAB_ADDON ?? path.join(projectRoot(), "native", "build", "Release", "groklab_torch.node");

/** ATen threads: GROKLAB_THREADS, else every core (both cores measured faster than one here). */
export function libtorchThreadCount(): number {
  const value = process.env.GROKLAB_THREADS;
  if (value === undefined || value === "") return os.availableParallelism();
  const threads = Number(value);
  if (!Number.isInteger(threads) || threads < 1) {
    throw new Error(`libtorchAddon: GROKLAB_THREADS must be a positive integer; received "${value}"`);
  }
  return threads;
}

let cached: { addon: LibtorchAddon | null; why: string } | undefined;

/** The addon, or null with the reason it is not available (not built, or libtorch missing). */
export function libtorchAddon(): { addon: LibtorchAddon | null; why: string } {
  if (!cached) {
    if (!fs.existsSync(ADDON_PATH)) {
      cached = { addon: null, why: `the native addon is not built (run: npm run setup; it needs Debian's libtorch-dev)` };
    } else {
      try {
        const threads = libtorchThreadCount();
        // Products run on ATen's OpenMP threads (oneDNN's own, or rows split between them with
        // GROKLAB_GEMM=openblas); OpenBLAS threads on top of those oversubscribe this machine
        // (measured 2–4× slower), so OpenBLAS runs one.
        process.env.OPENBLAS_NUM_THREADS ??= "1";
        const addon = require(ADDON_PATH) as LibtorchAddon;
        addon.threads(threads);
        // Plain products: oneDNN's sgemm (in Debian's libdnnl, which libtorch links) with AVX-512,
        // ATen's mm on OpenBLAS without it if OpenBLAS runs kernels of the CPU's class; GROKLAB_GEMM chooses (defaultGemm).
        // Against PyTorch's wheel (no oneDNN exported), ATen's mm on its MKL, unless GROKLAB_GEMM asks for oneDNN (refused by name).
        addon.gemm(gemmFor(addon, defaultGemm(cpuFlags(), process.env.GROKLAB_GEMM, addon.blasCore())));
        cached = { addon, why: "" };
      } catch (err) {
        cached = { addon: null, why: `the native addon did not load: ${(err as Error).message.split("\n")[0]}` };
      }
    }
  }
  return cached;
}

/** The library chosen, or ATen's mm ("openblas") where oneDNN's sgemm is not exported and GROKLAB_GEMM did not ask for it. */
export function gemmFor(addon: Pick<LibtorchAddon, "libraries">, chosen: GemmLibrary): GemmLibrary {
  if (chosen !== "onednn" || addon.libraries().onednn) return chosen;
  if (process.env.GROKLAB_GEMM === "onednn") {
    throw new Error(`libtorchAddon: GROKLAB_GEMM is "onednn", but this libtorch (${addon.libraries().blas || "not Debian's"}) exports no oneDNN sgemm; unset it or set "openblas" (ATen's mm)`);
  }
  return "openblas";
}
