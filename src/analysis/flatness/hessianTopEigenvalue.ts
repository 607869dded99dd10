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
import { Static, Type } from "@sinclair/typebox";
import { resolveOptions } from "../../config/resolve";
import { Defaulted } from "../../config/Resolved";
import { SeedSchema } from "../../specs/Seed";

/** The options' schema: what hessianTopEigenvalue accepts. */
export const HessianOptionsSchema = Type.Object(
  {
    iterations: Defaulted(Type.Integer({ minimum: 1, default: 20, description: "Power iterations." })),
    h: Defaulted(Type.Number({ exclusiveMinimum: 0, default: 1e-3, description: "Finite-difference step along the unit vector." })),
    seed: Defaulted(SeedSchema("Seed of the starting vector.")),
  },
  { additionalProperties: false },
);

export type HessianOptions = Static<typeof HessianOptionsSchema>;

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
  const { iterations, h, seed } = resolveOptions(HessianOptionsSchema, options, "hessianTopEigenvalue");
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
