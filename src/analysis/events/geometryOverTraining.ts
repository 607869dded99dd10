/**
 * What an intervention does inside the network (issue 12's "inside view"): at every checkpoint of a
 * run, how circular the residue embedding is and how its units concentrate on a few key
 * frequencies, each beside the same measure on a null model (the same rows assigned to other
 * residues, permuteRows), which keeps every norm and value and destroys only which residue is which.
 *
 * - circularity: circularity(E).score, ~0 for random weights, 1 when every unit is one sinusoid;
 * - keyShare: the share of units (columns of E, variance-weighted) whose largest Fourier share lies
 *   on one of the `keys` frequencies most units pick: high when the units cluster on a few key
 *   frequencies (as Nanda et al.'s transformer's neurons do); random units pick any of the
 *   ⌊(p−1)/2⌋ about evenly (~keys / ⌊(p−1)/2⌋ plus the null's sampling excess).
 * The embedding is the model's roles.embedding (E1, or the circle MLP's computed table).
 */
import { RunFolder } from "../../runs/RunFolder";
import { circularity, Circularity } from "../geometry/circularity";
import { permuteRows } from "../geometry/nullModel";
import { Rows } from "../geometry/matrixRows";
import { residueRows } from "../geometry/residueRows";
import { Type } from "@sinclair/typebox";
import { validateOptions } from "../../config/validateConfig";

export interface GeometryPoint {
  step: number;
  valAccuracy: number | null;
  circularity: number;
  circularityNull: number;
  keyShare: number;
  keyShareNull: number;
  /** The `keys` most chosen frequencies of this checkpoint's units, most chosen first. */
  keyFrequencies: number[];
}

/** Variance-weighted share of units whose best frequency is among the `keys` most chosen ones, and those frequencies. */
export function keyShare(rows: Rows, c: Circularity, keys: number): { share: number; frequencies: number[] } {
  const p = rows.length;
  const d = rows[0].length;
  const weight = Array.from({ length: d }, (_, j) => {
    let mean = 0;
    for (let x = 0; x < p; x++) mean += rows[x][j] / p;
    let v = 0;
    for (let x = 0; x < p; x++) v += (rows[x][j] - mean) ** 2;
    return v;
  });
  const byFrequency = new Map<number, number>();
  c.units.forEach((u, j) => byFrequency.set(u.frequency, (byFrequency.get(u.frequency) ?? 0) + weight[j]));
  const ranked = [...byFrequency.entries()].sort((a, b) => b[1] - a[1]).slice(0, keys);
  const total = weight.reduce((s, w) => s + w, 0);
  return { share: total > 0 ? ranked.reduce((s, [, w]) => s + w, 0) / total : 0, frequencies: ranked.map(([f]) => f) };
}

/**
 * @param options.keys how many key frequencies keyShare counts (default 5, Nanda et al. find 3–7)
 * @param options.steps checkpoints to read (default every one)
 * @example
 * const points = geometryOverTraining(RunFolder.open(run.dir)); // one per checkpoint
 */
/** What geometryOverTraining accepts. */
export const GeometryOptionsSchema = Type.Object(
  { keys: Type.Optional(Type.Integer({ minimum: 1 })), steps: Type.Optional(Type.Array(Type.Integer({ minimum: 0 }))), nullSeed: Type.Optional(Type.Integer({ minimum: 0 })) },
  { additionalProperties: false },
);

export function geometryOverTraining(folder: RunFolder, options: { keys?: number; steps?: number[]; nullSeed?: number } = {}): GeometryPoint[] {
  validateOptions(GeometryOptionsSchema, options, "geometryOverTraining");
  const keys = options.keys ?? 5;
  const available = folder.checkpointSteps();
  const steps = folder.checkpointStepsFor("geometryOverTraining", options.steps, { initialFromConfig: true });
  const records = folder.records;
  const model = folder.model(0);
  try {
    const p = (folder.config as { model: { numClasses: number } }).model.numClasses;
    return steps.map((step) => {
      if (step !== 0 || available.includes(0)) folder.loadWeights(model, step);
      const rows = residueRows(model, model.roles.embedding, p);
      const shuffled = permuteRows(rows, options.nullSeed ?? 1);
      const c = circularity(rows);
      const cNull = circularity(shuffled);
      const k = keyShare(rows, c, keys);
      return {
        step,
        valAccuracy: records.find((r) => r.step === step)?.valAccuracy ?? null,
        circularity: c.score,
        circularityNull: cNull.score,
        keyShare: k.share,
        keyShareNull: keyShare(shuffled, cNull, keys).share,
        keyFrequencies: k.frequencies,
      };
    });
  } finally {
    model.dispose();
  }
}
