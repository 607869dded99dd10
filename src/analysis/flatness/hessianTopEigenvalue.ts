/**
 * The largest-magnitude eigenvalue of the training loss's Hessian, by power iteration on
 * Hessian-vector products (central finite differences of the gradient: Hv ≈ (∇f(x + hv) −
 * ∇f(x − hv)) / 2h). A cross-check of the sharpness φ: both grow with curvature.
 */
import { Dataset } from "../../data/makeDataset";
import { Random } from "../../data/random";
import { Model } from "../../models/Model";
import { Objective, withFlatLoss } from "./FlatLoss";
import { checkModelFits } from "../../models/checkModelFits";
import { Type } from "@sinclair/typebox";
import { validateOptions } from "../../config/validateConfig";
import { SeedSchema } from "../../specs/Seed";

/** The options' schema: what hessianTopEigenvalue accepts. */
export const HessianOptionsSchema = Type.Object(
  {
    iterations: Type.Optional(Type.Integer({ minimum: 1 })),
    h: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
    seed: Type.Optional(SeedSchema("Seed of the starting vector.")),
  },
  { additionalProperties: false },
);

export interface HessianOptions {
  /** Power iterations. Default 20. */
  iterations?: number;
  /** Finite-difference step along the unit vector. Default 1e-3. */
  h?: number;
  seed?: number;
}

/**
 * @example
 * hessianTopEigenvalue(model, dataset).eigenvalue;
 */
export function hessianTopEigenvalue(model: Model, dataset: Dataset, options: HessianOptions = {}): TopEigenvalue {
  checkModelFits("hessianTopEigenvalue", model, dataset);
  return withFlatLoss(model, dataset, (fl) => hessianTopEigenvalueOf(fl, options));
}

export interface TopEigenvalue {
  eigenvalue: number;
  /** The estimate after each iteration. */
  history: number[];
}

/** The model-free core of `hessianTopEigenvalue`. */
export function hessianTopEigenvalueOf(fl: Objective, options: HessianOptions = {}): TopEigenvalue {
  validateOptions(HessianOptionsSchema, options, "hessianTopEigenvalue");
  const { iterations = 20, h = 1e-3, seed = 0 } = options;
  const x = fl.x0;
  const n = x.length;
  const random = new Random(seed);
  let v = new Float32Array(n).map(() => random.normal());
  const normalise = (u: Float32Array) => {
    const norm = Math.sqrt(u.reduce((s, t) => s + t * t, 0));
    return u.map((t) => t / norm);
  };
  v = normalise(v);
  const hvp = (u: Float32Array) => {
    const plus = fl.valueAndGrad(x.map((t, i) => t + h * u[i])).grad;
    const minus = fl.valueAndGrad(x.map((t, i) => t - h * u[i])).grad;
    return plus.map((t, i) => (t - minus[i]) / (2 * h));
  };
  const history: number[] = [];
  let eigenvalue = 0;
  for (let it = 0; it < iterations; it++) {
    const hv = hvp(v);
    eigenvalue = hv.reduce((s, t, i) => s + t * v[i], 0);
    history.push(eigenvalue);
    v = normalise(hv);
  }
  return { eigenvalue, history };
}
