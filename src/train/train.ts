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
import { resolve } from "../config/resolve";
import { currentBackend } from "../backend/selectBackend";
import { libtorchAddon } from "../backend/libtorchAddon";
import { nativeThreadGovernor } from "../backend/ThreadGovernor";
import { AdamW } from "./AdamW";
import { accuracy, crossEntropy } from "./crossEntropy";
import { makeGradientFilter } from "./GradientFilter";
import { interruptible } from "./interruptible";
import { orthogonalGrad } from "./orthogonalGrad";
import { projectToNorm } from "./projectToNorm";
import { Muon, MuonRule } from "./Muon";
import { stableMaxCrossEntropy } from "./stableMax";
import { isEvaluationStep } from "./evaluationSchedule";
import { LogRecord } from "../logs/LogRecord";
import { RunSink } from "./RunSink";
import { batchSizeOf, batchSizeProblem } from "./batchSizeOf";
import { checkModelFits } from "../models/checkModelFits";
import { LossKind, TrainConfig, TrainConfigSchema } from "../specs/TrainConfig";

function lossFunction(kind: LossKind): (logits: tf.Tensor2D, labels: tf.Tensor1D) => tf.Scalar {
  switch (kind) {
    case "softmax":
      return crossEntropy;
    case "stablemax":
      return stableMaxCrossEntropy;
  }
}

/**
 * Muon's parameters (train.muon): the hidden weight matrices, i.e. every parameter of rank ≥ 2 but
 * the embeddings and the unembedding (TransformerLens names: embed.*, pos_embed.*, unembed.*).
 */
const hiddenMatrix: MuonRule = (name, variable) => variable.rank >= 2 && !/^(embed|pos_embed|unembed)\./.test(name);

/** What a run reports on each evaluation; return "stop" to end it cleanly. */
export type OnEvaluation = (record: LogRecord, model: Model) => void | "stop" | Promise<void | "stop">;

