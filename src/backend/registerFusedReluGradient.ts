/**
 * Replaces tfjs's gradient of Relu (dy · step(x): two kernels, two passes over the activations)
 * by the fused ReLU-gradient kernel where the active backend has one; elsewhere the gradient is
 * tfjs's own formula. Global (tfjs keeps one gradient per kernel name) and idempotent.
 */
import * as tf from "@tensorflow/tfjs";
import { FUSED, runFused } from "./runFused";

let registered = false;

/**
 * @example
 * registerFusedReluGradient(); // then tf.grad(x => tf.relu(x).sum()) uses GroklabReluGrad on libtorch
 */
export function registerFusedReluGradient(): void {
  if (registered) return;
  tf.registerGradient({
    kernelName: "Relu",
    inputsToSave: ["x"],
    gradFunc: (dy, saved) => {
      const [x] = saved;
      const g = dy as tf.Tensor;
      return {
        x: () => (x.dtype === "float32" ? runFused<tf.Tensor>(FUSED.reluGrad, { dy: g, x }) : null) ?? tf.mul(g, tf.step(x).toFloat()),
      };
    },
  });
  registered = true;
}
