/**
 * How to train: steps, batch, optimizer, schedule, stop rules and the interventions.
 */
import { Static, Type } from "@sinclair/typebox";
import { Defaulted, Resolved } from "../config/Resolved";
import { SeedSchema } from "./Seed";
import { OptimizerConfigSchema } from "./OptimizerConfig";
import { EvaluationScheduleSchema } from "./EvaluationSchedule";
import { GradientFilterConfigSchema } from "./GradientFilterConfig";
import { MuonConfigSchema } from "./MuonConfig";

export const LossSchema = Type.Union([Type.Literal("softmax"), Type.Literal("stablemax")], {
  default: "softmax",
  description: '"softmax" cross-entropy or "stablemax" (Prieto et al. 2025).',
});
export type LossKind = Static<typeof LossSchema>;

/** How to train (schema: type, validation and defaults). Every field but `steps` has a default. */
export const TrainConfigSchema = Type.Object(
  {
    steps: Type.Integer({ minimum: 1, description: "Optimizer updates to run in total, at least one (a resumed run counts the steps already done)." }),
    batchSize: Defaulted(
      Type.Union([Type.Literal("full"), Type.Literal("power"), Type.Integer({ minimum: 1 })], {
        default: "full",
        description: '"full", or the minibatch size; "power" is Power et al.\'s min(512, ⌈N/2⌉).',
      }),
    ),
    optimizer: Defaulted(Type.Object(OptimizerConfigSchema.properties, { additionalProperties: false, default: {}, description: "AdamW settings." })),
    warmupSteps: Defaulted(
      Type.Integer({ minimum: 0, default: 0, description: "Linear warmup: the lr of update t (0-based) is lr·min(t/warmupSteps, 1); 0 is none." }),
    ),
    evaluation: Defaulted(
      Type.Object(EvaluationScheduleSchema.properties, { additionalProperties: false, default: {}, description: "When to evaluate: every 100 steps plus 10 log-spaced points a decade." }),
    ),
    stopAtValAccuracy: Type.Optional(
      Type.Object(
        {
          valAccuracy: Type.Number({ minimum: 0, maximum: 1, description: "Validation accuracy to reach." }),
          patience: Defaulted(Type.Integer({ minimum: 1, default: 1, description: "Evaluations in a row at or above it." })),
        },
        { additionalProperties: false, description: "Stop once validation accuracy ≥ valAccuracy for `patience` evaluations in a row. Default: never." },
      ),
    ),
    maxSeconds: Type.Optional(Type.Number({ minimum: 0, description: "Stop after this many seconds of training. Default: no limit." })),
    seed: Defaulted(SeedSchema("Seed of minibatch sampling and noise.")),
    yieldEveryMs: Defaulted(Type.Integer({ minimum: 0, default: 200, description: "Give the event loop a turn at least this often (ms), so displays update." })),
    loss: Defaulted(LossSchema),
    gradientFilter: Type.Optional(GradientFilterConfigSchema),
    orthogonalGrad: Defaulted(
      Type.Boolean({ default: false, description: "⊥Grad: drop the gradient component along each parameter (Prieto et al. 2025)." }),
    ),
    muon: Type.Optional(MuonConfigSchema),
    outputScale: Defaulted(
      Type.Number({
        exclusiveMinimum: 0,
        default: 1,
        description: "α: the loss is computed on α·logits (Kumar et al. 2023, arXiv 2310.06110: a large α trains lazily, a small one richly). 1 is the plain model.",
      }),
    ),
    fixedWeightNorm: Type.Optional(
      Type.Number({
        exclusiveMinimum: 0,
        description: "Omnigrok (Liu et al. 2022): after every update the parameters are scaled together to this L2 norm (as LogRecord.weightNorm counts it). Default: unconstrained.",
      }),
    ),
    noise: Type.Optional(
      Type.Object(
        {
          on: Type.Union([Type.Literal("gradients"), Type.Literal("weights")]),
          std: Type.Number({ minimum: 0 }),
        },
        { additionalProperties: false, description: "Gaussian noise N(0, std²) added to the gradients before the update, or to the weights after it." },
      ),
    ),
  },
  { additionalProperties: false },
);
export type TrainConfig = Static<typeof TrainConfigSchema>;
/** TrainConfig as `resolve` returns it: every default filled in. */
export type ResolvedTrainConfig = Resolved<typeof TrainConfigSchema>;
