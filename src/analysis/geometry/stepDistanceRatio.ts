/**
 * How near a 2-D picture puts each residue x to x + step (Power et al.'s Fig. 4 joins them with
 * lines): the mean distance |P(x) − P((x + step) mod n)| over x, divided by the mean distance of all
 * pairs. Below 1 the picture keeps that structure; about 1 for a layout that ignores it.
 */

/**
 * @param points one 2-D point per residue, row x for residue x
 * @example
 * stepDistanceRatio(gl.tsne(W_out), 8); // 0.3: x and x + 8 sit close together
 */
export function stepDistanceRatio(points: number[][], step: number): number {
  const n = points.length;
  if (n < 3 || points.some((q) => q.length !== 2 || !q.every(Number.isFinite))) {
    throw new Error(`stepDistanceRatio: points must be three or more finite 2-D points (one per residue); received ${n} point(s)${n ? ` of length ${points[0].length}` : ""}`);
  }
  if (!Number.isInteger(step) || step % n === 0) throw new Error(`stepDistanceRatio: step must be an integer that is not a multiple of ${n}; received ${step}`);
  const d = (i: number, j: number) => Math.hypot(points[i][0] - points[j][0], points[i][1] - points[j][1]);
  let all = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) all += d(i, j);
  let lines = 0;
  for (let x = 0; x < n; x++) lines += d(x, (((x + step) % n) + n) % n);
  return lines / n / (all / ((n * (n - 1)) / 2));
}
