/**
 * The training loop: AdamW with linear warmup on the cross-entropy (softmax or StableMax) of the
 * answer token, full batch or seeded minibatches (Power et al.: min(512, ⌈N/2⌉)); per step the
 * gradient may pass ⊥Grad, a Grokfast filter and Gaussian noise (in that order). Evaluations on a
 * log-spaced schedule, optional run folder with log and checkpoints, resume, stop rules, and a
 * progress callback. It yields to the event loop regularly so a notebook's live display keeps updating.
 */
import * as tf from "@tensorflow/tfjs";
import { Dataset } from "../data/makeDataset";
import { Random } from "../data/random";
import { Model } from "../models/Model";
import { AdamW, AdamWConfig } from "./AdamW";
import { accuracy, crossEntropy } from "./crossEntropy";
import { GradientFilterConfig, makeGradientFilter } from "./GradientFilter";
import { orthogonalGrad } from "./orthogonalGrad";
import { stableMaxCrossEntropy } from "./stableMax";
import { EvaluationSchedule, isEvaluationStep } from "./evaluationSchedule";
import { LogRecord } from "./LogRecord";
import { RunFolder } from "./RunFolder";

/** How to train. Every field but `steps` has a default. */
export interface TrainConfig {
  /** Optimizer updates to run in total (a resumed run counts the steps already done). */
  steps: number;
  /** "full" (default) or the minibatch size; "power" is Power et al.'s min(512, ⌈N/2⌉). */
  batchSize?: "full" | "power" | number;
  /** AdamW settings (defaults: lr 1e-3, betas 0.9/0.98, eps 1e-8, weight decay 1). */
  optimizer?: AdamWConfig;
  /** Linear warmup: the lr of update t (0-based) is lr·min(t/warmupSteps, 1). Default 0 (none). */
  warmupSteps?: number;
  /** When to evaluate; default every 100 steps plus 10 log-spaced points a decade. */
  evaluation?: EvaluationSchedule;
  /** Stop once validation accuracy ≥ `valAccuracy` for `patience` evaluations in a row. */
  stopAtValAccuracy?: { valAccuracy: number; patience?: number };
  /** Stop after this many seconds of training. Default: no limit. */
  maxSeconds?: number;
  /** Seed of minibatch sampling. Default 0. */
  seed?: number;
  /** Give the event loop a turn at least this often (ms), so displays update. Default 200. */
  yieldEveryMs?: number;
  /** "softmax" cross-entropy (default) or "stablemax" (Prieto et al. 2025). */
  loss?: LossKind;
  /** Grokfast gradient filter (Lee et al. 2024). Default none. */
  gradientFilter?: GradientFilterConfig;
  /** ⊥Grad: drop the gradient component along each parameter (Prieto et al. 2025). Default false. */
  orthogonalGrad?: boolean;
  /** Gaussian noise N(0, std²) added to the gradients before the update, or to the weights after it. */
  noise?: { on: "gradients" | "weights"; std: number };
}

export type LossKind = "softmax" | "stablemax";

function lossFunction(kind: LossKind): (logits: tf.Tensor2D, labels: tf.Tensor1D) => tf.Scalar {
  switch (kind) {
    case "softmax":
      return crossEntropy;
    case "stablemax":
      return stableMaxCrossEntropy;
    default:
      throw new Error(`train: invalid loss "${kind}"; expected "softmax" or "stablemax"`);
  }
}

/** What a run reports on each evaluation; return "stop" to end it cleanly. */
export type OnEvaluation = (record: LogRecord) => void | "stop" | Promise<void | "stop">;

export interface TrainResult {
  records: LogRecord[];
  stoppedBy: "steps" | "valAccuracy" | "maxSeconds" | "callback";
}

