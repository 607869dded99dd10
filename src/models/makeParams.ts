/**
 * Creates a model's named variables: from given weights (checked against the expected shapes) or
 * from a seeded initialiser. Keys are the parameter names ("embed.W_E"); the tfjs variables are
 * registered as "model<k>/<name>", unique in the process.
 */
import * as tf from "@tensorflow/tfjs";
import { Random } from "../data/random";

/** Makes registered variable names unique: tfjs refuses two variables of one name, and notebooks hold several models. */
let modelCount = 0;

/** How one parameter is initialised. */
export type Init = { kind: "normal"; std: number } | { kind: "uniform"; bound: number } | { kind: "constant"; value: number } | { kind: "values"; values: Float32Array };

export interface ParamSpec {
  shape: number[];
  init: Init;
}

function draw(init: Exclude<Init, { kind: "values" }>, random: Random): number {
  switch (init.kind) {
    case "normal":
      return init.std * random.normal();
    case "uniform":
      return init.bound * (2 * random.next() - 1);
    case "constant":
      return init.value;
  }
}

/**
 * @param owner the model's name, for error messages
 * @param specs parameter shapes and initialisers by name, in creation order
 * @param seed seed of the initialisation
 * @param weights optional initial values by name (copied; the caller keeps ownership)
 * @example
 * makeParams("MyModel", { "embed.W_E": { shape: [10, 4], init: { kind: "normal", std: 1 } } }, 0);
 */
export function makeParams(
  owner: string,
  specs: Record<string, ParamSpec>,
  seed: number,
  weights?: Record<string, tf.Tensor>,
): Record<string, tf.Variable> {
  if (weights) {
    for (const [name, { shape }] of Object.entries(specs)) {
      const w = weights[name];
      if (!w || w.shape.join() !== shape.join()) {
        throw new Error(`${owner}: weight "${name}" must have shape [${shape}]; received ${w ? `[${w.shape}]` : "nothing"}`);
      }
    }
    const extra = Object.keys(weights).filter((n) => !(n in specs));
    if (extra.length) throw new Error(`${owner}: unknown weight(s) ${extra.join(", ")}; expected ${Object.keys(specs).join(", ")}`);
  }
  const random = new Random(seed);
  const prefix = `model${modelCount++}/`;
  const params: Record<string, tf.Variable> = {};
  for (const [name, { shape, init }] of Object.entries(specs)) {
    let initial: tf.Tensor;
    if (weights) {
      initial = weights[name].clone();
    } else if (init.kind === "values") {
      if (init.values.length !== shape.reduce((a, b) => a * b, 1)) throw new Error(`${owner}: initial values of "${name}" must have ${shape.reduce((a, b) => a * b, 1)} entries; received ${init.values.length}`);
      initial = tf.tensor(init.values, shape);
    } else {
      const size = shape.reduce((a, b) => a * b, 1);
      const values = new Float32Array(size);
      for (let i = 0; i < size; i++) values[i] = draw(init, random);
      initial = tf.tensor(values, shape);
    }
    params[name] = tf.variable(initial, true, prefix + name);
    initial.dispose(); // the variable holds its own reference to the data
  }
  return params;
}

/** Throws unless `heads` divides `dModel` (every head gets dModel / heads dimensions). */
export function checkHeads(owner: string, dModel: number, heads: number): void {
  if (dModel % heads !== 0) {
    throw new Error(`${owner}: heads (${heads}) must divide dModel (${dModel}); received dModel ${dModel}, heads ${heads}`);
  }
}
