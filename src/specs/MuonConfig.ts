/**
 * Muon's settings (train.muon); AdamW's (train.optimizer) drive the other parameters.
 */
import { Static, Type } from "@sinclair/typebox";
import { Defaulted, Resolved } from "../config/Resolved";

/** Muon's settings (train.muon); AdamW's (train.optimizer) drive the other parameters. */
export const MuonConfigSchema = Type.Object(
  {
    lr: Defaulted(Type.Number({ minimum: 0, default: 0.02, description: "Learning rate of the Muon parameters (Jordan et al.'s 0.02)." })),
    momentum: Defaulted(Type.Number({ minimum: 0, exclusiveMaximum: 1, default: 0.95, description: "μ." })),
    nesterov: Defaulted(Type.Boolean({ default: true, description: "Nesterov momentum (U = G + μ·M)." })),
    steps: Defaulted(Type.Integer({ minimum: 1, default: 5, description: "Newton–Schulz iterations." })),
    weightDecay: Type.Optional(Type.Number({ minimum: 0, description: "Decoupled weight decay of the Muon parameters. Default: AdamW's (train.optimizer.weightDecay)." })),
  },
  { additionalProperties: false, description: "Muon for the hidden weight matrices (all but embeddings and unembedding), AdamW for the rest." },
);
export type MuonConfig = Static<typeof MuonConfigSchema>;
/** MuonConfig as `resolve` returns it: every default filled in. */
export type ResolvedMuonConfig = Resolved<typeof MuonConfigSchema>;
