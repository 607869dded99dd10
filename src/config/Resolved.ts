/**
 * Defaults in the types as well as in the schemas: a field declared with `Defaulted(...)` is
 * optional in what a user writes (`Static<S>`) and present in what `resolve` returns
 * (`Resolved<S>`), so code below the public entry points reads `config.lr`, never `config.lr!`.
 */
import { Static, TArray, TObject, TOptional, TSchema, TUnion, Type } from "@sinclair/typebox";

declare const DefaultedTag: unique symbol;

/** An optional field whose schema carries a `default` (a type-level mark; nothing extra at run time). */
export type TDefaulted<T extends TSchema> = TOptional<T> & { readonly [DefaultedTag]: true };

/**
 * Marks an optional field that `resolve` always fills: `schema` must carry its `default`.
 * @example
 * const S = Type.Object({ lr: Defaulted(Type.Number({ default: 1e-3 })) });
 * type In = Static<typeof S>;    // { lr?: number }
 * type Out = Resolved<typeof S>; // { lr: number }
 */
export function Defaulted<T extends TSchema>(schema: T): TDefaulted<T> {
  if (schema.default === undefined) throw new Error(`Defaulted: the schema ${JSON.stringify(schema)} has no default`);
  return Type.Optional(schema) as TDefaulted<T>;
}

type Flatten<T> = { [K in keyof T]: T[K] } & {};
type RequiredKeys<P> = { [K in keyof P]: P[K] extends TOptional<TSchema> ? (P[K] extends { readonly [DefaultedTag]: true } ? K : never) : K }[keyof P];
type OptionalKeys<P> = Exclude<keyof P, RequiredKeys<P>>;
type ResolvedMembers<M extends TSchema[]> = { [I in keyof M]: M[I] extends TSchema ? Resolved<M[I]> : never }[number];

/** The value `resolve(schema, input)` returns: the schema's type with every defaulted field present. */
export type Resolved<T extends TSchema> =
  T extends TObject<infer P>
    ? Flatten<{ [K in RequiredKeys<P>]: Resolved<P[K]> } & { [K in OptionalKeys<P>]?: Resolved<P[K]> }>
    : T extends TUnion<infer M>
      ? ResolvedMembers<M>
      : T extends TArray<infer I>
        ? Resolved<I>[]
        : Static<T>;
