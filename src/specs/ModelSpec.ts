/**
 * Which model an experiment trains: a `kind` tag and that model's own fields, with `numClasses`
 * optional (it defaults to, and must equal, the dataset's).
 */
import { Static, TProperties, Type } from "@sinclair/typebox";
import { Resolved } from "../config/Resolved";
import { EmbeddingMLPConfigSchema } from "./EmbeddingMLPConfig";
import { NandaTransformerConfigSchema } from "./NandaTransformerConfig";
import { PowerTransformerConfigSchema } from "./PowerTransformerConfig";

/** A model's own fields with `numClasses` optional (it defaults to the dataset's) and a `kind` tag. */
function spec<K extends string, P extends TProperties & { numClasses: unknown }>(kind: K, properties: P, description: string) {
  return Type.Object(
    { kind: Type.Literal(kind), ...properties, numClasses: Type.Optional(Type.Integer({ minimum: 1, description: "Classes; default (and must equal) the dataset's." })) },
    { additionalProperties: false, description },
  );
}

/** Which model, by `kind`, with that model's sizes. */
export const ModelSpecSchema = Type.Union([
  spec("mlp", EmbeddingMLPConfigSchema.properties, "The embedding MLP (the consolidation layer)."),
  spec("nanda", NandaTransformerConfigSchema.properties, "Nanda et al.'s 1-layer transformer."),
  spec("power", PowerTransformerConfigSchema.properties, "Power et al.'s 2-layer transformer."),
]);
export type ModelSpec = Static<typeof ModelSpecSchema>;
/** ModelSpec as `resolve` returns it: every default filled in. */
export type ResolvedModelSpec = Resolved<typeof ModelSpecSchema>;
export type ModelKind = ModelSpec["kind"];
