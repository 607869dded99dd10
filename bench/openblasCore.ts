/**
 * Which kernels PyTorch's OpenBLAS (Debian's 0.3.21, dynamic architecture) runs on this machine;
 * which it should is src/backend/openblasKernelsFit.ts. OpenBLAS picks its kernels from the CPU's
 * family and model unless OPENBLAS_CORETYPE names them; a model newer than its table falls back to
 * generic SSE3 kernels ("Prescott"): on 2026-12-06 an Intel Xeon family 6 model 207 (AVX-512) was
 * detected as Prescott, and PyTorch's 1024³ product ran at 18–35 GFLOP/s on one thread against
 * 150–195 with OPENBLAS_CORETYPE=SkylakeX. The bench then also times PyTorch on the CPU's own
 * kernels, so that a ratio against a crippled baseline is never the only one printed.
 */
import { spawnSync } from "child_process";

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
