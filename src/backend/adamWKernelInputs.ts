/**
 * The fused AdamW kernel's inputs: any number of parameters in one call, parameter i as the named
 * inputs w<i>, g<i>, m<i>, v<i> and its decay factor as attrs.decayFactors[i] (with the step's
 * shared beta1, beta2, stepSize, correction2Sqrt and eps); the outputs are w, m, v of parameter 0,
 * then of parameter 1, and so on. One call a step instead of one a parameter: a model's dozens of
 * small tensors are then one kernel (one start of the native backend's threads).
 */
import * as tf from "@tensorflow/tfjs";
import { checkFusedInputs } from "./checkFusedInputs";

/** One parameter's update: its weights, gradient, moments and decay factor (1 − lr·wd, or 1). */
export interface AdamWGroup<T> {
  w: T;
  g: T;
  m: T;
  v: T;
  decayFactor: number;
}

/** Named inputs and the decayFactors attr for the parameters in `groups`. */
export function adamWKernelInputs(groups: AdamWGroup<tf.Tensor>[]): { inputs: Record<string, tf.Tensor>; decayFactors: number[] } {
  const inputs: Record<string, tf.Tensor> = {};
  groups.forEach(({ w, g, m, v }, i) => Object.assign(inputs, { [`w${i}`]: w, [`g${i}`]: g, [`m${i}`]: m, [`v${i}`]: v }));
  return { inputs, decayFactors: groups.map((p) => p.decayFactor) };
}

/**
 * The parameters of one fused AdamW call, checked: four float32 inputs of one shape each, and one
 * decay factor each.
 * @param kernel, backend for the error messages
 */
export function adamWGroups(kernel: string, backend: string, inputs: Record<string, tf.TensorInfo>, decayFactors: unknown): AdamWGroup<tf.TensorInfo>[] {
  const count = Object.keys(inputs).length / 4;
  if (!Array.isArray(decayFactors) || decayFactors.length !== count || !Number.isInteger(count)) {
    throw new Error(`${kernel} (${backend}): expected w<i>, g<i>, m<i>, v<i> and one decay factor for each of the parameters; received ${Object.keys(inputs).length} inputs and decayFactors ${JSON.stringify(decayFactors)}`);
  }
  return decayFactors.map((decayFactor: number, i) => {
    const one = { w: inputs[`w${i}`], g: inputs[`g${i}`], m: inputs[`m${i}`], v: inputs[`v${i}`] };
    for (const [name, t] of Object.entries(one)) if (!t) throw new Error(`${kernel} (${backend}): input ${name}${i} is missing`);
    const named = { [`w${i}`]: one.w, [`g${i}`]: one.g, [`m${i}`]: one.m, [`v${i}`]: one.v };
    checkFusedInputs(kernel, backend, named, { [`w${i}`]: "float32", [`g${i}`]: "float32", [`m${i}`]: "float32", [`v${i}`]: "float32" }, Object.keys(named));
    return { ...one, decayFactor };
  });
}
