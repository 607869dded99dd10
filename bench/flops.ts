/**
 * Matmul FLOPs of one full-batch training step (forward + backward, 2 per multiply-add), counted as
 * PyTorch computes the step: embedding lookups are gathers, not products. Backward costs two
 * products per forward product (gradients of both operands), except where an operand is an input.
 * Both groklab and the PyTorch twins compute the final layer past its keys and values at the answer
 * position only (the other positions' outputs feed nothing), so only those products are counted.
 */

/** Embedding MLP: [N, H]·[H, p] forward, and both gradients. */
export function mlpFlops(n: number, p: number, h: number): number {
  return 3 * (2 * n * h * p);
}

/** Nanda et al.'s transformer: T = 3N tokens, d 128, MLP 512, the unembedding at the last position. */
export function nandaFlops(n: number, p: number, d = 128, mlp = 512): number {
  const t = 3 * n;
  const dense = 2 * t * d * d * 3 + 2 * n * d * d + 2 * n * d * mlp * 2; // Q, K, V at every position; O and the MLP at the last
  const attention = 2 * n * 4 * (3 * 3 * 32) * 2; // scores and pattern·V, 4 heads
  const unembed = 2 * n * d * p;
  return (dense + attention + unembed) * 3;
}

/** Power et al.'s transformer: T = 5N tokens, 2 layers of d 128 and FFN 512, the unembedding at the last position; ×3 with the backward pass, ×1 for an evaluation. */
export function powerFlops(n: number, p: number, backward = true, d = 128, ffn = 512, layers = 2): number {
  const t = 5 * n;
  const layer = (rows: number) => 2 * t * d * d * 3 + 2 * rows * d * d + 2 * rows * d * ffn * 2; // Q, K, V; O and the FFN
  const dense = (layers - 1) * layer(t) + layer(n);
  const attention = layers * 2 * n * 4 * (5 * 5 * 32) * 2;
  const unembed = 2 * n * d * p;
  return (dense + attention + unembed) * (backward ? 3 : 1);
}
