/** Squared Euclidean distances between all rows, as a flat n × n matrix (d[i·n + j]). */
import { Rows } from "./matrixRows";

/**
 * @example
 * squaredDistances([[0, 0], [3, 4]]); // Float64Array [0, 25, 25, 0]
 */
export function squaredDistances(rows: Rows): Float64Array {
  const n = rows.length;
  const d = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let s = 0;
      for (let k = 0; k < rows[i].length; k++) s += (rows[i][k] - rows[j][k]) ** 2;
      d[i * n + j] = d[j * n + i] = s;
    }
  }
  return d;
}