function checkConfig(config: TrainConfig, trainSize: number): number {
  if (!Number.isInteger(config.steps) || config.steps < 0) {
    throw new Error(`train: steps must be an integer ≥ 0; received ${config.steps}`);
  }
  const noise = config.noise;
  if (noise && (!(noise.std >= 0) || (noise.on !== "gradients" && noise.on !== "weights"))) {
    throw new Error(
      `train: noise must be { on: "gradients" | "weights", std ≥ 0 }; received ${JSON.stringify(noise)}`,
    );
  }
  const b = config.batchSize ?? "full";
  if (b === "full") return trainSize;
  if (b === "power") return Math.min(512, Math.ceil(trainSize / 2));
  if (!Number.isInteger(b) || b <= 0) {
    throw new Error(`train: batchSize must be "full", "power" or a positive integer; received ${b}`);
  }
  return Math.min(b, trainSize);
}

function weightNorm(model: Model): number {
  return tf.tidy(() => Math.sqrt(tf.addN(Object.values(model.params).map((p) => tf.sum(tf.square(p)))).dataSync()[0]));
}

interface Split {
  a: tf.Tensor1D;
  b: tf.Tensor1D;
  y: tf.Tensor1D;
}

function tensorsOf(ds: Dataset, indices: Int32Array, labels: Int32Array): Split {
  return {
    a: tf.tensor1d(Array.from(indices, (i) => ds.a[i]), "int32"),
    b: tf.tensor1d(Array.from(indices, (i) => ds.b[i]), "int32"),
    y: tf.tensor1d(Array.from(indices, (i) => labels[i]), "int32"),
  };
}

function evaluate(model: Model, split: Split, loss: LossKind): [number, number] {
  return tf.tidy(() => {
    const logits = model.forward({ a: split.a, b: split.b });
    return [lossFunction(loss)(logits, split.y).dataSync()[0], accuracy(logits, split.y).dataSync()[0]];
  });
}

/** Draws N(0, std²) noise of `like`'s shape from the run's seeded generator (reproducible on resume). */
function gaussian(like: tf.Tensor, std: number, random: Random): tf.Tensor {
  return tf.randomNormal(like.shape, 0, std, "float32", random.int(2 ** 31));
}

/**
 * Trains `model` on `dataset`; with `run`, logs and checkpoints there and resumes from its last
 * checkpoint.
 * @example
 * const ds = makeDataset({ operation: "x+y", p: 97, trainFraction: 0.5 });
 * const model = new EmbeddingMLP({ numClasses: 97 });
 * const { records } = await train(model, ds, { steps: 3000 });
 */
