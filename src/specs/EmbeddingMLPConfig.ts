/**
 * Shape and initialisation of the embedding MLP.
 */
import { Static, Type } from "@sinclair/typebox";
import { SeedSchema } from "./Seed";
import { StructuredInitSchema } from "./StructuredInit";
import { EmbeddingKindSchema } from "./EmbeddingKind";

/** Shape and initialisation of the MLP (schema: type, validation and defaults). */
export const EmbeddingMLPConfigSchema = Type.Object(
  {
    numClasses: Type.Integer({ minimum: 1, description: "Number of residues p: input tokens and output classes." }),
    width: Type.Optional(Type.Integer({ minimum: 1, default: 512, description: "Hidden width (embedding size)." })),
    activation: Type.Optional(
      Type.Union([Type.Literal("relu"), Type.Literal("quadratic")], { default: "relu", description: '"relu" or "quadratic" (x², Gromov 2023).' }),
    ),
    seed: Type.Optional(SeedSchema("Seed of the initialisation.")),
    embedScale: Type.Optional(
      Type.Number({ exclusiveMinimum: 0, default: 1, description: "Standard deviation of the embeddings' N(0, σ²) init (torch.nn.Embedding: 1)." }),
    ),
    init: Type.Optional(StructuredInitSchema),
    embedding: Type.Optional(EmbeddingKindSchema),
  },
  { additionalProperties: false },
);
export type EmbeddingMLPConfig = Static<typeof EmbeddingMLPConfigSchema>;
export type Activation = NonNullable<EmbeddingMLPConfig["activation"]>;
