/**
 * How the MLP's operand embeddings are parameterised: a free table or K learnable circles.
 */
import { Static, Type } from "@sinclair/typebox";
import { Defaulted, Resolved } from "../config/Resolved";

export const EmbeddingKindSchema = Type.Union(
  [
    Type.Object({ kind: Type.Literal("table", { description: "A free [p, width] table per operand (the default)." }) }, { additionalProperties: false }),
    Type.Object(
      {
        kind: Type.Literal("circle"),
        circles: Defaulted(Type.Integer({ minimum: 1, default: 8, description: "K: circles per operand embedding." })),
      },
      { additionalProperties: false },
    ),
  ],
  {
    default: { kind: "table" },
    description: 'How each operand\'s embedding is parameterised: a free table, or "circle": residue x at cos/sin(2π f_k x / p + φ_k) of K learnable frequencies and phases, mixed into the width by a learnable [2K, width] basis.',
  },
);
export type EmbeddingKind = Static<typeof EmbeddingKindSchema>;
/** EmbeddingKind as `resolve` returns it: every default filled in. */
export type ResolvedEmbeddingKind = Resolved<typeof EmbeddingKindSchema>;