export async function train(
  model: Model,
  dataset: Dataset,
  config: TrainConfig,
  onEvaluation?: OnEvaluation,
  run?: RunFolder,
): Promise<TrainResult> {
  const batchSize = checkConfig(config, dataset.trainIndices.length);
  const lossKind = config.loss ?? "softmax";
  const loss = lossFunction(lossKind);
  const optimizer = new AdamW(config.optimizer);
  const filter = config.gradientFilter ? makeGradientFilter(config.gradientFilter) : undefined;
  const noise = config.noise;
  const state = { model, optimizer, filter };
  const random = new Random(config.seed ?? 0);
  const trainSet = tensorsOf(dataset, dataset.trainIndices, dataset.label);
  const valSet = tensorsOf(dataset, dataset.valIndices, dataset.answer);
  const records: LogRecord[] = [];
  let step = 0;
  let wallBefore = 0;
  if (run) {
    const resumed = await run.restore(state);
    if (resumed) {
      step = resumed.step;
      random.state = resumed.randomState;
      wallBefore = resumed.wallTime;
      records.push(...resumed.records);
    }
  }
  const started = Date.now();
  const elapsed = () => wallBefore + (Date.now() - started) / 1000;
  let lastYield = Date.now();
  let streak = 0;
  let stoppedBy: TrainResult["stoppedBy"] = "steps";
  const params = Object.values(model.params);
  const byName = Object.fromEntries(params.map((p) => [p.name, p]));
  const warmup = config.warmupSteps ?? 0;
  try {
    for (;;) {
      if (isEvaluationStep(step, config.steps, config.evaluation) && records[records.length - 1]?.step !== step) {
        const [trainLoss, trainAccuracy] = evaluate(model, trainSet, lossKind);
        const [valLoss, valAccuracy] = evaluate(model, valSet, lossKind);
        if (!Number.isFinite(trainLoss)) {
          throw new Error(
            `train: training loss became ${trainLoss} at step ${step}; lower optimizer.lr ` +
              `(${optimizer.config.lr}) or check the data (the log and checkpoints so far are kept)`,
          );
        }
        const record: LogRecord = {
          step,
          epoch: (step * batchSize) / dataset.trainIndices.length,
          trainLoss,
          trainAccuracy,
          valLoss,
          valAccuracy,
          weightNorm: weightNorm(model),
          lr: optimizer.lr,
          wallTime: elapsed(),
        };
        records.push(record);
        run?.appendLog(record);
        if (run?.wantsCheckpoint(step, config.steps)) {
          await run.checkpoint(state, { step, randomState: random.state, wallTime: record.wallTime });
        }
        const threshold = config.stopAtValAccuracy;
        streak = threshold && valAccuracy >= threshold.valAccuracy ? streak + 1 : 0;
        if ((await onEvaluation?.(record)) === "stop") stoppedBy = "callback";
        else if (threshold && streak >= (threshold.patience ?? 1)) stoppedBy = "valAccuracy";
        else if (config.maxSeconds !== undefined && elapsed() >= config.maxSeconds) stoppedBy = "maxSeconds";
        if (stoppedBy !== "steps") break;
      }
      if (step >= config.steps) break;
      optimizer.lr = optimizer.config.lr * (warmup > 0 ? Math.min(step / warmup, 1) : 1);
      tf.tidy(() => {
        const batch = batchSize === dataset.trainIndices.length ? trainSet : sample(trainSet, batchSize, random);
        let { grads } = tf.variableGrads(() => loss(model.forward({ a: batch.a, b: batch.b }), batch.y), params);
        if (config.orthogonalGrad) grads = mapGrads(grads, (name, g) => orthogonalGrad(byName[name], g));
        if (filter) grads = filter.apply(grads);
        if (noise?.on === "gradients") grads = mapGrads(grads, (_, g) => g.add(gaussian(g, noise.std, random)));
        optimizer.applyGradients(grads);
        if (noise?.on === "weights") for (const p of params) p.assign(p.add(gaussian(p, noise.std, random)));
      });
      step += 1;
      if (Date.now() - lastYield >= (config.yieldEveryMs ?? 200)) {
        await new Promise((resolve) => setImmediate(resolve));
        lastYield = Date.now();
      }
    }
    if (run && stoppedBy !== "steps" && !run.hasCheckpoint(step)) {
      await run.checkpoint(state, { step, randomState: random.state, wallTime: elapsed() });
    }
  } finally {
    optimizer.dispose();
    filter?.dispose();
    for (const s of [trainSet, valSet]) tf.dispose([s.a, s.b, s.y]);
  }
  return { records, stoppedBy };
}

/** Applies `f` to every gradient of a map. */
function mapGrads(grads: tf.NamedTensorMap, f: (name: string, g: tf.Tensor) => tf.Tensor): tf.NamedTensorMap {
  return Object.fromEntries(Object.entries(grads).map(([name, g]) => [name, f(name, g)]));
}

/** A minibatch drawn without replacement (tensors are tidied by the caller). */
function sample(set: Split, size: number, random: Random): Split {
  const n = set.a.shape[0];
  const picked = new Int32Array(size);
  const chosen = new Set<number>();
  for (let i = 0; i < size; i++) {
    let j = random.int(n);
    while (chosen.has(j)) j = (j + 1) % n;
    chosen.add(j);
    picked[i] = j;
  }
  const idx = tf.tensor1d(picked, "int32");
  return { a: tf.gather(set.a, idx), b: tf.gather(set.b, idx), y: tf.gather(set.y, idx) };
}
