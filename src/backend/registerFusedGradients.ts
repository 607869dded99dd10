/**
 * The gradients of groklab's fused kernels, and a fused gradient for Relu: tfjs's own Relu
 * gradient (dy · step(x): two kernels, two passes over the activations) becomes the fused ReLU
 * gradient where the active backend has one; the fused LayerNorm and causal attention get their
 * fused backward kernels. Global (tfjs keeps one gradient per kernel name) and idempotent.
 */
import * as tf from "@tensorflow/tfjs";
import { FUSED, runFused } from "./runFused";

let registered = false;

/**
 * @example
 * registerFusedGradients(); // then tf.grad(x => tf.relu(x).sum()) uses GroklabReluGrad on libtorch
 */
export function registerFusedGradients(): void {
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
  tf.registerGradient({
    kernelName: FUSED.layerNorm,
    inputsToSave: ["x", "gain"],
    gradFunc: (dy, [x, gain], attrs) => {
      const [dx, dgain, dbias] = tf.engine().runKernel(FUSED.layerNormGrad, { dy: dy as tf.Tensor, x, gain }, attrs as never) as tf.Tensor[];
      return { x: () => dx, gain: () => dgain, bias: () => dbias };
    },
  });
  tf.registerGradient({
    kernelName: FUSED.causalAttention,
    inputsToSave: ["q", "k", "v"],
    outputsToSave: [false, true],
    gradFunc: (dys, [q, k, v, pattern], attrs) => {
      const [dz, dpattern] = dys as tf.Tensor[];
      const inputs = { dz, dpattern, q, k, v, pattern };
      const [dq, dk, dv] = tf.engine().runKernel(FUSED.causalAttentionGrad, inputs, attrs as never) as tf.Tensor[];
      return { q: () => dq, k: () => dk, v: () => dv };
    },
  });
  registered = true;
}
