/**
 * Checks a JSON-like value against a TypeBox schema and fails with every wrong field at once:
 * its dotted path, what was expected and what was received. Nothing is coerced: a string where a
 * number belongs is an error, never a number. Unions whose members carry a literal `kind` are
 * checked against the member of that kind, so the message names the field inside it.
 */
import { Kind, TSchema } from "@sinclair/typebox";
import { Value } from "@sinclair/typebox/value";

/** "/train/optimizer/lr" → "train.optimizer.lr"; "/grid/0" → "grid[0]". */
export function dottedPath(pointer: string, prefix = ""): string {
  const parts = pointer.split("/").slice(1).map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  let out = prefix;
  for (const p of parts) out += /^\d+$/.test(p) ? `[${p}]` : out === "" ? p : `.${p}`;
  return out;
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "number" && !Number.isFinite(value)) return `${value} (a number)`;
  const json = JSON.stringify(value);
  const shown = json === undefined ? String(value) : json.length > 60 ? `${json.slice(0, 57)}...` : json;
  const kind = value === null ? "null" : Array.isArray(value) ? "an array" : `a ${typeof value}`;
  return `${shown} (${kind})`;
}

/** What a schema accepts, in words: "full", an integer ≥ 1, a string, … */
function expectation(schema: TSchema): string {
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  const kind = schema[Kind];
  if (kind === "Union") return (schema.anyOf as TSchema[]).map(expectation).join(", ");
  if (kind === "Integer" || kind === "Number") {
    const bounds = [
      schema.minimum !== undefined ? `≥ ${schema.minimum}` : "",
      schema.exclusiveMinimum !== undefined ? `> ${schema.exclusiveMinimum}` : "",
      schema.maximum !== undefined ? `≤ ${schema.maximum}` : "",
      schema.exclusiveMaximum !== undefined ? `< ${schema.exclusiveMaximum}` : "",
    ].filter(Boolean);
    return `${kind === "Integer" ? "an integer" : "a number"}${bounds.length ? ` ${bounds.join(" and ")}` : ""}`;
  }
  return `a ${String(kind).toLowerCase()}`;
}

/** The literal `kind` values of a union's object members, when every member has one. */
function kindsOf(schema: TSchema): Map<string, TSchema> | null {
  if (schema[Kind] !== "Union") return null;
  const byKind = new Map<string, TSchema>();
  for (const member of schema.anyOf as TSchema[]) {
    const k = member.properties?.kind?.const;
    if (typeof k !== "string") return null;
    byKind.set(k, member);
  }
  return byKind;
}

/** The schema found at a JSON pointer of `schema`, following object properties only. */
function schemaAt(schema: TSchema, pointer: string): TSchema | undefined {
  let s: TSchema | undefined = schema;
  for (const part of pointer.split("/").slice(1)) s = s?.properties?.[part] ?? s?.items;
  return s;
}

/** " (expected one of steps, batchSize, …; did you mean steps?)" for an unknown field at `pointer`. */
function knownFields(schema: TSchema, pointer: string): string {
  const parts = pointer.split("/");
  const name = parts.pop() ?? "";
  const parent = schemaAt(schema, parts.join("/"));
  const known = Object.keys(parent?.properties ?? {});
  if (known.length === 0) return "";
  const near = known.filter((k) => editDistance(k.toLowerCase(), name.toLowerCase()) <= Math.max(1, Math.floor(name.length / 4)) || k.toLowerCase().startsWith(name.toLowerCase()));
  return ` (expected one of ${known.join(", ")}${near.length ? `; did you mean ${near.join(" or ")}?` : ""})`;
}

/** Edit distance of two short strings: insertions, deletions, substitutions and swaps of neighbours ("titel" → "title": 1). */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

function messages(schema: TSchema, value: unknown, prefix: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const e of Value.Errors(schema, value)) {
    if (seen.has(e.path)) continue;
    seen.add(e.path);
    const here = schemaAt(schema, e.path);
    const kinds = here ? kindsOf(here) : null;
    const at = dottedPath(e.path, prefix);
    if (kinds && e.value && typeof e.value === "object" && !Array.isArray(e.value)) {
      const kind = (e.value as { kind?: unknown }).kind;
      const member = typeof kind === "string" ? kinds.get(kind) : undefined;
      if (member) {
        out.push(...messages(member, e.value, at));
        continue;
      }
      const expected = [...kinds.keys()].map((k) => `"${k}"`).join(", ");
      out.push(`${at === "" ? "" : `${at}.`}kind: expected one of ${expected}; received ${describe(kind)}`);
      continue;
    }
    if (here && here[Kind] === "Union") {
      out.push(`${at === "" ? "(the whole config)" : at}: expected one of ${expectation(here)}; received ${describe(e.value)}`);
      continue;
    }
    const hint = here?.errorHint ? ` (${here.errorHint})` : /unexpected property/i.test(e.message) ? knownFields(schema, e.path) : "";
    out.push(`${at === "" ? "(the whole config)" : at}: ${e.message.replace(/^[A-Z]/, (c) => c.toLowerCase())}${hint}; received ${describe(e.value)}`);
  }
  return out;
}

/**
 * Returns `value` typed by the schema, or throws `owner: …` listing each wrong field.
 * @example
 * validateConfig(TrainConfigSchema, { steps: "10" }, "train");
 * // Error: train: invalid config:
 * //   steps: expected integer; received "10" (a string)
 */
export function validateConfig<T extends TSchema>(schema: T, value: unknown, owner: string, prefix = "", what = "config"): import("@sinclair/typebox").Static<T> {
  const errors = messages(schema, value, prefix);
  if (errors.length === 0) return value as import("@sinclair/typebox").Static<T>;
  const shown = errors.slice(0, 12);
  const more = errors.length > shown.length ? `\n  … and ${errors.length - shown.length} more` : "";
  throw new Error(`${owner}: invalid ${what}:\n  ${shown.join("\n  ")}${more}`);
}

/**
 * A function's options object checked against its schema: unknown options, strings where numbers
 * belong and values out of range are refused, each named.
 * @example
 * validateOptions(SharpnessOptionsSchema, { iterations: 0 }, "sharpness");
 * // Error: sharpness: invalid options:
 * //   iterations: expected integer to be greater or equal to 1; received 0 (a number)
 */
export function validateOptions<T extends TSchema>(schema: T, value: unknown, owner: string): import("@sinclair/typebox").Static<T> {
  return validateConfig(schema, value ?? {}, owner, "", "options");
}
