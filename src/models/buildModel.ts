/** A model from its spec: one exhaustive switch over the model kinds. */
import { EmbeddingMLP } from "./EmbeddingMLP";
import { Model } from "./Model";
import { NandaTransformer } from "./NandaTransformer";
import { PowerTransformer } from "./PowerTransformer";
import { ModelSpec, ModelSpecSchema } from "../specs/ModelSpec";
import { alreadyResolved, isResolved } from "../config/resolve";
import { EmbeddingMLPConfigSchema } from "../specs/EmbeddingMLPConfig";
import { NandaTransformerConfigSchema } from "../specs/NandaTransformerConfig";
import { PowerTransformerConfigSchema } from "../specs/PowerTransformerConfig";
import { TSchema } from "@sinclair/typebox";

/**
 * @example
 * const model = buildModel({ kind: "mlp", numClasses: 97, width: 512 });
 */
export function buildModel(spec: ModelSpec & { numClasses: number }): Model {
  const { kind, ...fields } = spec;
  // a spec resolved with its experiment is not checked again: its fields are the model's resolved config
  const checked = isResolved(ModelSpecSchema, spec);
  const sizes = <S extends TSchema>(schema: S) => (checked ? alreadyResolved(schema, fields) : fields) as typeof fields;
  switch (kind) {
    case "mlp":
      return new EmbeddingMLP(sizes(EmbeddingMLPConfigSchema));
    case "nanda":
      return new NandaTransformer(sizes(NandaTransformerConfigSchema));
    case "power":
      return new PowerTransformer(sizes(PowerTransformerConfigSchema));
    default: {
      const unknown: never = kind;
      throw new Error(`buildModel: unknown model kind "${unknown}"; expected "mlp", "nanda" or "power"`);
    }
  }
}
