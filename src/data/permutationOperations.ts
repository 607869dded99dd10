/**
 * The S5 tasks of Power et al. 2022 (Appendix A.1.1): a∘b, a∘b∘a⁻¹ and a∘b∘a over the 120
 * permutations of {0,…,4}, each permutation a token (its index in lexicographic order).
 * Composition is right to left: (a∘b)(i) = a(b(i)).
 */
import { PERMUTATION_OPERATIONS, PermutationOperation } from "../specs/Operation";

/** A permutation of {0,…,n−1} as the list of images: perm[i] is where i goes. */
export type Permutation = readonly number[];

/** All permutations of {0,…,n−1} in lexicographic order. */
export function permutations(n: number): Permutation[] {
  if (n === 0) return [[]];
  const out: Permutation[] = [];
  const build = (prefix: number[], rest: number[]) => {
    if (rest.length === 0) out.push(prefix);
    rest.forEach((v, i) => build([...prefix, v], [...rest.slice(0, i), ...rest.slice(i + 1)]));
  };
  build([], [...Array(n).keys()]);
  return out;
}

/** (a∘b)(i) = a(b(i)). */
export function compose(a: Permutation, b: Permutation): Permutation {
  return b.map((bi) => a[bi]);
}

/** The permutation that undoes `a`. */
export function invert(a: Permutation): Permutation {
  const inv = new Array<number>(a.length);
  a.forEach((ai, i) => (inv[ai] = i));
  return inv;
}

/**
 * Applies an S_n task to two permutations.
 * @example
 * applyPermutationOperation("a∘b", [1, 0, 2, 3, 4], [0, 2, 1, 3, 4]); // [1, 2, 0, 3, 4]
 */
export function applyPermutationOperation(op: PermutationOperation, a: Permutation, b: Permutation): Permutation {
  switch (op) {
    case "a∘b":
      return compose(a, b);
    case "a∘b∘a^-1":
      return compose(compose(a, b), invert(a));
    case "a∘b∘a":
      return compose(compose(a, b), a);
    default: {
      const never: never = op;
      throw new Error(
        `applyPermutationOperation: unknown operation "${never}"; expected one of ${PERMUTATION_OPERATIONS.join(", ")}`,
      );
    }
  }
}
