/**
 * The gradients of groklab's fused kernels, and a fused gradient for Relu: tfjs's own Relu
 * gradient (dy · step(x): two kernels, two passes over the activations) becomes the fused ReLU
 * gradient where the active backend has one; the fused LayerNorm and causal attention get their
 * fused backward kernels, and so does the sum of two embedding lookups. Global (tfjs keeps one
 * gradient per kernel name) and idempotent.
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
  tf.registerGradient({
    kernelName: FUSED.embedSum,
    inputsToSave: ["tableA", "idsA", "tableB", "idsB"],
    outputsToSave: [true],
    gradFunc: (dy, [tableA, idsA, tableB, idsB, y], attrs) => {
      const relu = (attrs as { relu: number }).relu;
      const inputs = { dy: dy as tf.Tensor, y, idsA, idsB };
      const [dA, dB] = tf.engine().runKernel(FUSED.embedSumGrad, inputs, { rowsA: tableA.shape[0], rowsB: tableB.shape[0], relu } as never) as tf.Tensor[];
      return { tableA: () => dA, tableB: () => dB, idsA: () => idsA, idsB: () => idsB };
    },
  });
  registered = true;
}
