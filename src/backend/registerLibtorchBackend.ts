/**
 * The "libtorch" tfjs backend: tfjs-backend-cpu's storage (LibtorchBackend) and all of its kernels,
 * with the hot float32 kernels computed natively by libtorch (libtorchKernels) and groklab's fused
 * kernels (libtorchFusedKernels, used through runFused and the fused ReLU gradient). The plain tfjs
 * API and autodiff work unchanged.
 */
import * as tf from "@tensorflow/tfjs";
import { libtorchAddon } from "./libtorchAddon";
import { LibtorchBackend } from "./LibtorchBackend";
import { libtorchFusedKernels } from "./libtorchFusedKernels";
import { libtorchKernels } from "./libtorchKernels";
import { registerFusedGradients } from "./registerFusedGradients";

export const LIBTORCH = "libtorch";

let registered = false;

/**
 * Registers the backend (once); `tf.setBackend("libtorch")` then selects it.
 * @throws with the reason when the addon is not available
 * @example
 * registerLibtorchBackend();
 * await tf.setBackend("libtorch");
 */
export function registerLibtorchBackend(): void {
  if (registered) return;
  const { addon, why } = libtorchAddon();
  if (!addon) throw new Error(why);
  tf.registerBackend(LIBTORCH, () => new LibtorchBackend(), 1);
  const cpuKernels = tf.getKernelsForBackend("cpu");
  const native = libtorchKernels(addon);
  for (const config of cpuKernels) {
    const fast = native[config.kernelName];
    const kernelFunc: tf.KernelFunc = fast ? (args) => fast(args) ?? config.kernelFunc(args) : config.kernelFunc;
    tf.registerKernel({ ...config, backendName: LIBTORCH, kernelFunc });
  }
  for (const [kernelName, kernelFunc] of Object.entries(libtorchFusedKernels(addon))) {
    tf.registerKernel({ kernelName, backendName: LIBTORCH, kernelFunc: kernelFunc as tf.KernelFunc });
  }
  registerFusedGradients();
  registered = true;
}

/** Threads of the native kernels. */
export function libtorchThreads(): number {
  return libtorchAddon().addon?.threads() ?? 1;
}
