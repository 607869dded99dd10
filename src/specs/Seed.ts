/**
 * Seeds: the generator's 32-bit state, and the schema of a seed field.
 */
import { Type } from "@sinclair/typebox";

/** Seeds are the generator's 32-bit state: integers in [0, 2³² − 1]; larger or negative ones would alias others. */
export const MAX_SEED = 2 ** 32 - 1;

/** The schema of a seed field (default 0), for configs. */
export function SeedSchema(description: string) {
  return Type.Integer({ minimum: 0, maximum: MAX_SEED, default: 0, description, errorHint: `a seed is an integer in [0, ${MAX_SEED}], the generator's 32-bit state` });
}
