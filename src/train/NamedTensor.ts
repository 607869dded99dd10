import type { Tensor } from "@tensorflow/tfjs";

/** A tensor with a name, as tfjs optimizers exchange their state (tfjs-core's type, not exported by @tensorflow/tfjs). */
export interface NamedTensor {
  name: string;
  tensor: Tensor;
}
