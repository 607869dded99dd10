/**
 * Whether a structure measure (circularity, a share of single-frequency neurons, …) counts as
 * present: at least `floor`, and at least `factor` times the larger of its controls (initial
 * weights, a null model; a control below 0.01 counts as 0.01, a missing one as 0). The rule the
 * claims ledger and the notebooks' "paper vs measured" tables read structure by: a structure that
 * random weights show too is no evidence.
 */
import { Static, Type } from "@sinclair/typebox";
import { resolveOptions } from "../../config/resolve";
import { Defaulted } from "../../config/Resolved";

/** What aboveControls accepts. */
export const AboveControlsOptionsSchema = Type.Object(
  {
    factor: Defaulted(Type.Number({ minimum: 1, default: 3, description: "How many times the larger control." })),
    floor: Defaulted(Type.Number({ default: 0.2, description: "The least value that counts." })),
  },
  { additionalProperties: false },
);

export type AboveControlsOptions = Static<typeof AboveControlsOptionsSchema>;

/**
 * @example
 * aboveControls(0.88, [0.0, 0.01]); // true
 * aboveControls(0.06, [0.0, 0.01]); // false: below the floor
 */
export function aboveControls(trained: number | null, controls: (number | null)[], options: AboveControlsOptions = {}): boolean {
  const { factor, floor } = resolveOptions(AboveControlsOptionsSchema, options, "aboveControls");
  if (trained === null || !Number.isFinite(trained)) return false;
  const control = Math.max(0.01, ...controls.map((c) => (c === null || !Number.isFinite(c) ? 0 : c)));
  return trained >= floor && trained >= factor * control;
}
