/**
 * A torus for the pairs (a, b): the angle of a in the key-frequency plane of E1 and the angle of b
 * in that of E2 place each pair on a torus. The colour is k(a + b) mod p, the phase of a + b at
 * frequency k (2π·k(a + b)/p), on a cyclic scale: when the network computes a + b through
 * angles w_k·a and w_k·b, that phase is the sum of the two angles, so equal colours line up along
 * the torus's diagonal windings. ((a + b) mod p itself would not: at k ≠ 1 neighbouring colours
 * lie k steps apart on each circle.)
 */
import { PlotlyFigure } from "./PlotlyFigure";
import { cyclicColourScale } from "./cyclicColourScale";
import { optionsOf } from "../config/optionsOf";
import { validateOptions } from "../config/validateConfig";

const OPTIONS = optionsOf("title");

/**
 * @param theta angle of each a (circleCoordinates(E1, k).angles); @param phi the same for b (E2)
 * @example
 * torusView(circleCoordinates(E1, 4).angles, circleCoordinates(E2, 4).angles, 4);
 */
export function torusView(theta: number[], phi: number[], k: number, options: { title?: string } = {}): PlotlyFigure {
  validateOptions(OPTIONS, options, "torusView");
  const p = theta.length;
  if (phi.length !== p) throw new Error(`torusView: theta and phi must have one angle per residue; received ${p} and ${phi.length}`);
  const R = 2;
  const r = 0.8;
  const x: number[] = [], y: number[] = [], z: number[] = [], colour: number[] = [], label: string[] = [];
  for (let a = 0; a < p; a++) {
    for (let b = 0; b < p; b++) {
      x.push((R + r * Math.cos(phi[b])) * Math.cos(theta[a]));
      y.push((R + r * Math.cos(phi[b])) * Math.sin(theta[a]));
      z.push(r * Math.sin(phi[b]));
      colour.push((k * (a + b)) % p);
      label.push(`a=${a}, b=${b}, a+b≡${(a + b) % p}, ${k}(a+b)≡${(k * (a + b)) % p}`);
    }
  }
  return {
    data: [{ type: "scatter3d", mode: "markers", x, y, z, text: label, hoverinfo: "text", marker: { size: 2.5, color: colour, cmin: 0, cmax: p, colorscale: cyclicColourScale, colorbar: { title: { text: `${k}(a+b) mod p` } } } }],
    layout: {
      title: { text: options.title ?? `Pairs (a, b) on a torus: angles of a (E1) and b (E2) at frequency ${k}` },
      scene: { aspectmode: "data", xaxis: { visible: false }, yaxis: { visible: false }, zaxis: { visible: false } },
    },
  };
}
