/**
 * A config is resolved once, where it enters the library: checked against its schema (every wrong
 * field named), completed with every default, and frozen. What `resolve` returns (and every object
 * inside it) is remembered as resolved for its schema, so a function below that receives it, or a
 * part of it, takes it as it is instead of checking it again.
 */
import { Kind, TSchema } from "@sinclair/typebox";
import { validateConfig, validateOptions } from "./validateConfig";
import { withDefaults } from "./withDefaults";
import { Resolved } from "./Resolved";

/** Resolved objects, each with the `properties` of the object schema it was resolved for. */
const resolvedFor = new WeakMap<object, object>();
const listeners = new Set<(owner: string) => void>();

/** The member of a `kind`-tagged union that a value belongs to, or the schema itself. */
function shapeOf(schema: TSchema, value: unknown): TSchema | undefined {
  if (schema[Kind] === "Union" && value && typeof value === "object") {
    const kind = (value as { kind?: unknown }).kind;
    return (schema.anyOf as TSchema[]).find((m) => m.properties?.kind?.const === kind);
  }
  return schema[Kind] === "Object" ? schema : undefined;
}

/** Remembers `value` and each object inside it as resolved for its part of `schema`, and freezes them. */
function remember(schema: TSchema, value: unknown): void {
  if (!value || typeof value !== "object") return;
  if (Array.isArray(value)) {
    if (schema.items) value.forEach((item) => remember(schema.items as TSchema, item));
  } else {
    const shape = shapeOf(schema, value);
    if (!shape) return;
    resolvedFor.set(value, shape.properties);
    for (const [name, prop] of Object.entries(shape.properties as Record<string, TSchema>)) remember(prop, (value as Record<string, unknown>)[name]);
  }
  Object.freeze(value);
}

/** True when `value` came out of `resolve` for `schema` (or is a part of such a value that `schema` describes). */
export function isResolved(schema: TSchema, value: unknown): boolean {
  if (!value || typeof value !== "object") return false;
  const shape = shapeOf(schema, value);
  return shape !== undefined && resolvedFor.get(value) === shape.properties;
}

/**
 * `input` checked against `schema` (errors name `owner` and each wrong field), completed with its
 * defaults, refined by `refine` (cross-field rules that may complete or refuse it), then frozen.
 * A value already resolved for `schema` is returned as it is, without a second check.
 * @example
 * const train = resolve(TrainConfigSchema, { steps: 100 }, "train");
 * train.optimizer.lr; // 0.001
 * resolve(TrainConfigSchema, train, "train") === train; // true
 */
export function resolve<T extends TSchema, R = Resolved<T>>(schema: T, input: unknown, owner: string, refine?: (config: R) => void): R {
  if (isResolved(schema, input)) return input as R;
  for (const listener of listeners) listener(owner);
  const config = withDefaults(schema, validateConfig(schema, input, owner)) as R;
  refine?.(config);
  remember(schema, config);
  return config;
}

/**
 * Marks a value derived from a resolved config (e.g. a model spec without its `kind`) as resolved
 * for `schema`, without a check: for code below the entry points that builds it from parts already checked.
 */
export function alreadyResolved<T extends TSchema, R = Resolved<T>>(schema: T, value: R): R {
  remember(schema, value);
  return value;
}

/**
 * Calls `listener(owner)` each time a config is checked (not when a resolved one passes through);
 * returns the function that stops it. Tests use it to count checks per public call.
 */
export function onResolve(listener: (owner: string) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * A function's options checked against their schema (validateOptions: unknown options and values
 * out of range named) and completed with the schema's defaults: the defaults live in the schema
 * only. Options are not configs: nothing is frozen, remembered or counted.
 * @example
 * const { epsilon } = resolveOptions(SharpnessOptionsSchema, {}, "sharpness"); // 0.001
 */
export function resolveOptions<T extends TSchema, R = Resolved<T>>(schema: T, options: unknown, owner: string): R {
  return withDefaults(schema, validateOptions(schema, options, owner)) as R;
}
