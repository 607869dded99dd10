/**
 * Shape and initialisation of the embedding MLP.
 */
import { Static, Type } from "@sinclair/typebox";
import { Defaulted, Resolved } from "../config/Resolved";
import { SeedSchema } from "./Seed";
import { StructuredInitSchema } from "./StructuredInit";
import { EmbeddingKindSchema } from "./EmbeddingKind";

/** Shape and initialisation of the MLP (schema: type, validation and defaults). */
export const EmbeddingMLPConfigSchema = Type.Object(
  {
    numClasses: Type.Integer({ minimum: 1, description: "Number of residues p: input tokens and output classes." }),
    width: Defaulted(Type.Integer({ minimum: 1, default: 512, description: "Hidden width (embedding size)." })),
    activation: Defaulted(
      Type.Union([Type.Literal("relu"), Type.Literal("quadratic")], { default: "relu", description: '"relu" or "quadratic" (x², Gromov 2023).' }),
    ),
    seed: Defaulted(SeedSchema("Seed of the initialisation.")),
    embedScale: Defaulted(
      Type.Number({ exclusiveMinimum: 0, default: 1, description: "Standard deviation of the embeddings' N(0, σ²) init (torch.nn.Embedding: 1)." }),
    ),
    init: Defaulted(StructuredInitSchema),
    embedding: Defaulted(EmbeddingKindSchema),
  },
  { additionalProperties: false },
);
export type EmbeddingMLPConfig = Static<typeof EmbeddingMLPConfigSchema>;
/** EmbeddingMLPConfig as `resolve` returns it: every default filled in. */
export type ResolvedEmbeddingMLPConfig = Resolved<typeof EmbeddingMLPConfigSchema>;
export type Activation = NonNullable<EmbeddingMLPConfig["activation"]>;
