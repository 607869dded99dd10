/**
 * The schema of an options object known by its names only (a figure's title, keys, …): with
 * validateOptions, an unknown or misspelt option is refused with the known ones and the nearest,
 * where it was silently ignored; the values are the function's own to check.
 */
import { TObject, TOptional, TUnknown, Type } from "@sinclair/typebox";

/**
 * @example
 * const OPTIONS = optionsOf("title", "keys");
 * validateOptions(OPTIONS, { titel: "x" }, "fourierSpectrum"); // titel: unexpected property (expected one of title, keys; did you mean title?)
 */
export function optionsOf(...names: string[]): TObject<Record<string, TOptional<TUnknown>>> {
  return Type.Object(Object.fromEntries(names.map((n) => [n, Type.Optional(Type.Unknown())])), { additionalProperties: false });
}
