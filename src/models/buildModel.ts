/** A model from its spec: one exhaustive switch over the model kinds. */
import { EmbeddingMLP } from "./EmbeddingMLP";
import { Model } from "./Model";
import { NandaTransformer } from "./NandaTransformer";
import { PowerTransformer } from "./PowerTransformer";
import { ModelSpec } from "../specs/ModelSpec";

/**
 * @example
 * const model = buildModel({ kind: "mlp", numClasses: 97, width: 512 });
 */
export function buildModel(spec: ModelSpec & { numClasses: number }): Model {
  const { kind, ...sizes } = spec;
  switch (kind) {
    case "mlp":
      return new EmbeddingMLP(sizes);
    case "nanda":
      return new NandaTransformer(sizes);
    case "power":
      return new PowerTransformer(sizes);
    default: {
      const unknown: never = kind;
      throw new Error(`buildModel: unknown model kind "${unknown}"; expected "mlp", "nanda" or "power"`);
    }
  }
}
