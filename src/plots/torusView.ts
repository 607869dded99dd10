/**
 * A torus for the pairs (a, b): the angle of a in the key-frequency plane of E1 and the angle of b
 * in that of E2 place each pair on a torus; colour is (a + b) mod p. When the network computes
 * a + b through w_k·a + w_k·b, equal colours line up along the torus's diagonal windings.
 */
import * as tf from "@tensorflow/tfjs";
import { circleCoordinates } from "../analysis/circleCoordinates";
import { Rows } from "../analysis/matrixRows";
import { PlotlyFigure } from "./PlotlyFigure";

/**
 * @example
 * torusView(model.params["embed.E1"], model.params["embed.E2"], 4);
 */
export function torusView(embedA: tf.Tensor | Rows, embedB: tf.Tensor | Rows, k: number, options: { title?: string } = {}): PlotlyFigure {
  const theta = circleCoordinates(embedA, k).angles;
  const phi = circleCoordinates(embedB, k).angles;
  const p = theta.length;
  const R = 2;
  const r = 0.8;
  const x: number[] = [], y: number[] = [], z: number[] = [], colour: number[] = [], label: string[] = [];
  for (let a = 0; a < p; a++) {
    for (let b = 0; b < p; b++) {
      x.push((R + r * Math.cos(phi[b])) * Math.cos(theta[a]));
      y.push((R + r * Math.cos(phi[b])) * Math.sin(theta[a]));
      z.push(r * Math.sin(phi[b]));
      colour.push((a + b) % p);
      label.push(`a=${a}, b=${b}, a+b≡${(a + b) % p}`);
    }
  }
  return {
    data: [{ type: "scatter3d", mode: "markers", x, y, z, text: label, hoverinfo: "text", marker: { size: 2.5, color: colour, colorscale: "HSV", colorbar: { title: { text: "(a+b) mod p" } } } }],
    layout: {
      title: { text: options.title ?? `Pairs (a, b) on a torus: angles of a (E1) and b (E2) at frequency ${k}` },
      scene: { aspectmode: "data", xaxis: { visible: false }, yaxis: { visible: false }, zaxis: { visible: false } },
    },
  };
}
