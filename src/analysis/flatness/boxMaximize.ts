/**
 * Maximises a smooth function over a box with a projected limited-memory quasi-Newton method
 * (the role L-BFGS-B plays in Keskar et al. 2017): the L-BFGS direction on the variables that are
 * not held at a bound by the gradient, a step along the projected path with Armijo backtracking,
 * and curvature pairs kept only when sᵀy > 0. A fixed number of iterations, as in the paper, with
 * two stops that scipy's L-BFGS-B also makes (its `maxls` and `factr`), scaled to the float32
 * losses groklab computes: at most 20 backtracking steps an iteration, and an end once a step can
 * no longer change the value by more than its resolution, relative to the value itself (1e-6 of
 * |f|: a float32 loss summed over many pairs holds about that): below that, the differences the
 * search chases are rounding noise. The tolerance is relative to |f|, not to 1 + |f| as scipy's
 * factr is: for a network whose loss is 10⁻⁸, a tolerance of 10⁻⁷ (1 + f) stopped the search at
 * its random start, and φ was that start's rise.
 */

export interface BoxMaximizeResult {
  y: number[];
  value: number;
  /** Value at the (clamped) starting point. */
  start: number;
  evaluations: number;
}

/**
 * @param f returns the value and gradient at y
 * @param y0 starting point (clamped into the box)
 * @param lower, upper the box
 * @example
 * boxMaximize((y) => ({ value: y[0] ** 2, grad: [2 * y[0]] }), [0.1], [-1], [1], 10).value; // 1
 */
export function boxMaximize(
  f: (y: number[]) => { value: number; grad: number[] },
  y0: number[],
  lower: number[],
  upper: number[],
  iterations = 10,
  memory = 10,
  relativeTolerance = 1e-6,
): BoxMaximizeResult {
  const n = y0.length;
  if (lower.length !== n || upper.length !== n || lower.some((l, i) => !(l <= upper[i]))) {
    throw new Error(`boxMaximize: lower and upper must have ${n} entries with lower ≤ upper`);
  }
  const clamp = (y: number[]) => y.map((v, i) => Math.min(upper[i], Math.max(lower[i], v)));
  const dot = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * b[i], 0);
  // Minimise g = −f.
  let evaluations = 0;
  const g = (y: number[]) => {
    evaluations++;
    const r = f(y);
    return { value: -r.value, grad: r.grad.map((v) => -v) };
  };
  let y = clamp(y0);
  let cur = g(y);
  const start = -cur.value;
  const S: number[][] = [];
  const Yv: number[][] = [];
  for (let it = 0; it < iterations; it++) {
    const free = y.map((v, i) => !((v <= lower[i] && cur.grad[i] > 0) || (v >= upper[i] && cur.grad[i] < 0)));
    const q = cur.grad.map((v, i) => (free[i] ? v : 0));
    // Two-loop recursion.
    const alpha: number[] = [];
    for (let k = S.length - 1; k >= 0; k--) {
      const a = dot(S[k], q) / dot(Yv[k], S[k]);
      alpha[k] = a;
      for (let i = 0; i < n; i++) q[i] -= a * Yv[k][i];
    }
    const gamma = S.length ? dot(S[S.length - 1], Yv[S.length - 1]) / dot(Yv[S.length - 1], Yv[S.length - 1]) : 1;
    for (let i = 0; i < n; i++) q[i] *= gamma;
    for (let k = 0; k < S.length; k++) {
      const b = dot(Yv[k], q) / dot(Yv[k], S[k]);
      for (let i = 0; i < n; i++) q[i] += S[k][i] * (alpha[k] - b);
    }
    let d = q.map((v, i) => (free[i] ? -v : 0));
    if (dot(d, cur.grad) >= 0) d = cur.grad.map((v, i) => (free[i] ? -v : 0));
    if (d.every((v) => v === 0)) break;
    // On the first step the scale is unknown: start from a step that crosses the box.
    let t = S.length ? 1 : Math.max(...upper.map((u, i) => u - lower[i])) / Math.max(...d.map(Math.abs));
    let next = cur;
    let yNext = y;
    let accepted = false;
    const resolution = relativeTolerance * Math.abs(cur.value);
    for (let tries = 0; tries < 20; tries++) {
      yNext = clamp(y.map((v, i) => v + t * d[i]));
      // The rise this step promises to first order; below the value's resolution it is noise.
      if (-dot(cur.grad, yNext.map((v, i) => v - y[i])) < resolution) break; // not accepted: the search ends here
      next = g(yNext);
      if (next.value <= cur.value + 1e-4 * dot(cur.grad, yNext.map((v, i) => v - y[i]))) {
        accepted = true;
        break;
      }
      t /= 2;
    }
    if (!accepted) break;
    const gained = cur.value - next.value;
    const s = yNext.map((v, i) => v - y[i]);
    const yy = next.grad.map((v, i) => v - cur.grad[i]);
    if (dot(s, yy) > 1e-12 * dot(yy, yy)) {
      S.push(s);
      Yv.push(yy);
      if (S.length > memory) {
        S.shift();
        Yv.shift();
      }
    }
    y = yNext;
    cur = next;
    if (gained < resolution) break;
  }
  return { y, value: -cur.value, start, evaluations };
}
