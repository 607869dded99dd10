/**
 * The names of the operations a dataset can be built from: Power et al.'s modular operations and the three on S5.
 */

/** Names of the modular operations, as the paper writes them. */
export const MODULAR_OPERATIONS = [
  "x+y",
  "x-y",
  "x*y",
  "x/y",
  "x^2+y",
  "x^3+y",
  "x^2+y^2",
  "x^2+xy+y^2",
  "x^2+xy+y^2+x",
  "x^3+xy",
  "x^3+xy^2+y",
  "x/y if y odd else x-y",
  "x+y if x even else x*y",
  "x+y if x even else x-y",
] as const;

export type ModularOperation = (typeof MODULAR_OPERATIONS)[number];

/** Names of the operations on the permutations of S5. */
export const PERMUTATION_OPERATIONS = ["a∘b", "a∘b∘a^-1", "a∘b∘a"] as const;
export type PermutationOperation = (typeof PERMUTATION_OPERATIONS)[number];

export type Operation = ModularOperation | PermutationOperation;
