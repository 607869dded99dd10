/**
 * Embeddings parameterised on circles (issue 12's "geometric constraint"): the embedding of residue x
 * is built from K circles, each with a learnable frequency f_k and phase φ_k,
 *
 *   E[x] = Σ_k cos(2π f_k x / p + φ_k) · U[2k] + sin(2π f_k x / p + φ_k) · U[2k+1]      (U: [2K, width])
 *
 * so every residue lies on the image of K circles in the embedding space, whatever is learned. The
 * frequencies are real numbers (learned by gradient descent like the rest); an integer frequency closes
 * its circle after p residues. Parameters, by name: `<prefix>.frequency` [K], `<prefix>.phase` [K],
 * `<prefix>.basis` [2K, width].
 */
import * as tf from "@tensorflow/tfjs";
import { Random } from "../data/random";

/** The three names of one circle embedding's parameters. */
export function circleParamNames(prefix: string): { frequency: string; phase: string; basis: string } {
  return { frequency: `${prefix}.frequency`, phase: `${prefix}.phase`, basis: `${prefix}.basis` };
}

/**
 * Initial values of one circle embedding: frequencies uniform in [1, (p−1)/2], phases uniform in
 * [0, 2π), basis N(0, 1/K) so that each entry of E has variance 1 (as torch.nn.Embedding's N(0, 1)).
 */
export function circleInit(p: number, width: number, circles: number, random: Random): { frequency: Float32Array; phase: Float32Array; basis: Float32Array } {
  const top = Math.max(1, (p - 1) / 2);
  const frequency = Float32Array.from({ length: circles }, () => 1 + (top - 1) * random.next());
  const phase = Float32Array.from({ length: circles }, () => 2 * Math.PI * random.next());
  const std = 1 / Math.sqrt(circles);
  const basis = Float32Array.from({ length: 2 * circles * width }, () => std * random.normal());
  return { frequency, phase, basis };
}

/**
 * The [p, width] embedding table of one circle embedding (differentiable in all three parameters).
 * @example
 * const E = circleTable(params["embed.E1.frequency"], params["embed.E1.phase"], params["embed.E1.basis"], 97);
 */
export function circleTable(frequency: tf.Tensor1D, phase: tf.Tensor1D, basis: tf.Tensor2D, p: number): tf.Tensor2D {
  const K = frequency.shape[0];
  if (phase.shape[0] !== K || basis.shape[0] !== 2 * K) {
    throw new Error(`circleTable: expected phase [${K}] and basis [${2 * K}, width] for ${K} frequencies; received phase [${phase.shape}], basis [${basis.shape}]`);
  }
  return tf.tidy(() => {
    const x = tf.range(0, p, 1, "float32").reshape([p, 1]);
    const angle = tf.add(tf.mul(x, tf.mul(frequency, (2 * Math.PI) / p).reshape([1, K])), phase.reshape([1, K])); // [p, K]
    // columns interleaved as cos_0, sin_0, cos_1, sin_1, … to match the basis rows
    const features = tf.stack([tf.cos(angle), tf.sin(angle)], 2).reshape([p, 2 * K]);
    return tf.matMul(features, basis) as tf.Tensor2D;
  });
}
