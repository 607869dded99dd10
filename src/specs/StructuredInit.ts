/**
 * How the embedding MLP is initialised: PyTorch's random defaults, near the Fourier geometry, or blended with Gromov's solution.
 */
import { Static, Type } from "@sinclair/typebox";
import { Defaulted, Resolved } from "../config/Resolved";

export const StructuredInitSchema = Type.Union(
  [
    Type.Object({ kind: Type.Literal("random", { description: "PyTorch's defaults (the default)." }) }, { additionalProperties: false }),
    Type.Object(
      {
        kind: Type.Literal("fourier"),
        frequencies: Type.Union([Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1 }), Type.Integer({ minimum: 1 })], {
          description: "Frequencies in [1, (p−1)/2], cycled over the hidden units; or how many, drawn at random from the seed (no knowledge of the key frequencies).",
        }),
        noise: Defaulted(Type.Number({ minimum: 0, default: 0.1, description: "Standard deviation of the Gaussian noise added to every entry." })),
      },
      { additionalProperties: false },
    ),
    Type.Object(
      {
        kind: Type.Literal("gromov"),
        blend: Type.Number({ minimum: 0, maximum: 1, description: "Share of Gromov's solution: 0 is the random init, 1 the solution." }),
      },
      { additionalProperties: false },
    ),
  ],
  { default: { kind: "random" }, description: "Initialisation: PyTorch's random defaults, embeddings near the Fourier geometry, or a blend with Gromov's solution." },
);
export type StructuredInit = Static<typeof StructuredInitSchema>;
/** StructuredInit as `resolve` returns it: every default filled in. */
export type ResolvedStructuredInit = Resolved<typeof StructuredInitSchema>;
