/**
 * AdamW's hyper-parameters as JSON; PyTorch's defaults except betas and weight decay.
 */
import { Static, Type } from "@sinclair/typebox";
import { Defaulted, Resolved } from "../config/Resolved";

/** AdamW hyper-parameters as JSON (schema: type, validation and defaults); PyTorch's defaults except betas and weight decay. */
export const OptimizerConfigSchema = Type.Object(
  {
    lr: Defaulted(Type.Number({ minimum: 0, default: 1e-3, description: "Learning rate (before any schedule)." })),
    beta1: Defaulted(Type.Number({ minimum: 0, exclusiveMaximum: 1, default: 0.9, description: "β1." })),
    beta2: Defaulted(
      Type.Number({ minimum: 0, exclusiveMaximum: 1, default: 0.98, description: "β2 (Power et al., Nanda et al.; PyTorch's default is 0.999)." }),
    ),
    eps: Defaulted(Type.Number({ minimum: 0, default: 1e-8, description: "ε added to the denominator." })),
    weightDecay: Defaulted(
      Type.Number({ minimum: 0, default: 1, description: "Decoupled weight decay (the grokking papers' 1; PyTorch's default is 0.01)." }),
    ),
    decay: Defaulted(
      Type.Union([Type.Literal("all"), Type.Literal("matrices")], {
        default: "all",
        description: '"all" parameters are decayed (PyTorch\'s AdamW over model.parameters()), or "matrices" and embeddings only (nanoGPT\'s habit).',
      }),
    ),
  },
  { additionalProperties: false },
);
export type OptimizerConfig = Static<typeof OptimizerConfigSchema>;
/** OptimizerConfig as `resolve` returns it: every default filled in. */
export type ResolvedOptimizerConfig = Resolved<typeof OptimizerConfigSchema>;
