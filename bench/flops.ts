/**
 * Matmul FLOPs of one full-batch training step (forward + backward, 2 per multiply-add), counted as
 * PyTorch computes the step: embedding lookups are gathers, not products. Backward costs two
 * products per forward product (gradients of both operands), except where an operand is an input.
 */

/** Embedding MLP: [N, H]·[H, p] forward, and both gradients. */
export function mlpFlops(n: number, p: number, h: number): number {
  return 3 * (2 * n * h * p);
}

/** Nanda et al.'s transformer: T = 3N tokens, d 128, MLP 512, the unembedding at the last position. */
export function nandaFlops(n: number, p: number, d = 128, mlp = 512): number {
  const t = 3 * n;
  const dense = 2 * t * d * d * 4 + 2 * t * d * mlp * 2; // Q, K, V, O and the MLP's two matrices
  const attention = 2 * n * 4 * (3 * 3 * 32) * 2; // scores and pattern·V, 4 heads
  const unembed = 2 * n * d * p;
  return (dense + attention + unembed) * 3;
}
