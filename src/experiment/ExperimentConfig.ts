/**
 * One experiment, declared once: what data, which model (a `kind` and its sizes), how to train,
 * and where to write the run. The TypeScript type, the validation of notebook and command-line
 * configs, the defaults and the JSON Schema of config files (`groklab schema`) all come from this
 * TypeBox schema, which is assembled from each concept's own schema.
 */
import { Static, TProperties, Type } from "@sinclair/typebox";
import { DatasetConfigSchema } from "../data/makeDataset";
import { EmbeddingMLPConfigSchema } from "../models/EmbeddingMLP";
import { NandaTransformerConfigSchema } from "../models/NandaTransformer";
import { PowerTransformerConfigSchema } from "../models/PowerTransformer";
import { RunConfigSchema } from "../train/RunFolder";
import { TrainConfigSchema } from "../train/train";
import { PretrainConfigSchema } from "./pretrain";

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
export type ModelKind = ModelSpec["kind"];

export const ExperimentConfigSchema = Type.Object(
  {
    data: DatasetConfigSchema,
    model: ModelSpecSchema,
    train: TrainConfigSchema,
    pretrain: Type.Optional(PretrainConfigSchema),
    run: RunConfigSchema,
  },
  { additionalProperties: false, $id: "https://groklab/experiment-config.schema.json", title: "groklab experiment" },
);
export type ExperimentConfig = Static<typeof ExperimentConfigSchema>;
