/**
 * The two input formats of the papers, as token layouts over a pair (a, b):
 * - "power": `<eos> a op b =` (Power et al. 2022): elements 0…n−1, op = n, "=" = n + 1, <eos> = n + 2;
 *   vocabulary n + 3, context 5; the answer c follows "=".
 * - "nanda": `a b =` (Nanda et al. 2023): "=" = n; vocabulary n + 1, context 3.
 * Each entry is "a", "b" or a fixed token id. The models build their inputs from these layouts.
 */

export type SequenceFormat = "power" | "nanda";

export interface SequenceLayout {
  layout: ("a" | "b" | number)[];
  vocabulary: number;
}

/**
 * @example
 * sequenceLayout("nanda", 113); // { layout: ["a", "b", 113], vocabulary: 114 }
 */
export function sequenceLayout(format: SequenceFormat, n: number): SequenceLayout {
  switch (format) {
    case "power":
      return { layout: [n + 2, "a", n, "b", n + 1], vocabulary: n + 3 };
    case "nanda":
      return { layout: ["a", "b", n], vocabulary: n + 1 };
    default:
      throw new Error(`sequenceLayout: invalid format "${format}"; expected "power" or "nanda"`);
  }
}

/**
 * Token sequences of pairs, row-major [pairs, context], for inspection or export.
 * @example
 * toSequences([3], [5], "power", 7); // Int32Array [9, 3, 7, 5, 8]
 */
export function toSequences(a: ArrayLike<number>, b: ArrayLike<number>, format: SequenceFormat, n: number): Int32Array {
  const { layout } = sequenceLayout(format, n);
  const out = new Int32Array(a.length * layout.length);
  for (let i = 0; i < a.length; i++) {
    layout.forEach((t, j) => (out[i * layout.length + j] = t === "a" ? a[i] : t === "b" ? b[i] : t));
  }
  return out;
}
