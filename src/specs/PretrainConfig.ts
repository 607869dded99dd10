/**
 * Pre-training on another operation of the same p before the target (issue 12's fourth idea).
 */
import { Static, Type } from "@sinclair/typebox";
import { Defaulted, Resolved } from "../config/Resolved";
import { DatasetConfigSchema } from "./DatasetConfig";

export const PretrainConfigSchema = Type.Object(
  {
    operation: DatasetConfigSchema.properties.operation,
    steps: Type.Integer({ minimum: 1, description: "Budget of pre-training updates." }),
    valAccuracy: Defaulted(
      Type.Number({ minimum: 0, maximum: 1, default: 0.99, description: "Pre-training ends once its validation accuracy holds this for 3 evaluations." }),
    ),
    resetUnembedding: Defaulted(
      Type.Boolean({ default: false, description: "Draw the unembedding (the head) anew, from model.seed + 1, before training on the target." }),
    ),
  },
  {
    additionalProperties: false,
    description: "Train on another operation of the same p first (same split seed and train settings), then on data.operation with a fresh optimizer. Default: no pre-training.",
  },
);
export type PretrainConfig = Static<typeof PretrainConfigSchema>;
/** PretrainConfig as `resolve` returns it: every default filled in. */
export type ResolvedPretrainConfig = Resolved<typeof PretrainConfigSchema>;
