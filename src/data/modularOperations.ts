/**
 * The binary operations on Z_p of Power et al. 2022 (arXiv 2201.02177, Appendix A.1.1).
 *
 * Each operation maps a pair (x, y), x, y in [0, p), to c in [0, p). Division is x·y⁻¹ (the paper
 * writes it as a = b·c) and is undefined at y = 0, so its table leaves those pairs out; the
 * mixed "x/y if y odd else x−y" uses the same modular division on odd y.
 */
import { MODULAR_OPERATIONS, ModularOperation } from "../specs/Operation";

/** Mathematical (always non-negative) remainder. */
export function mod(value: number, p: number): number {
  return ((value % p) + p) % p; // also turns −0 into 0
}

/** (x·y) mod p without leaving the exact-integer range of doubles (p < 2^26). */
function mulMod(x: number, y: number, p: number): number {
  return Number((BigInt(x) * BigInt(y)) % BigInt(p));
}

/** Modular inverse of y (p prime, y ≠ 0) by Fermat: y^(p−2). */
export function inverseMod(y: number, p: number): number {
  let result = 1;
  let base = mod(y, p);
  let exponent = p - 2;
  while (exponent > 0) {
    if (exponent & 1) result = mulMod(result, base, p);
    base = mulMod(base, base, p);
    exponent = Math.floor(exponent / 2);
  }
  return result;
}

/** True when the operation needs y⁻¹ (so p must be prime and y = 0 is excluded). */
export function usesDivision(op: ModularOperation, y: number): boolean {
  return op === "x/y" || (op === "x/y if y odd else x-y" && y % 2 === 1);
}

/**
 * Applies one operation of Power et al. to (x, y) in Z_p.
 * @returns c in [0, p), or null when the pair is outside the operation's domain (y = 0 for x/y).
 * @example
 * applyModularOperation("x^2+xy+y^2", 3, 4, 7); // (9 + 12 + 16) mod 7 = 2
 */
export function applyModularOperation(op: ModularOperation, x: number, y: number, p: number): number | null {
  const m = (a: number, b: number) => mulMod(a, b, p);
  switch (op) {
    case "x+y":
      return mod(x + y, p);
    case "x-y":
      return mod(x - y, p);
    case "x*y":
      return m(x, y);
    case "x/y":
      return y === 0 ? null : m(x, inverseMod(y, p));
    case "x^2+y":
      return mod(m(x, x) + y, p);
    case "x^3+y":
      return mod(m(m(x, x), x) + y, p);
    case "x^2+y^2":
      return mod(m(x, x) + m(y, y), p);
    case "x^2+xy+y^2":
      return mod(m(x, x) + m(x, y) + m(y, y), p);
    case "x^2+xy+y^2+x":
      return mod(m(x, x) + m(x, y) + m(y, y) + x, p);
    case "x^3+xy":
      return mod(m(m(x, x), x) + m(x, y), p);
    case "x^3+xy^2+y":
      return mod(m(m(x, x), x) + m(x, m(y, y)) + y, p);
    case "x/y if y odd else x-y":
      return y % 2 === 1 ? m(x, inverseMod(y, p)) : mod(x - y, p);
    case "x+y if x even else x*y":
      return x % 2 === 0 ? mod(x + y, p) : m(x, y);
    case "x+y if x even else x-y":
      return x % 2 === 0 ? mod(x + y, p) : mod(x - y, p);
    default: {
      const never: never = op;
      throw new Error(
        `applyModularOperation: unknown operation "${never}"; expected one of ${MODULAR_OPERATIONS.join(", ")}`,
      );
    }
  }
}
