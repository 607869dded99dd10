/**
 * One experiment, declared once: what data, which model (a `kind` and its sizes), how to train,
 * and where to write the run. The TypeScript type, the validation of notebook and command-line
 * configs, the defaults and the JSON Schema of config files (`groklab schema`) all come from this
 * TypeBox schema, which is assembled from each concept's own schema.
 */
import { Static, Type } from "@sinclair/typebox";
import { Resolved } from "../config/Resolved";
import { DatasetConfigSchema } from "./DatasetConfig";
import { ModelSpecSchema } from "./ModelSpec";
import { PretrainConfigSchema } from "./PretrainConfig";
import { RunConfigSchema } from "./RunConfig";
import { TrainConfigSchema } from "./TrainConfig";

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
/** ExperimentConfig as `resolve` returns it: every default filled in. */
export type ResolvedExperimentConfig = Resolved<typeof ExperimentConfigSchema>;
