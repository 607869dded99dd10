/**
 * Validates an experiment config once, before anything is written, and returns it complete: every
 * default filled in (so config.json says everything the run used) and `model.numClasses` set from
 * the dataset. Refuses, naming the field, what was expected and what was received: wrong types
 * (never coerced), unknown fields, seeds the generator cannot tell apart, heads that do not divide
 * dModel, a model whose classes differ from the dataset's, a split without pairs on one side, and
 * sizes that would not fit in this machine's memory (with the estimate).
 */
import * as os from "os";
import { resolve } from "../config/resolve";
import { datasetProblems, isPrime, numClassesOf, numPairsOf } from "../data/makeDataset";
import { estimateMemory } from "./estimateMemory";
import { batchSizeProblem } from "../train/batchSizeOf";
import { ExperimentConfigSchema, ResolvedExperimentConfig } from "../specs/ExperimentConfig";

/** An experiment config with every default filled in, `model.numClasses` included. */
export type ResolvedExperiment = ResolvedExperimentConfig & { model: { numClasses: number } };

export interface ResolveOptions {
  /** Who reports errors. Default "runExperiment". */
  owner?: string;
  /** Bytes the run may use. Default 80% of this machine's memory. */
  memoryLimit?: number;
}

const GiB = 1024 ** 3;
const size = (bytes: number) => (bytes >= GiB ? `${(bytes / GiB).toFixed(1)} GiB` : `${(bytes / 1024 ** 2).toFixed(0)} MiB`);

/**
 * @example
 * const config = resolveExperiment({ data: { operation: "x+y", p: 97 }, model: { kind: "mlp" }, train: { steps: 3000 }, run: { dir: "runs/a" } });
 * config.model.numClasses; // 97
 */
export function resolveExperiment(input: unknown, options: ResolveOptions = {}): ResolvedExperiment {
  const owner = options.owner ?? "runExperiment";
  return resolve<typeof ExperimentConfigSchema, ResolvedExperiment>(ExperimentConfigSchema, input, owner, (config) => checkExperiment(config, owner, options));
}

/** The rules that tie fields together (and the memory estimate); completes model.numClasses and Nanda's dHead. */
function checkExperiment(config: ResolvedExperiment, owner: string, options: ResolveOptions): void {
  const problems: string[] = [];
  const { data, model } = config;
  const classes = numClassesOf(data);
  if (model.numClasses !== undefined && model.numClasses !== classes) {
    problems.push(`model.numClasses: expected ${classes} (the classes of ${data.operation}${classes === 120 ? " on S5" : ` mod ${data.p}`}); received ${model.numClasses}`);
  }
  model.numClasses = classes;
  if (model.kind === "nanda" || model.kind === "power") {
    if (model.dModel % model.heads !== 0) {
      problems.push(`model.heads: expected a divisor of model.dModel (${model.dModel}); received ${model.heads}`);
    } else if (model.kind === "nanda" && model.dHead === undefined) {
      model.dHead = model.dModel / model.heads;
    }
  }
  problems.push(...datasetProblems(data, "data."));
  const division = (operation: string) => operation === "x/y" || operation === "x/y if y odd else x-y";
  const pre = config.pretrain;
  if (pre && numClassesOf({ ...data, operation: pre.operation }) !== classes) {
    problems.push(`pretrain.operation: expected an operation with the ${classes} classes of data.operation "${data.operation}"; received "${pre.operation}" (${numClassesOf({ ...data, operation: pre.operation })} classes)`);
  } else if (pre && division(pre.operation) && !isPrime(data.p)) {
    problems.push(`pretrain.operation: expected a prime data.p for "${pre.operation}" (division); received ${data.p}`);
  }
  const pairs = numPairsOf(data);
  const train = Math.floor(data.trainFraction * pairs);
  const batch = train >= 1 && train < pairs ? batchSizeProblem(config.train.batchSize, train, `the ${train} training pairs (data.trainFraction ${data.trainFraction} of ${pairs})`) : null;
  if (batch) problems.push(`train.batchSize: ${batch}`);
  if (problems.length === 0) {
    const limit = options.memoryLimit ?? 0.8 * os.totalmem();
    const need = estimateMemory(config);
    if (need.bytes > limit) {
      problems.push(
        `(sizes): this experiment needs about ${size(need.bytes)} (${need.parameters.toLocaleString("en")} parameters with gradients and optimizer state: ` +
          `${size(need.stateBytes)}; activations of ${need.peak}: ${size(need.activationBytes)}); expected at most ${size(limit)} ` +
          `(80% of this machine's memory); use a smaller p, model or batch`,
      );
    }
  }
  if (problems.length) throw new Error(`${owner}: invalid config:\n  ${problems.join("\n  ")}`);
}
