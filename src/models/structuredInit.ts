/**
 * Initialisations of the embedding MLP near the geometry it learns (the synthesis's "initialise
 * near the geometry", issue 12), as an option of its config:
 * - "fourier": each hidden unit j of E1 and E2 gets one frequency f_j (of `frequencies`, cycled;
 *   a count draws that many distinct frequencies at random)
 *   and random phases: E[x, j] = cos(2π f_j x / p + φ_j) + noise·N(0, 1); W_out keeps its random
 *   init, so the readout is still to be learned;
 * - "gromov": the random init blended with Gromov's closed-form solution (gromovWeights):
 *   W = blend·W_gromov + (1 − blend)·W_random for E1, E2 and W_out; blend 1 is the solution itself
 *   (exact for the quadratic activation), the lower bound of any "time to grok".
 */
import * as tf from "@tensorflow/tfjs";
import { Random } from "../data/random";
import { gromovWeights } from "./gromovSolution";
import { StructuredInit } from "../specs/StructuredInit";

/** The frequencies to use: the list as given (checked), or `count` distinct ones drawn from [1, (p−1)/2]. */
function frequenciesOf(p: number, frequencies: number[] | number, random: Random): number[] {
  const max = Math.floor((p - 1) / 2);
  if (typeof frequencies === "number") {
    if (frequencies > max) throw new Error(`EmbeddingMLP: init.frequencies asks for ${frequencies} distinct frequencies; p = ${p} has ${max}`);
    const all = Array.from({ length: max }, (_, i) => i + 1);
    for (let i = all.length - 1; i > 0; i--) {
      const j = random.int(i + 1);
      [all[i], all[j]] = [all[j], all[i]];
    }
    return all.slice(0, frequencies).sort((a, b) => a - b);
  }
  const bad = frequencies.filter((f) => f < 1 || f > max);
  if (bad.length) throw new Error(`EmbeddingMLP: init.frequencies must lie in [1, ${max}] for p = ${p}; received ${bad.join(", ")}`);
  return frequencies;
}

/** E[x, j] = cos(2π f_j x / p + φ_j) + noise·N(0, 1), [p, width]. */
function fourierTable(p: number, width: number, frequencies: number[], noise: number, random: Random): Float32Array {
  const table = new Float32Array(p * width);
  for (let j = 0; j < width; j++) {
    const w = (2 * Math.PI * frequencies[j % frequencies.length]) / p;
    const phase = 2 * Math.PI * random.next();
    for (let x = 0; x < p; x++) table[x * width + j] = Math.cos(w * x + phase) + (noise > 0 ? noise * random.normal() : 0);
  }
  return table;
}

/**
 * Replaces the random init of an embedding MLP's parameters in place, as `init` says.
 * @param params the MLP's embed.E1 [p, width], embed.E2 [p, width] and unembed.W_out [width, p]
 * @example
 * applyStructuredInit(model.params, { kind: "fourier", frequencies: [14, 35, 41], noise: 0.1 }, 97, 512, 0);
 */
export function applyStructuredInit(params: Record<string, tf.Variable>, init: StructuredInit, p: number, width: number, seed: number): void {
  if (init.kind === "random") return;
  const random = new Random(seed);
  if (init.kind === "fourier") {
    const frequencies = frequenciesOf(p, init.frequencies, random);
    const noise = init.noise ?? 0.1;
    for (const name of ["embed.E1", "embed.E2"]) {
      tf.tidy(() => params[name].assign(tf.tensor2d(fourierTable(p, width, frequencies, noise, random), [p, width])));
    }
    return;
  }
  const solution = gromovWeights(p, width, { seed });
  tf.tidy(() => {
    for (const [name, w] of Object.entries(solution)) params[name].assign(w.mul(init.blend).add(params[name].mul(1 - init.blend)));
  });
  tf.dispose(Object.values(solution));
}
