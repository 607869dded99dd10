/**
 * Sizes of Nanda et al.'s 1-layer transformer; defaults are the paper's.
 */
import { Static, Type } from "@sinclair/typebox";
import { Defaulted, Resolved } from "../config/Resolved";
import { SeedSchema } from "./Seed";

/** Sizes of Nanda et al.'s model (schema: type, validation and defaults); defaults are the paper's. */
export const NandaTransformerConfigSchema = Type.Object(
  {
    numClasses: Type.Integer({ minimum: 1, description: "Number of residues p (113 in the paper)." }),
    dModel: Defaulted(Type.Integer({ minimum: 1, default: 128, description: "Residual width." })),
    heads: Defaulted(Type.Integer({ minimum: 1, default: 4, description: "Attention heads; must divide dModel." })),
    dHead: Type.Optional(Type.Integer({ minimum: 1, description: "Width of each head. Default dModel / heads (32)." })),
    dMlp: Defaulted(Type.Integer({ minimum: 1, default: 512, description: "MLP width." })),
    seed: Defaulted(SeedSchema("Seed of the initialisation.")),
  },
  { additionalProperties: false },
);
export type NandaTransformerConfig = Static<typeof NandaTransformerConfigSchema>;
/** NandaTransformerConfig as `resolve` returns it: every default filled in. */
export type ResolvedNandaTransformerConfig = Resolved<typeof NandaTransformerConfigSchema>;
