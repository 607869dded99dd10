/**
 * A sweep: a base experiment and the runs made from it, either a grid (lists of values for any
 * config paths, every combination) or an explicit list of overrides, or both (the list for each
 * grid point). Validated with the same schemas: each run's config must be a valid experiment.
 */
import { Static, Type } from "@sinclair/typebox";
import { Defaulted, Resolved } from "../config/Resolved";

export const SweepConfigSchema = Type.Object(
  {
    base: Type.Record(Type.String(), Type.Unknown(), {
      description: "An experiment config without run.dir (each run's folder is OUT/runs/<name>).",
    }),
    grid: Type.Optional(
      Type.Record(Type.String({ pattern: "^[A-Za-z][A-Za-z0-9]*(\\.[A-Za-z][A-Za-z0-9]*)*$" }), Type.Array(Type.Unknown(), { minItems: 1 }), {
        description: 'Lists of values by dotted config path, e.g. { "train.optimizer.weightDecay": [0, 1], "data.seed": [0, 1, 2] }; every combination runs, the first path varying slowest.',
      }),
    ),
    configs: Type.Optional(
      Type.Array(Type.Record(Type.String(), Type.Unknown()), {
        minItems: 1,
        description: "Explicit overrides merged onto base (a `name` field names the run).",
      }),
    ),
    retries: Defaulted(
      Type.Integer({ minimum: 0, default: 2, description: "How often a run whose worker died (killed, crashed) is started again before it counts as failed." }),
    ),
  },
  { additionalProperties: false },
);
export type SweepConfig = Static<typeof SweepConfigSchema>;
/** SweepConfig as `resolve` returns it: every default filled in. */
export type ResolvedSweepConfig = Resolved<typeof SweepConfigSchema>;
