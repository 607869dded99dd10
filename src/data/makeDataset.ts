/**
 * Algorithmic datasets of Power et al. 2022: the full table of an operation, a seeded
 * train/validation split, optional label noise on the training part, and an optional relabelling
 * of the tokens (the same task out of residue order, a control for structure measures).
 */
import { applyModularOperation } from "./modularOperations";
import { applyPermutationOperation, permutations } from "./permutationOperations";
import { defaultsOf } from "../config/withDefaults";
import { resolve } from "../config/resolve";
import { Random } from "./random";
import { DatasetConfig, DatasetConfigSchema, ResolvedDatasetConfig } from "../specs/DatasetConfig";
import { MODULAR_OPERATIONS, ModularOperation, Operation, PERMUTATION_OPERATIONS, PermutationOperation } from "../specs/Operation";

const DATASET_DEFAULTS = defaultsOf(DatasetConfigSchema) as ResolvedDatasetConfig;

/** Number of element tokens (answer classes) of an operation: p, or 120 for S5. */
export function numClassesOf(config: DatasetConfig): number {
  return isPermutation(config.operation) ? 120 : (config.p ?? DATASET_DEFAULTS.p);
}

/** Number of pairs in the operation's table (division skips y = 0). */
export function numPairsOf(config: DatasetConfig): number {
  const n = numClassesOf(config);
  return config.operation === "x/y" ? n * (n - 1) : n * n;
}

/** A whole operation table and its split. Arrays are indexed by pair number. */
export interface Dataset {
  config: ResolvedDatasetConfig;
  /** Number of element tokens (p, or 120 for S5): inputs and answers lie in [0, numClasses). */
  numClasses: number;
  /** Left operand, right operand and true answer of every pair in the table. */
  a: Int32Array;
  b: Int32Array;
  answer: Int32Array;
  /** Labels used for training: the answers, with label noise applied to training pairs. */
  label: Int32Array;
  /** 1 where the pair is in the training set. Export it to analyse on the exact training mask. */
  isTrain: Uint8Array;
  /** Pair numbers of the training and validation sets, training in shuffled order. */
  trainIndices: Int32Array;
  valIndices: Int32Array;
}

/** True when n is a prime number. */
export function isPrime(n: number): boolean {
  if (!Number.isInteger(n) || n < 2) return false;
  for (let d = 2; d * d <= n; d++) if (n % d === 0) return false;
  return true;
}

function isModular(op: string): op is ModularOperation {
  return (MODULAR_OPERATIONS as readonly string[]).includes(op);
}

function isPermutation(op: string): op is PermutationOperation {
  return (PERMUTATION_OPERATIONS as readonly string[]).includes(op);
}

/**
 * What a dataset config cannot be, beyond its schema: division by a composite p, and a split that
 * leaves one side without pairs. Each problem names its field under `prefix` ("data." in an experiment).
 */
export function datasetProblems(config: ResolvedDatasetConfig, prefix = ""): string[] {
  const problems: string[] = [];
  const { operation, p } = config;
  if ((operation === "x/y" || operation === "x/y if y odd else x-y") && !isPrime(p)) {
    problems.push(`${prefix}p: expected a prime for "${operation}" (division); received ${p}`);
  }
  const pairs = numPairsOf(config);
  const train = Math.floor(config.trainFraction * pairs);
  if (train < 1 || train >= pairs) {
    problems.push(`${prefix}trainFraction: expected a share leaving at least one of the ${pairs} pairs on each side; received ${config.trainFraction} (${train} for training)`);
  }
  return problems;
}

/** A dataset config checked and completed once (makeDataset's own entry point). */
function resolveDataset(input: unknown): ResolvedDatasetConfig {
  return resolve(DatasetConfigSchema, input, "makeDataset", (config) => {
    const problems = datasetProblems(config);
    if (problems.length) throw new Error(`makeDataset: invalid config:\n  ${problems.join("\n  ")}`);
  });
}

function table(operation: Operation, p: number): { n: number; rows: [number, number, number][] } {
  const rows: [number, number, number][] = [];
  if (isModular(operation)) {
    for (let x = 0; x < p; x++) {
      for (let y = 0; y < p; y++) {
        const c = applyModularOperation(operation, x, y, p);
        if (c !== null) rows.push([x, y, c]);
      }
    }
    return { n: p, rows };
  }
  const perms = permutations(5);
  const index = new Map(perms.map((perm, i) => [perm.join(""), i]));
  perms.forEach((pa, x) =>
    perms.forEach((pb, y) => rows.push([x, y, index.get(applyPermutationOperation(operation, pa, pb).join(""))!])),
  );
  return { n: perms.length, rows };
}

/**
 * The table with every token x read as π(x), π a permutation drawn from `seed` (null: unchanged).
 * Rows keep their places, so the split (drawn over row numbers) holds the same pairs.
 */
function relabelled(t: { n: number; rows: [number, number, number][] }, seed: number | null): { n: number; rows: [number, number, number][] } {
  if (seed === null) return t;
  const pi = relabelling(t.n, seed);
  return { n: t.n, rows: t.rows.map(([x, y, z]) => [pi[x], pi[y], pi[z]]) };
}

/**
 * The permutation π of [0, n) that `relabel: seed` applies to the tokens.
 * @example
 * relabelling(5, 3); // e.g. [2, 0, 4, 1, 3]: token 0 is read as 2
 */
export function relabelling(n: number, seed: number): number[] {
  return new Random(seed).shuffle(Array.from({ length: n }, (_, i) => i));
}

/**
 * Builds the full table of an operation and splits it.
 * @example
 * const ds = makeDataset({ operation: "x+y", p: 7, trainFraction: 0.5, seed: 1 });
 * ds.a.length;            // 49 pairs
 * ds.trainIndices.length; // 24 (floor of 0.5 · 49)
 */
export function makeDataset(config: DatasetConfig): Dataset {
  const full = resolveDataset(config);
  const { n, rows } = relabelled(table(full.operation, full.p), full.relabel);
  const random = new Random(full.seed);
  const order = random.shuffle([...rows.keys()]);
  const numTrain = Math.floor(full.trainFraction * rows.length);
  const isTrain = new Uint8Array(rows.length);
  order.slice(0, numTrain).forEach((i) => (isTrain[i] = 1));
  const answer = Int32Array.from(rows, (r) => r[2]);
  const label = answer.slice();
  const noisy = Math.round(full.labelNoise * numTrain);
  for (const i of order.slice(0, noisy)) label[i] = (answer[i] + 1 + random.int(n - 1)) % n;
  return {
    config: full,
    numClasses: n,
    a: Int32Array.from(rows, (r) => r[0]),
    b: Int32Array.from(rows, (r) => r[1]),
    answer,
    label,
    isTrain,
    trainIndices: Int32Array.from(order.slice(0, numTrain)),
    valIndices: Int32Array.from(order.slice(numTrain)).sort(),
  };
}
