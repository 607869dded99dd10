/**
 * Chooses the tfjs backend groklab computes on, in one place.
 *
 * Order for "auto": tfjs-node (libtensorflow, when its native binding loads: users with
 * internet at install time), then libtorch (groklab's native kernels on Debian's libtorch, when the
 * addon is built), then wasm (XNNPACK, installs offline; patched by `patchWasmKernels` so training
 * works and transposed matmuls are fast), then cpu (pure JS).
 * Override with the GROKLAB_BACKEND environment variable or the `preference` argument.
 */
import * as tf from "@tensorflow/tfjs";
import { patchWasmKernels } from "./patchWasmKernels";
import { libtorchThreads, registerLibtorchBackend } from "./registerLibtorchBackend";
import { tfjsNodeAvailable } from "./tfjsNodeAvailable";
import { libtorchAddon } from "./libtorchAddon";

/** Backends groklab knows how to start. */
export type BackendName = "tensorflow" | "libtorch" | "wasm" | "cpu";
export type BackendPreference = BackendName | "auto";

/** What `selectBackend` settled on and why. */
export interface BackendInfo {
  /** The active tfjs backend. */
  name: BackendName;
  /** Threads it computes with (tfjs-node uses libtensorflow's pool; wasm in Node runs one). */
  threads: number;
  /** One line per backend tried before, saying why it was skipped. */
  skipped: string[];
  /** libtorch: the library of its plain products ("onednn" or "openblas", defaultGemm). */
  gemm?: string;
  /** libtorch: the BLAS under ATen's mm ("OpenBLAS", "MKL 2024.2"; "" unknown). */
  blas?: string;
}

const ORDER: BackendName[] = ["tensorflow", "libtorch", "wasm", "cpu"];

function parsePreference(value: string | undefined, source: string): BackendPreference {
  if (value === undefined || value === "") return "auto";
  switch (value) {
    case "auto":
    case "tensorflow":
    case "libtorch":
    case "wasm":
    case "cpu":
      return value;
    default:
      throw new Error(
        `selectBackend: invalid ${source} "${value}"; expected one of auto, tensorflow, libtorch, wasm, cpu`,
      );
  }
}

async function tryStart(name: BackendName): Promise<void> {
  switch (name) {
    case "tensorflow":
      if (!tfjsNodeAvailable().ok) throw new Error(tfjsNodeAvailable().why);
      break;
    case "libtorch":
      registerLibtorchBackend();
      break;
    case "wasm":
      require("@tensorflow/tfjs-backend-wasm");
      patchWasmKernels();
      break;
    case "cpu":
      break;
  }
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error(`tf.setBackend("${name}") returned false`);
  await tf.ready();
}

function threadsOf(name: BackendName): number {
  switch (name) {
    case "tensorflow":
      return require("os").cpus().length;
    case "libtorch":
      return libtorchThreads();
    case "wasm":
    case "cpu":
      return 1;
  }
}

/** The running tfjs backend and its thread count (for run records). */
export function currentBackend(): { backend: string; threads: number } {
  const name = tf.getBackend();
  return { backend: name, threads: ORDER.includes(name as BackendName) ? threadsOf(name as BackendName) : 1 };
}

/**
 * Starts the best available backend (or the one asked for) and reports it.
 * @param preference "auto" (default: GROKLAB_BACKEND, else the order above) or a backend name.
 * @example
 * const info = await selectBackend();
 * console.log(info.name); // "wasm" on a machine without libtensorflow
 */
export async function selectBackend(preference?: BackendPreference): Promise<BackendInfo> {
  const wanted =
    preference === undefined
      ? parsePreference(process.env.GROKLAB_BACKEND, "GROKLAB_BACKEND")
      : parsePreference(preference, "preference");
  const candidates = wanted === "auto" ? ORDER : [wanted];
  const skipped: string[] = [];
  for (const name of candidates) {
    try {
      await tryStart(name);
      return { name, threads: threadsOf(name), skipped, ...(name === "libtorch" ? { gemm: libtorchAddon().addon!.gemm(), blas: libtorchAddon().addon!.libraries().blas } : {}) };
    } catch (err) {
      const message = (err as Error).message.split("\n")[0];
      // tfjs-node's loader names the missing binding's full path: say what it means instead.
      const why = /tfjs_binding\.node/.test(message) ? "tfjs-node's native binding is not installed (see environment.md)" : message;
      skipped.push(`${name}: ${why}`);
    }
  }
  throw new Error(
    `selectBackend: no backend could start (${skipped.join("; ")}); ` +
      `run "npm ci" in the project folder to install @tensorflow/tfjs-backend-wasm`,
  );
}

/** One line for notebooks: which backend, how many threads, and what was skipped. */
export function describeBackend(info: BackendInfo): string {
  const skipped = info.skipped.length ? ` (skipped ${info.skipped.join("; ")})` : "";
  const gemm = info.gemm ? `, products on ${info.gemm === "onednn" ? "oneDNN" : info.blas || "OpenBLAS"}` : "";
  return `tfjs ${tf.version.tfjs}, backend ${info.name}, ${info.threads} thread(s)${gemm}${skipped}`;
}
