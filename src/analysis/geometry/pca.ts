/**
 * Principal component analysis of the rows of a matrix (e.g. embeddings [p, d]), with ml-pca
 * (mljs): SVD of the centred data. Components are signed so that their largest loading is
 * positive, which makes results reproducible across runs.
 */
import * as tf from "@tensorflow/tfjs";
import { PCA } from "ml-pca";
import { matrixRows, Rows } from "./matrixRows";

export interface PcaResult {
  /** Coordinates of each row on the first `components` principal axes. */
  points: number[][];
  /** Share of variance of each returned component. */
  explained: number[];
}

/**
 * @example
 * pca(model.params["embed.E1"], 2).points; // [[x, y], …] per residue
 */
export function pca(data: tf.Tensor | Rows, components = 2): PcaResult {
  const rows = matrixRows(data, "pca", "data");
  if (rows.length < 2) throw new Error(`pca: data needs at least 2 rows; received ${rows.length}`);
  if (rows.every((r) => r.every((v, j) => v === rows[0][j]))) {
    throw new Error(`pca: data must vary between rows; received ${rows.length} identical rows (no variance to explain)`);
  }
  const max = Math.min(rows.length, rows[0].length);
  if (!Number.isInteger(components) || components < 1 || components > max) {
    throw new Error(`pca: components must be an integer in [1, ${max}]; received ${components}`);
  }
  const model = new PCA(rows, { center: true, scale: false });
  const loadings = model.getLoadings().to2DArray(); // [component, feature]
  const signs = loadings.slice(0, components).map((l) => {
    const big = l.reduce((m, v) => (Math.abs(v) > Math.abs(m) ? v : m), 0);
    return big < 0 ? -1 : 1;
  });
  const projected = model.predict(rows, { nComponents: components }).to2DArray();
  return {
    points: projected.map((r) => r.map((v, k) => v * signs[k])),
    explained: model.getExplainedVariance().slice(0, components),
  };
}
