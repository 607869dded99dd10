/**
 * What dataset to build: operation, modulus, split, label noise and an optional relabelling of the
 * tokens (defaults are Power et al.'s).
 */
import { Static, TLiteral, Type } from "@sinclair/typebox";
import { Defaulted, Resolved } from "../config/Resolved";
import { SeedSchema } from "./Seed";
import { MODULAR_OPERATIONS, Operation, PERMUTATION_OPERATIONS } from "./Operation";

const OPERATIONS = [...MODULAR_OPERATIONS, ...PERMUTATION_OPERATIONS] as Operation[];

/** What to build: the schema of a dataset config (TypeScript type, validation and defaults). Defaults are Power et al.'s. */
export const DatasetConfigSchema = Type.Object(
  {
    operation: Type.Union(OPERATIONS.map((o) => Type.Literal(o)) as TLiteral<Operation>[], {
      description: "One of MODULAR_OPERATIONS or PERMUTATION_OPERATIONS.",
    }),
    p: Defaulted(
      Type.Integer({ minimum: 2, maximum: 46340, default: 97, description: "Modulus for the modular operations (prime for division); ignored for S5." }),
    ),
    trainFraction: Defaulted(
      Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 1, default: 0.5, description: "Share of all pairs used for training, in (0, 1)." }),
    ),
    seed: Defaulted(SeedSchema("Seed of the split and of the label noise.")),
    relabel: Defaulted(
      Type.Union([Type.Null(), SeedSchema("")], {
        default: null,
        description:
          "null, or the seed of a fixed random permutation π of the element tokens applied to inputs and answers alike (x ∘ y = z becomes π(x) ∘ π(y) = π(z)): the same task with its tokens out of residue order, so a structure measured over token order (a circle, key frequencies) has nothing to find. The control that can fail.",
      }),
    ),
    labelNoise: Defaulted(
      Type.Number({ minimum: 0, exclusiveMaximum: 1, default: 0, description: "Share of training labels replaced by a random wrong class, in [0, 1)." }),
    ),
  },
  { additionalProperties: false },
);
export type DatasetConfig = Static<typeof DatasetConfigSchema>;
/** DatasetConfig as `resolve` returns it: every default filled in. */
export type ResolvedDatasetConfig = Resolved<typeof DatasetConfigSchema>;
