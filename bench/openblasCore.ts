/**
 * Which kernels PyTorch's OpenBLAS (Debian's 0.3.21, dynamic architecture) runs on this machine,
 * and which it should. OpenBLAS picks its kernels from the CPU's family and model unless
 * OPENBLAS_CORETYPE names them; a model newer than its table falls back to generic SSE3 kernels
 * ("Prescott"): on 2026-12-06 an Intel Xeon family 6 model 207 (AVX-512) was detected as
 * Prescott, and PyTorch's 1024³ product ran at 18–35 GFLOP/s on one thread against 150–195 with
 * OPENBLAS_CORETYPE=SkylakeX. The bench then also times PyTorch on the CPU's own kernels, so that
 * a ratio against a crippled baseline is never the only one printed.
 */
import { spawnSync } from "child_process";

/**
 * The OpenBLAS core whose kernels fit these CPU flags: SkylakeX (AVX-512 F/BW/DQ/VL, the kernels
 * OpenBLAS 0.3.21 has for every AVX-512 CPU), Haswell (AVX2 with FMA), else null (nothing better
 * than OpenBLAS's own detection to offer).
 * @example
 * openblasCoreFor("fpu sse2 avx2 fma"); // "Haswell"
 */
export function openblasCoreFor(flags: string | null): string | null {
  if (flags === null) return null;
  const has = (f: string) => new RegExp(`(^|\\s)${f}(\\s|$)`).test(flags);
  if (["avx512f", "avx512bw", "avx512dq", "avx512vl"].every(has)) return "SkylakeX";
  if (has("avx2") && has("fma")) return "Haswell";
  return null;
}

/**
 * The core OpenBLAS names under `env` (its OPENBLAS_VERBOSE=2 line "Core: <name>" when PyTorch
 * first multiplies), or null where PyTorch or that line is missing.
 */
export function detectedOpenblasCore(python: string, env: NodeJS.ProcessEnv): string | null {
  const run = spawnSync(python, ["-c", "import torch; torch.mm(torch.ones(64, 64), torch.ones(64, 64))"], {
    env: { ...env, OPENBLAS_VERBOSE: "2" },
    encoding: "utf8",
  });
  return coreInVerboseOutput(`${run.stdout ?? ""}\n${run.stderr ?? ""}`);
}

/** The name in OpenBLAS's "Core: <name>" line, or null. */
export function coreInVerboseOutput(text: string): string | null {
  return /Core:\s*(\S+)/.exec(text)?.[1] ?? null;
}
