/**
 * Where a run is written and how often it checkpoints.
 */
import { Static, Type } from "@sinclair/typebox";
import { Defaulted, Resolved } from "../config/Resolved";

/** Where a run is written and how often it checkpoints (schema: type, validation and defaults). */
export const RunConfigSchema = Type.Object(
  {
    dir: Type.String({ minLength: 1, description: "The run folder (created if missing)." }),
    checkpointsPerDecade: Defaulted(
      Type.Integer({ minimum: 0, default: 3, description: "Checkpoints at this many log-spaced steps a decade (3: 1, 2, 5, 10, 22, 46, …), and at the end." }),
    ),
    checkpointEveryMinutes: Defaulted(
      Type.Number({ exclusiveMinimum: 0, default: 10, description: "Also checkpoint when this many minutes passed since the last one." }),
    ),
    checkpointEvery: Defaulted(
      Type.Integer({ minimum: 0, default: 0, description: "Also checkpoint at every multiple of this many steps that is evaluated (for analyses over training); 0 is none." }),
    ),
  },
  { additionalProperties: false },
);
export type RunConfig = Static<typeof RunConfigSchema>;
/** RunConfig as `resolve` returns it: every default filled in. */
export type ResolvedRunConfig = Resolved<typeof RunConfigSchema>;
