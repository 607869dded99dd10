/**
 * Analyses work on plain row arrays of float64 (exact, small: p ≤ a few hundred); this converts
 * tfjs tensors and checks shapes and values (NaN or ±Infinity is refused, naming where it is).
 */
import * as tf from "@tensorflow/tfjs";

export type Rows = number[][];

/** Rows of a 2-D tensor or array; `owner` and `name` make the error say who asked for what. */
export function matrixRows(x: tf.Tensor | Rows, owner: string, name: string): Rows {
  const rows = x instanceof tf.Tensor ? (x.rank === 2 ? (x.arraySync() as Rows) : undefined) : x;
  if (!rows || !Array.isArray(rows) || rows.length === 0 || !Array.isArray(rows[0])) {
    const got = x instanceof tf.Tensor ? `a tensor of shape [${x.shape}]` : JSON.stringify(x)?.slice(0, 40);
    throw new Error(`${owner}: ${name} must be a non-empty 2-D matrix; received ${got}`);
  }
  const width = rows[0].length;
  if (rows.some((r) => r.length !== width)) throw new Error(`${owner}: ${name} has rows of different lengths`);
  for (let i = 0; i < rows.length; i++) {
    for (let j = 0; j < width; j++) {
      if (!Number.isFinite(rows[i][j])) {
        throw new Error(`${owner}: ${name} must hold finite numbers; received ${rows[i][j]} at row ${i}, column ${j}`);
      }
    }
  }
  return rows;
}
