/**
 * Sharpness φ of Keskar et al. 2017 (eq. 4), the measure Power et al. 2022 correlate with
 * validation accuracy (Spearman −0.79548):
 *   φ = (max_{y ∈ C} f(x + A y) − f(x)) / (1 + f(x)) × 100,
 * f the training loss, x the parameters, A a random n × 10 matrix (entries uniform in [−1, 1],
 * columns normalised), C the box |y_i| ≤ ε(|(A⁺x)_i| + 1), ε = 1e-3, maximised for 10 iterations
 * with a box-constrained quasi-Newton method (boxMaximize): how far the loss can rise nearby.
 * openai/grok's scripts (grok/measure.py, get_sharpness) give L-BFGS-B the loss itself, starting
 * at the centre of the box, so they minimise it, and negate both values before eq. 4: their
 * φ = (f(x) − min_{y ∈ C} f(x + A y)) / (1 − f(x)) × 100, how far the loss can still fall nearby,
 * ≥ 0 for f < 1. Which of the two Power et al.'s −0.79548 was computed with is not stated in the
 * paper; their code computes the second. `variant: "minimised"` computes it here (from y = 0, as
 * they start), beside Keskar's default "maximised".
 * f is computed to a relative precision (preciseCrossEntropy, LOSS_PRECISION) however small it is,
 * so φ of a confident network is measured, not rounded; a φ at or below that precision is flagged
 * (`belowResolution`) and is no measurement.
 */
import { Static, Type } from "@sinclair/typebox";
import { inverse, Matrix } from "ml-matrix";
import { validateOptions } from "../../config/validateConfig";
import { resolveOptions } from "../../config/resolve";
import { Defaulted } from "../../config/Resolved";
import { Dataset } from "../../data/makeDataset";
import { Random } from "../../data/random";
import { Model } from "../../models/Model";
import { boxMaximize } from "./boxMaximize";
import { Objective, withFlatLoss } from "./FlatLoss";
import { checkModelFits } from "../../models/checkModelFits";
import { SeedSchema } from "../../specs/Seed";

/**
 * The relative precision of the training loss as the analyses compute it (preciseCrossEntropy in
 * float32, summed over the training pairs): a rise of the loss below this share of it is rounding.
 */
export const LOSS_PRECISION = 1e-6;

/** The options' schema: what sharpness accepts (unknown options and values out of range are refused). */
export const SharpnessOptionsSchema = Type.Object(
  {
    epsilon: Defaulted(Type.Number({ exclusiveMinimum: 0, default: 1e-3, description: "Box size ε." })),
    dims: Defaulted(Type.Integer({ minimum: 1, default: 10, description: "Dimension of the random subspace." })),
    iterations: Defaulted(Type.Integer({ minimum: 1, default: 10, description: "Quasi-Newton iterations." })),
    seed: Defaulted(SeedSchema("Seed of A and of the starting point.")),
    variant: Defaulted(
      Type.Union([Type.Literal("maximised"), Type.Literal("minimised")], {
        default: "maximised",
        description: "maximised: Keskar et al.'s φ, the rise of the loss over the box; minimised: openai/grok's, (f − min f)/(1 − f) × 100, the fall.",
      }),
    ),
  },
  { additionalProperties: false },
);

export type SharpnessOptions = Static<typeof SharpnessOptionsSchema>;

export interface Sharpness {
  phi: number;
  /** The smallest φ this measurement resolves: the loss's own relative precision (LOSS_PRECISION) in φ's units. */
  resolution: number;
  /** φ at or below its resolution: not a measured value (report it as such, never rank it). */
  belowResolution: boolean;
  /** Which φ: Keskar et al.'s maximised rise, or openai/grok's minimised fall. */
  variant: "maximised" | "minimised";
  /** f(x) and the largest f(x + A y) found (maximised), or the smallest (minimised). */
  loss: number;
  boxLoss: number;
  /** Where in the subspace the maximum was found (coordinates y of x + A y). */
  y: number[];
  evaluations: number;
}

