/**
 * Matmul FLOPs of one full-batch training step (forward + backward, 2 per multiply-add), for the
 * GFLOP/s columns of the benchmark. Backward costs two products per forward product, except the
 * gradient with respect to the one-hot inputs, which no one needs.
 */

/** Embedding MLP: [N, 2p]·[2p, H] and [N, H]·[H, p]. */
export function mlpFlops(n: number, p: number, h: number): number {
  const embed = 2 * n * (2 * p) * h;
  const out = 2 * n * h * p;
  return embed * 2 + out * 3; // embed: forward + weight gradient; out: forward + both gradients
}

/** Nanda et al.'s transformer: T = 3N tokens, d 128, MLP 512, the unembedding at the last position. */
export function nandaFlops(n: number, p: number, d = 128, mlp = 512): number {
  const t = 3 * n;
  const embed = 2 * t * (p + 1) * d;
  const dense = 2 * t * d * d * 4 + 2 * t * d * mlp * 2; // Q, K, V, O and the MLP's two matrices
  const attention = 2 * n * 4 * (3 * 3 * 32) * 2; // scores and pattern·V, 4 heads
  const unembed = 2 * n * d * p;
  return embed * 2 + (dense + attention + unembed) * 3;
}
