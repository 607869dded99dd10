/**
 * The Fourier basis of Z_p (Nanda et al. 2023, §4): an orthonormal basis of functions on
 * {0, …, p−1}: the constant 1/√p, then cos(w_k x) and sin(w_k x) with w_k = 2πk/p for
 * k = 1 … ⌊(p−1)/2⌋, each scaled to unit norm (and cos(πx) when p is even).
 */

export interface FourierBasis {
  p: number;
  /** Basis vectors as rows: vectors[i][x]. */
  vectors: number[][];
  /** "const", "cos 1", "sin 1", … */
  labels: string[];
  /** Frequency k of each basis vector (0 for the constant). */
  frequency: number[];
  /** Largest frequency with a cos/sin pair: ⌊(p−1)/2⌋. */
  maxFrequency: number;
}

/**
 * @example
 * fourierBasis(5).labels; // ["const", "cos 1", "sin 1", "cos 2", "sin 2"]
 */
export function fourierBasis(p: number): FourierBasis {
  if (!Number.isInteger(p) || p < 2) throw new Error(`fourierBasis: p must be an integer ≥ 2; received ${p}`);
  const vectors: number[][] = [Array(p).fill(1 / Math.sqrt(p))];
  const labels = ["const"];
  const frequency = [0];
  const maxFrequency = Math.floor((p - 1) / 2);
  const unit = (f: (x: number) => number) => {
    const v = Array.from({ length: p }, (_, x) => f(x));
    const norm = Math.hypot(...v);
    return v.map((t) => t / norm);
  };
  for (let k = 1; k <= maxFrequency; k++) {
    const w = (2 * Math.PI * k) / p;
    vectors.push(unit((x) => Math.cos(w * x)), unit((x) => Math.sin(w * x)));
    labels.push(`cos ${k}`, `sin ${k}`);
    frequency.push(k, k);
  }
  if (p % 2 === 0) {
    vectors.push(unit((x) => Math.cos(Math.PI * x)));
    labels.push(`cos ${p / 2}`);
    frequency.push(p / 2);
  }
  return { p, vectors, labels, frequency, maxFrequency };
}

/** Coefficients of the columns of `rows` ([p, d]) in the basis: [p basis vectors, d]. */
export function fourierCoefficients(basis: FourierBasis, rows: number[][]): number[][] {
  if (rows.length !== basis.p) {
    throw new Error(`fourierCoefficients: the matrix must have p = ${basis.p} rows (one per residue); received ${rows.length}`);
  }
  const d = rows[0].length;
  return basis.vectors.map((v) => {
    const out = new Array<number>(d).fill(0);
    for (let x = 0; x < basis.p; x++) {
      const vx = v[x];
      const r = rows[x];
      for (let j = 0; j < d; j++) out[j] += vx * r[j];
    }
    return out;
  });
}
