/**
 * A model's training loss as a function of its flattened parameter vector, for analyses that move
 * in parameter space (sharpness, Hessian). `restore()` puts the original weights back.
 */
import * as tf from "@tensorflow/tfjs";
import { Dataset } from "../../data/makeDataset";
import { Model } from "../../models/Model";
import { preciseCrossEntropy } from "../../train/preciseCrossEntropy";
import { checkModelFits } from "../../models/checkModelFits";

/** A function of a flat parameter vector, with its gradient; x0 is where it is analysed. */
export interface Objective {
  readonly x0: Float32Array;
  value(x: Float32Array): number;
  valueAndGrad(x: Float32Array): { value: number; grad: Float32Array };
}

export class FlatLoss implements Objective {
  /** The parameters at construction, flattened in `model.params` order. */
  readonly x0: Float32Array;
  private readonly params: tf.Variable[];
  private readonly a: tf.Tensor1D;
  private readonly b: tf.Tensor1D;
  private readonly y: tf.Tensor1D;

  /** Loss on the dataset's training pairs (their training labels). */
  constructor(
    private readonly model: Model,
    dataset: Dataset,
  ) {
    this.params = Object.values(model.params);
    const idx = Array.from(dataset.trainIndices);
    this.a = tf.tensor1d(idx.map((i) => dataset.a[i]), "int32");
    this.b = tf.tensor1d(idx.map((i) => dataset.b[i]), "int32");
    this.y = tf.tensor1d(idx.map((i) => dataset.label[i]), "int32");
    this.x0 = this.current();
  }

  /** Number of parameters. */
  get size(): number {
    return this.x0.length;
  }

  /** The parameters now, flattened. */
  current(): Float32Array {
    const out = new Float32Array(this.params.reduce((s, p) => s + p.size, 0));
    let o = 0;
    for (const p of this.params) {
      out.set(p.dataSync() as Float32Array, o);
      o += p.size;
    }
    return out;
  }

  /** Sets the parameters to `x`. */
  set(x: Float32Array): void {
    if (x.length !== this.x0.length) throw new Error(`FlatLoss.set: expected ${this.x0.length} values; received ${x.length}`);
    let o = 0;
    for (const p of this.params) {
      tf.tidy(() => p.assign(tf.tensor(x.subarray(o, o + p.size), p.shape)));
      o += p.size;
    }
  }

  private loss(): tf.Scalar {
    return preciseCrossEntropy(this.model.forward({ a: this.a, b: this.b }), this.y);
  }

  /** f(x). */
  value(x: Float32Array): number {
    this.set(x);
    return tf.tidy(() => this.loss().dataSync()[0]);
  }

  /** f(x) and ∇f(x), flattened. */
  valueAndGrad(x: Float32Array): { value: number; grad: Float32Array } {
    this.set(x);
    return tf.tidy(() => {
      const { value, grads } = tf.variableGrads(() => this.loss(), this.params);
      const grad = new Float32Array(this.x0.length);
      let o = 0;
      for (const p of this.params) {
        grad.set(grads[p.name].dataSync() as Float32Array, o);
        o += p.size;
      }
      return { value: value.dataSync()[0], grad };
    });
  }

  /** Puts the original parameters back and frees the data tensors. */
  restore(): void {
    this.set(this.x0);
    tf.dispose([this.a, this.b, this.y]);
  }
}

/**
 * Runs `f` on the model's training loss as a flat function, then puts the weights back.
 * @example
 * withFlatLoss(model, dataset, (fl) => fl.value(fl.x0));
 */
export function withFlatLoss<T>(model: Model, dataset: Dataset, f: (fl: FlatLoss) => T): T {
  checkModelFits("withFlatLoss", model, dataset);
  const fl = new FlatLoss(model, dataset);
  try {
    return f(fl);
  } finally {
    fl.restore();
  }
}
