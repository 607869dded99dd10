/**
 * groklab's fused kernels (runFused's FUSED names) on the "libtorch" backend: each is one native
 * call for what plain tfjs computes with several kernels. Inputs must be float32 (labels int32);
 * anything else is an error naming the kernel, never a silent fallback to other numbers.
 */
import * as tf from "@tensorflow/tfjs";
import { checkFusedInputs } from "./checkFusedInputs";
import { LibtorchAddon } from "./libtorchAddon";
import { LibtorchBackend } from "./LibtorchBackend";
import { FUSED } from "./runFused";

type KernelArgs = Parameters<tf.KernelFunc>[0];
type Info = tf.TensorInfo;

/** Kernel functions by FUSED name. */
export function libtorchFusedKernels(addon: LibtorchAddon): Record<string, (args: KernelArgs) => Info | Info[]> {
  return {
    [FUSED.reluGrad]: ({ inputs, backend }) => {
      const { dy, x } = inputs as { dy: Info; x: Info };
      checkFusedInputs(FUSED.reluGrad, "libtorch", { dy, x }, { dy: "float32", x: "float32" }, ["dy", "x"]);
      const be = backend as LibtorchBackend;
      const { out, shape } = be.output(x.shape);
      addon.reluGrad(be.floats(dy), be.floats(x), x.shape, out);
      return be.makeTensorInfo(shape, "float32", out);
    },
    [FUSED.softmaxCrossEntropy]: ({ inputs, backend }) => {
      const { logits, labels } = inputs as { logits: Info; labels: Info };
      checkFusedInputs(FUSED.softmaxCrossEntropy, "libtorch", { logits, labels }, { logits: "float32", labels: "int32" });
      const be = backend as LibtorchBackend;
      const loss = addon.softmaxCrossEntropy(be.floats(logits), logits.shape, be.ints(labels));
      return be.makeTensorInfo([], "float32", new Float32Array([loss]));
    },
    [FUSED.softmaxCrossEntropyGrad]: ({ inputs, backend }) => {
      const { logits, labels, dy } = inputs as { logits: Info; labels: Info; dy: Info };
      checkFusedInputs(FUSED.softmaxCrossEntropyGrad, "libtorch", { logits, labels, dy }, { logits: "float32", labels: "int32", dy: "float32" });
      const be = backend as LibtorchBackend;
      const { out, shape } = be.output(logits.shape);
      addon.softmaxCrossEntropyGrad(be.floats(logits), logits.shape, be.ints(labels), be.floats(dy)[0] / logits.shape[0], out);
      return be.makeTensorInfo(shape, "float32", out);
    },
    [FUSED.adamW]: ({ inputs, backend, attrs }) => {
      const { w, g, m, v } = inputs as { w: Info; g: Info; m: Info; v: Info };
      checkFusedInputs(FUSED.adamW, "libtorch", { w, g, m, v }, { w: "float32", g: "float32", m: "float32", v: "float32" }, ["w", "g", "m", "v"]);
      const a = attrs as Record<string, number>;
      const be = backend as LibtorchBackend;
      const [wOut, mOut, vOut] = [0, 1, 2].map(() => be.output(w.shape).out);
      const hyper = [a.decayFactor, a.beta1, a.beta2, a.stepSize, a.correction2Sqrt, a.eps];
      addon.adamw(be.floats(w), be.floats(g), be.floats(m), be.floats(v), wOut, mOut, vOut, hyper);
      return [wOut, mOut, vOut].map((out) => be.makeTensorInfo(w.shape, "float32", out));
    },
  };
}
