/**
 * Where each residue's vector lies in the plane of one frequency: the embedding's cos and sin
 * Fourier directions for frequency k (orthonormalised) span a plane; projecting e_x on it gives a
 * point whose angle, in a Fourier ("circle") representation, is w_k·x + φ (Nanda et al. 2023).
 */
import * as tf from "@tensorflow/tfjs";
import { fourierBasis, fourierCoefficients } from "../fourier/fourierBasis";
import { matrixRows, Rows } from "./matrixRows";

/**
 * @returns points [p][2] and angles [p] (radians) of each residue in the plane of frequency k
 * @example
 * circleCoordinates(model.params["embed.E1"], 4).angles; // ≈ w_4·x + φ for a grokked network
 */
export function circleCoordinates(embedding: tf.Tensor | Rows, k: number): { points: number[][]; angles: number[] } {
  const rows = matrixRows(embedding, "circleCoordinates", "embedding");
  const basis = fourierBasis(rows.length);
  if (!Number.isInteger(k) || k < 1 || k > basis.maxFrequency) {
    throw new Error(`circleCoordinates: k must be an integer in [1, ${basis.maxFrequency}]; received ${k}`);
  }
  const coeffs = fourierCoefficients(basis, rows);
  const u = coeffs[2 * k - 1]; // cos direction in R^d
  const v = coeffs[2 * k]; // sin direction
  const dot = (a: number[], b: number[]) => a.reduce((s, t, i) => s + t * b[i], 0);
  const nu = Math.sqrt(dot(u, u)) || 1;
  const e1 = u.map((t) => t / nu);
  const along = dot(v, e1);
  const w = v.map((t, i) => t - along * e1[i]);
  const nw = Math.sqrt(dot(w, w)) || 1;
  const e2 = w.map((t) => t / nw);
  const points = rows.map((r) => [dot(r, e1), dot(r, e2)]);
  return { points, angles: points.map(([x, y]) => Math.atan2(y, x)) };
}

/** One frequency's plane and the residues' points in it (what keyFrequencyCircles draws). */
export interface CirclePlane {
  k: number;
  points: number[][];
}

/**
 * The residues' points in the plane of each of `keys` (circleCoordinates per frequency).
 * @example
 * keyFrequencyCircles(circlePlanes(model.params["embed.E1"], [4, 9, 13]));
 */
export function circlePlanes(embedding: tf.Tensor | Rows, keys: number[]): CirclePlane[] {
  if (keys.length === 0) throw new Error("circlePlanes: keys must name at least one frequency");
  const rows = matrixRows(embedding, "circlePlanes", "embedding");
  return keys.map((k) => ({ k, points: circleCoordinates(rows, k).points }));
}
