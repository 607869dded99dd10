/**
 * Which Grokfast gradient filter (Lee et al. 2024), with its settings.
 */
import { Static, Type } from "@sinclair/typebox";
import { Defaulted, Resolved } from "../config/Resolved";

/** Which filter, with its settings (schema: type, validation and defaults). */
export const GradientFilterConfigSchema = Type.Union([
  Type.Object(
    {
      kind: Type.Literal("ema"),
      alpha: Defaulted(Type.Number({ minimum: 0, exclusiveMaximum: 1, default: 0.98, description: "EMA momentum α, in [0, 1)." })),
      lambda: Defaulted(Type.Number({ default: 2, description: "Amplification λ of the slow gradient." })),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      kind: Type.Literal("ma"),
      window: Defaulted(Type.Integer({ minimum: 1, maximum: 9999, default: 100, description: "Window w of the moving average, in [1, 9999]." })),
      lambda: Defaulted(Type.Number({ default: 5, description: "Amplification λ of the slow gradient." })),
    },
    { additionalProperties: false },
  ),
]);
export type GradientFilterConfig = Static<typeof GradientFilterConfigSchema>;
/** GradientFilterConfig as `resolve` returns it: every default filled in. */
export type ResolvedGradientFilterConfig = Resolved<typeof GradientFilterConfigSchema>;
