/**
 * Whether the kernels OpenBLAS runs (its core name: openblas_get_corename, or OPENBLAS_CORETYPE)
 * are of the CPU's own class. Debian's OpenBLAS 0.3.21 picks them from the CPU's family and model;
 * a model newer than its table gets the generic SSE3 kernels ("Prescott"), 5–9× slower: an Intel
 * Xeon family 6 model 207 (AVX-512) on 2026-12-06, 18–35 GFLOP/s on one thread against 150–195 as
 * SkylakeX (README, Performance). An environment's OPENBLAS_CORETYPE can also name a lower class.
 */

/** OpenBLAS cores whose kernels use 512-bit vectors, and those using AVX2 with FMA or better. */
const AVX512_CORES = ["skylakex", "cooperlake", "sapphirerapids"];
const AVX2_CORES = [...AVX512_CORES, "haswell", "zen"];

const hasAll = (flags: string, wanted: string[]) => wanted.every((f) => new RegExp(`(^|\\s)${f}(\\s|$)`).test(flags));
const AVX512 = ["avx512f", "avx512bw", "avx512dq", "avx512vl"];
const AVX2 = ["avx2", "fma"];

/**
 * @param core OpenBLAS's core name (case-insensitive)
 * @param cpuFlags the "flags" line of /proc/cpuinfo
 * @returns false when the CPU has AVX-512 (F, BW, DQ, VL) and the core's kernels do not use it, or
 * AVX2 with FMA and the core's kernels use neither; true otherwise (nothing better to ask for)
 * @example
 * openblasKernelsFit("Prescott", "fpu sse2 avx2 fma"); // false
 */
export function openblasKernelsFit(core: string, cpuFlags: string): boolean {
  const name = core.toLowerCase();
  if (hasAll(cpuFlags, AVX512)) return AVX512_CORES.includes(name);
  if (hasAll(cpuFlags, AVX2)) return AVX2_CORES.includes(name);
  return true;
}

/**
 * The OPENBLAS_CORETYPE that gives a CPU its own class of kernels: SkylakeX (OpenBLAS 0.3.21's
 * kernels for every AVX-512 CPU), Haswell (AVX2 with FMA), else null (nothing better to ask for).
 * @example
 * openblasCoreFor("fpu sse2 avx2 fma"); // "Haswell"
 */
export function openblasCoreFor(cpuFlags: string | null): string | null {
  if (cpuFlags === null) return null;
  if (hasAll(cpuFlags, AVX512)) return "SkylakeX";
  if (hasAll(cpuFlags, AVX2)) return "Haswell";
  return null;
}