/**
 * @example
 * sharpness(model, dataset).phi; // e.g. 0.3 (percent)
 */
export function sharpness(model: Model, dataset: Dataset, options: SharpnessOptions = {}): Sharpness {
  checkModelFits("sharpness", model, dataset);
  validateOptions(SharpnessOptionsSchema, options, "sharpness");
  return withFlatLoss(model, dataset, (fl) => sharpnessOf(fl, options));
}

/** φ of any objective given as a flat parameter vector (the model-free core of `sharpness`). */
export function sharpnessOf(fl: Objective, options: SharpnessOptions = {}): Sharpness {
  const { epsilon, dims, iterations, seed, variant } = resolveOptions(SharpnessOptionsSchema, options, "sharpness");
  const x = fl.x0;
  const n = x.length;
  if (dims >= n) {
    throw new Error(`sharpness: dims (the random subspace) must be smaller than the parameter count ${n}; received ${dims}`);
  }
  const random = new Random(seed);
  const columns = Array.from({ length: dims }, () => {
    const c = new Float32Array(n);
    let norm = 0;
    for (let i = 0; i < n; i++) norm += (c[i] = 2 * random.next() - 1) ** 2;
    norm = Math.sqrt(norm);
    for (let i = 0; i < n; i++) c[i] /= norm;
    return c;
  });
  const dotCol = (c: Float32Array, v: Float32Array) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += c[i] * v[i];
    return s;
  };
  // A⁺ = (AᵀA)⁻¹Aᵀ
  const gram = new Matrix(columns.map((ci) => columns.map((cj) => dotCol(ci, cj))));
  const pinvX = inverse(gram).mmul(Matrix.columnVector(columns.map((c) => dotCol(c, x)))).to1DArray();
  const upper = pinvX.map((v) => epsilon * (Math.abs(v) + 1));
  const lower = upper.map((u) => -u);
  const point = (y: number[]) => {
    const out = Float32Array.from(x);
    columns.forEach((c, k) => {
      for (let i = 0; i < n; i++) out[i] += y[k] * c[i];
    });
    return out;
  };
  const f = (y: number[]) => {
    const { value, grad } = fl.valueAndGrad(point(y));
    return { value, grad: columns.map((c) => dotCol(c, grad)) }; // Aᵀ∇f
  };
  const fx = fl.value(x);
  if (variant === "minimised") {
    // openai/grok's: the loss minimised from the box's centre (maximising −f), eq. 4 on the negated values.
    const negated = (y: number[]) => {
      const { value, grad } = f(y);
      return { value: -value, grad: grad.map((g) => -g) };
    };
    const best = boxMaximize(negated, upper.map(() => 0), lower, upper, iterations, 10, LOSS_PRECISION);
    const minLoss = Math.min(-best.value, fx);
    const phi = ((fx - minLoss) / (1 - fx)) * 100;
    const resolution = ((LOSS_PRECISION * Math.abs(fx)) / Math.abs(1 - fx)) * 100;
    return { phi, resolution, belowResolution: !(Math.abs(phi) > resolution), variant, loss: fx, boxLoss: minLoss, y: best.y, evaluations: best.evaluations + 1 };
  }
  // At a minimum ∇f(x) ≈ 0, so start from a seeded point inside the box, not from its centre.
  const start = new Random(seed + 1);
  const y0 = upper.map((u) => u * (start.next() - 0.5));
  const best = boxMaximize(f, y0, lower, upper, iterations, 10, LOSS_PRECISION);
  const boxLoss = Math.max(best.value, best.start, fx);
  const phi = ((boxLoss - fx) / (1 + fx)) * 100;
  const resolution = ((LOSS_PRECISION * Math.abs(fx)) / (1 + fx)) * 100;
  return { phi, resolution, belowResolution: !(phi > resolution), variant, loss: fx, boxLoss, y: best.y, evaluations: best.evaluations + 1 };
}
