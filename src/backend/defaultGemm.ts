import { readFileSync } from "fs";
import { openblasKernelsFit } from "./openblasKernelsFit";

/**
 * Which library multiplies the native backend's plain float32 products: GROKLAB_GEMM when set
 * ("onednn" or "openblas"), else by the CPU. With AVX-512, oneDNN's sgemm (its JIT kernels use
 * the 512-bit vectors; measured faster than PyTorch's OpenBLAS on the embedding MLP on an AVX-512
 * EPYC, README, Performance); without it, ATen's mm on Debian's OpenBLAS, which on a Zen 1 EPYC
 * (AVX2) measured 20–35% faster training steps than oneDNN on all three models (same invocation,
 * alternated), unless OpenBLAS runs kernels below the CPU's class (openblasKernelsFit: a CPU model
 * newer than its table gets its generic SSE3 kernels, 5–9× slower). Where the CPU's flags cannot
 * be read, oneDNN, which picks its kernels itself from the CPU's features, not its model.
 */
export type GemmLibrary = "onednn" | "openblas";

/**
 * @param cpuFlags the "flags" line of /proc/cpuinfo (null: unknown)
 * @param setting GROKLAB_GEMM's value, if any
 * @param blasCore the core OpenBLAS runs kernels for (the addon's blasCore(); "" or undefined: unknown)
 * @example
 * defaultGemm("fpu sse2 avx2 fma", undefined); // "openblas"
 * defaultGemm("fpu sse2 avx2 fma", undefined, "Prescott"); // "onednn"
 */
export function defaultGemm(cpuFlags: string | null, setting?: string, blasCore?: string): GemmLibrary {
  if (setting !== undefined && setting !== "") {
    if (setting !== "onednn" && setting !== "openblas") throw new Error(`libtorchAddon: GROKLAB_GEMM must be "onednn" or "openblas"; received "${setting}"`);
    return setting;
  }
  if (cpuFlags === null) return "onednn";
  if (/(^|\s)avx512f(\s|$)/.test(cpuFlags)) return "onednn";
  return blasCore && !openblasKernelsFit(blasCore, cpuFlags) ? "onednn" : "openblas";
}

/** The flags line of the first CPU in /proc/cpuinfo, or null where there is none (not Linux). */
export function cpuFlags(): string | null {
  try {
    const info = readFileSync("/proc/cpuinfo", "utf8");
    return /^flags\s*:\s*(.*)$/m.exec(info)?.[1] ?? null;
  } catch {
    return null;
  }
}
