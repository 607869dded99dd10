/**
 * Fixed sinusoidal position encodings (Vaswani et al. 2017, §3.5), as in Power et al.'s model:
 * PE[pos, 2i] = sin(pos / 10000^(2i/d)), PE[pos, 2i+1] = cos(pos / 10000^(2i/d)).
 */
import * as tf from "@tensorflow/tfjs";

/** [numPositions, dModel] float32. */
export function sinusoidalPositions(numPositions: number, dModel: number): tf.Tensor2D {
  const values = new Float32Array(numPositions * dModel);
  for (let pos = 0; pos < numPositions; pos++) {
    for (let i = 0; i < dModel; i++) {
      const angle = pos / Math.pow(10000, (2 * Math.floor(i / 2)) / dModel);
      values[pos * dModel + i] = i % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
    }
  }
  return tf.tensor2d(values, [numPositions, dModel]);
}
