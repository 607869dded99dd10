/**
 * Defaults live in the schemas (`default` of each optional field), once: constructors read them
 * with `defaultsOf`, and `withDefaults` fills them into a validated config, so a run folder's
 * config.json holds every value the run used.
 */
import { Kind, TSchema } from "@sinclair/typebox";

/** The `default` of each property of an object schema that has one. */
export function defaultsOf(schema: TSchema): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, prop] of Object.entries((schema.properties ?? {}) as Record<string, TSchema>)) {
    if (prop.default !== undefined) out[name] = structuredClone(prop.default);
  }
  return out;
}

/** The member of a `kind`-tagged union that matches the value's kind, if any. */
function memberFor(schema: TSchema, value: unknown): TSchema | undefined {
  if (schema[Kind] !== "Union" || !value || typeof value !== "object") return undefined;
  const kind = (value as { kind?: unknown }).kind;
  return (schema.anyOf as TSchema[]).find((m) => m.properties?.kind?.const === kind);
}

/**
 * A copy of `value` (already valid for `schema`) with every missing defaulted field filled in,
 * recursively through objects and kind-tagged unions.
 * @example
 * withDefaults(TrainConfigSchema, { steps: 10 }); // { steps: 10, batchSize: "full", optimizer: { lr: 0.001, … }, … }
 */
export function withDefaults<T>(schema: TSchema, value: T): T {
  const member = memberFor(schema, value);
  if (member) return withDefaults(member, value);
  if (schema[Kind] !== "Object" || !value || typeof value !== "object" || Array.isArray(value)) return structuredClone(value);
  const out: Record<string, unknown> = { ...defaultsOf(schema), ...(value as Record<string, unknown>) };
  for (const [name, prop] of Object.entries(schema.properties as Record<string, TSchema>)) {
    if (out[name] !== undefined) out[name] = withDefaults(prop, out[name]);
  }
  return out as T;
}
