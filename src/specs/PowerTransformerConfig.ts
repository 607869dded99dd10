/**
 * Sizes of Power et al.'s 2-layer transformer; defaults are the paper's.
 */
import { Static, Type } from "@sinclair/typebox";
import { Defaulted, Resolved } from "../config/Resolved";
import { SeedSchema } from "./Seed";

/** Sizes of Power et al.'s model (schema: type, validation and defaults); defaults are the paper's. */
export const PowerTransformerConfigSchema = Type.Object(
  {
    numClasses: Type.Integer({ minimum: 1, description: "Number of element tokens n (p, or 120 for S5)." }),
    layers: Defaulted(Type.Integer({ minimum: 1, default: 2, description: "Layers." })),
    dModel: Defaulted(Type.Integer({ minimum: 1, default: 128, description: "Residual width." })),
    heads: Defaulted(Type.Integer({ minimum: 1, default: 4, description: "Attention heads (of dModel / heads = 32); must divide dModel." })),
    dFF: Defaulted(Type.Integer({ minimum: 1, default: 512, description: "FFN width." })),
    seed: Defaulted(SeedSchema("Seed of the initialisation.")),
  },
  { additionalProperties: false },
);
export type PowerTransformerConfig = Static<typeof PowerTransformerConfigSchema>;
/** PowerTransformerConfig as `resolve` returns it: every default filled in. */
export type ResolvedPowerTransformerConfig = Resolved<typeof PowerTransformerConfigSchema>;