export interface TrainResult {
  records: LogRecord[];
  stoppedBy: "steps" | "valAccuracy" | "maxSeconds" | "callback" | "signal";
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

/** The model's logits times the output scale α (train.outputScale). */
function scaledLogits(model: Model, input: { a: tf.Tensor1D; b: tf.Tensor1D }, scale: number): tf.Tensor2D {
  const logits = model.forward(input);
  return scale === 1 ? logits : (logits.mul(scale) as tf.Tensor2D);
}

function evaluate(model: Model, split: Split, loss: LossKind, scale: number): [number, number] {
  return tf.tidy(() => {
    const logits = scaledLogits(model, { a: split.a, b: split.b }, scale);
    return [lossFunction(loss)(logits, split.y).dataSync()[0], accuracy(logits, split.y).dataSync()[0]];
  });
}

/** Draws N(0, std²) noise of `like`'s shape from the run's seeded generator (reproducible on resume). */
function gaussian(like: tf.Tensor, std: number, random: Random): tf.Tensor {
  return tf.randomNormal(like.shape, 0, std, "float32", random.int(2 ** 31));
}

/**
 * Trains `model` on `dataset`; with `run`, logs and checkpoints there, resumes from its last
 * checkpoint, and closes it (gives its lock up) at the end. An aborted `signal` stops the run at
 * the next step boundary with a checkpoint there (stoppedBy "signal"); without a signal, SIGINT
 * (Ctrl-C, the notebook's stop button) does the same, prints one line, and the caller's variables
 * stay (interruptible).
 * @example
 * const ds = makeDataset({ operation: "x+y", p: 97, trainFraction: 0.5 });
 * const model = new EmbeddingMLP({ numClasses: 97 });
 * const { records } = await train(model, ds, { steps: 3000 });
 */
export async function train(
  model: Model,
  dataset: Dataset,
  input: TrainConfig,
  onEvaluation?: OnEvaluation,
  run?: RunSink,
  signal?: AbortSignal,
): Promise<TrainResult> {
  checkModelFits("train", model, dataset);
  const config = resolve(TrainConfigSchema, input, "train");
  const trainSize = dataset.trainIndices.length;
  const problem = batchSizeProblem(config.batchSize, trainSize, `the dataset's ${trainSize} training pairs`);
  if (problem) throw new Error(`train: invalid config:\n  batchSize: ${problem}`);
  const batchSize = batchSizeOf(config.batchSize, trainSize);
  const lossKind = config.loss;
  const loss = lossFunction(lossKind);
  const muon = config.muon ? new Muon(config.muon, config.optimizer, hiddenMatrix) : undefined;
  // (not `instanceof`: tf.Optimizer's Symbol.hasInstance says yes to any optimizer)
  const optimizer = muon ?? new AdamW(config.optimizer);
  const adamW = muon?.adamW ?? (optimizer as AdamW); // the learning rate the schedule drives
  const filter = config.gradientFilter ? makeGradientFilter(config.gradientFilter) : undefined;
  const noise = config.noise;
  const scale = config.outputScale;
  const state = { model, optimizer, filter };
  const random = new Random(config.seed);
  const trainSet = tensorsOf(dataset, dataset.trainIndices, dataset.label);
  const valSet = tensorsOf(dataset, dataset.valIndices, dataset.answer);
  const records: LogRecord[] = [];
  const interrupt = interruptible(signal);
  signal = interrupt.signal;
  let step = 0;
  let wallBefore = 0;
  let stoppedBy: TrainResult["stoppedBy"] = "steps";
  let restored = !run; // until the run folder's checkpoint is loaded, no step of this run is known
  const native = currentBackend();
  const governor = nativeThreadGovernor(native.backend, (n) => libtorchAddon().addon?.threads(n), native.threads);
  try {
    if (run) {
      const resumed = await run.restore(state, { totalSteps: config.steps, evaluation: config.evaluation });
      if (resumed) {
        step = resumed.step;
        random.state = resumed.randomState;
        wallBefore = resumed.wallTime;
        records.push(...resumed.records);
      }
      restored = true;
    }
    const started = Date.now();
    const elapsed = () => wallBefore + (Date.now() - started) / 1000;
    let lastYield = Date.now();
    let streak = 0;
    const params = Object.values(model.params);
    const byName = Object.fromEntries(params.map((p) => [p.name, p]));
    const warmup = config.warmupSteps;
    for (;;) {
      if (isEvaluationStep(step, config.steps, config.evaluation) && records[records.length - 1]?.step !== step) {
        const [trainLoss, trainAccuracy] = evaluate(model, trainSet, lossKind, scale);
        const [valLoss, valAccuracy] = evaluate(model, valSet, lossKind, scale);
        if (!Number.isFinite(trainLoss)) {
          throw new Error(
            `train: training loss became ${trainLoss} at step ${step}; lower optimizer.lr ` +
              `(${adamW.config.lr}) or check the data (the log and checkpoints so far are kept)`,
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
        if ((await onEvaluation?.(record, model)) === "stop") stoppedBy = "callback";
        else if (threshold && streak >= threshold.patience) stoppedBy = "valAccuracy";
        else if (config.maxSeconds !== undefined && elapsed() >= config.maxSeconds) stoppedBy = "maxSeconds";
        if (stoppedBy !== "steps") break;
      }
      if (step >= config.steps) break;
      adamW.lr = adamW.config.lr * (warmup > 0 ? Math.min(step / warmup, 1) : 1);
      tf.tidy(() => {
        const batch = batchSize === dataset.trainIndices.length ? trainSet : sample(trainSet, batchSize, random);
        let { grads } = tf.variableGrads(() => loss(scaledLogits(model, { a: batch.a, b: batch.b }, scale), batch.y), params);
        if (config.orthogonalGrad) grads = mapGrads(grads, (name, g) => orthogonalGrad(byName[name], g));
        if (filter) grads = filter.apply(grads);
        if (noise?.on === "gradients") grads = mapGrads(grads, (_, g) => g.add(gaussian(g, noise.std, random)));
        optimizer.applyGradients(grads);
        if (noise?.on === "weights") for (const p of params) p.assign(p.add(gaussian(p, noise.std, random)));
        if (config.fixedWeightNorm !== undefined) projectToNorm(params, config.fixedWeightNorm);
      });
      step += 1;
      governor?.tick();
      if (signal?.aborted) {
        stoppedBy = "signal";
        break;
      }
      if (Date.now() - lastYield >= config.yieldEveryMs) {
        await new Promise((resolve) => setImmediate(resolve));
        lastYield = Date.now();
      }
    }
    if (run && stoppedBy !== "steps" && !run.hasCheckpoint(step)) {
      await run.checkpoint(state, { step, randomState: random.state, wallTime: elapsed() });
    }
    // A run stopped by its signal is interrupted, to be resumed; any other stop ends it.
    if (stoppedBy !== "signal") run?.setOutcome({ status: "finished", stoppedBy, step, wallTime: elapsed(), at: new Date().toISOString(), ...currentBackend() });
  } catch (err) {
    try {
      run?.setOutcome({ status: "failed", error: (err as Error).message ?? String(err), step: restored ? step : null, at: new Date().toISOString() });
    } catch {
      /* the disk may be what failed; the error below says so */
    }
    throw err;
  } finally {
    governor?.restore(native.threads);
    interrupt.restore();
    if (stoppedBy === "signal") {
      console.log(`interrupted at step ${step}${run ? `; checkpoint written to "${run.dir}": run the cell (or command) again to resume` : ""}`);
    }
    run?.close();
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
