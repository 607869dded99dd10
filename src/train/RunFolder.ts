/**
 * A run on disk: `config.json` (the full config, library version, backend), `log.jsonl` (one
 * LogRecord per evaluation, appended one whole line per write) and `checkpoints/`.
 * An existing run is never deleted or overwritten unless `overwrite` is asked for; `resume`
 * continues it from its last checkpoint.
 */
import * as fs from "fs";
import * as path from "path";
import * as tf from "@tensorflow/tfjs";
import { NamedTensor } from "./NamedTensor";
import { Model } from "../models/Model";
import { AdamW } from "./AdamW";
import { GradientFilter } from "./GradientFilter";
import { CheckpointMeta, listCheckpoints, loadCheckpoint, saveCheckpoint } from "./checkpoint";
import { isEvaluationStep } from "./evaluationSchedule";
import { LogRecord } from "./LogRecord";
import { readLog } from "./readLog";

const LIBRARY_VERSION: string = require("../../package.json").version;

export interface RunFolderOptions {
  /** Continue the run found in the folder (default false). */
  resume?: boolean;
  /** Delete what the folder holds and start again (default false). */
  overwrite?: boolean;
  /** Open an existing run only to read it (RunFolder.open): no checks, nothing written. */
  readOnly?: boolean;
  /** Checkpoint at this many log-spaced steps a decade (default 3: 1, 2, 5, 10, 22, 46, …). */
  checkpointsPerDecade?: number;
  /** Also checkpoint when this many minutes passed since the last one (default 10). */
  checkpointEveryMinutes?: number;
}

/** What a checkpoint saves besides the run state: the model, its optimizer, and a gradient filter if any. */
export interface TrainingState {
  model: Model;
  optimizer: AdamW;
  filter?: GradientFilter;
}

/** "model3/embed.W_E/m" → "embed.W_E/m": state keyed by registered variable names, stored by parameter name. */
function toParamKey(key: string, model: Model): string {
  for (const [name, v] of Object.entries(model.params)) {
    if (key === v.name || key.startsWith(`${v.name}/`)) return name + key.slice(v.name.length);
  }
  return key;
}

/** The inverse of toParamKey, for this process's variables. */
function toVariableKey(key: string, model: Model): string {
  const param = key.split("/")[0];
  const v = model.params[param];
  return v ? v.name + key.slice(param.length) : key;
}

/** The part of a run that `train` resumes from. */
export interface Resumed extends CheckpointMeta {
  records: LogRecord[];
}

export class RunFolder {
  readonly dir: string;
  readonly logPath: string;
  readonly checkpointDir: string;
  private options: Required<RunFolderOptions>;
  private lastCheckpointAt = Date.now();

  /**
   * Opens (or creates) the run folder `dir` for a run described by `config`.
   * @example
   * const run = new RunFolder("runs/mlp-97", { model: modelConfig, data: dataConfig, train: trainConfig });
   */
  /**
   * Opens an existing run for reading (its log and checkpoints), whatever its config.
   * @example
   * const run = RunFolder.open("runs/mlp-97"); run.loadWeights(model, 100);
   */
  static open(dir: string): RunFolder {
    const configPath = path.join(dir, "config.json");
    if (!fs.existsSync(configPath)) throw new Error(`RunFolder.open: "${dir}" holds no run (no config.json)`);
    return new RunFolder(dir, JSON.parse(fs.readFileSync(configPath, "utf8")).config, { readOnly: true });
  }

  constructor(dir: string, config: object, options: RunFolderOptions = {}) {
    this.options = { resume: false, overwrite: false, readOnly: false, checkpointsPerDecade: 3, checkpointEveryMinutes: 10, ...options };
    this.dir = dir;
    this.logPath = path.join(dir, "log.jsonl");
    this.checkpointDir = path.join(dir, "checkpoints");
    const configPath = path.join(dir, "config.json");
    const record = { groklabVersion: LIBRARY_VERSION, backend: tf.getBackend(), config };
    const exists = fs.existsSync(this.logPath) || fs.existsSync(configPath);
    if (this.options.readOnly) return;
    if (exists && this.options.overwrite) {
      fs.rmSync(dir, { recursive: true, force: true });
    } else if (exists && !this.options.resume) {
      throw new Error(
        `RunFolder: "${dir}" already holds a run; pass { resume: true } to continue it ` +
          `or { overwrite: true } to replace it`,
      );
    } else if (exists) {
      const saved = JSON.parse(fs.readFileSync(configPath, "utf8"));
      if (saved.groklabVersion !== LIBRARY_VERSION) {
        throw new Error(
          `RunFolder: "${dir}" was written by groklab ${saved.groklabVersion}; this is ${LIBRARY_VERSION}, ` +
            `so it cannot resume it exactly (use another folder, or { overwrite: true })`,
        );
      }
      if (JSON.stringify(saved.config) !== JSON.stringify(JSON.parse(JSON.stringify(config)))) {
        throw new Error(`RunFolder: "${dir}" holds a run with another config; resume needs the same config`);
      }
      return;
    }
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(configPath, JSON.stringify(record, null, 2) + "\n");
  }

  appendLog(record: LogRecord): void {
    fs.appendFileSync(this.logPath, JSON.stringify(record) + "\n");
  }

  wantsCheckpoint(step: number, totalSteps: number): boolean {
    const minutes = (Date.now() - this.lastCheckpointAt) / 60000;
    return (
      step === totalSteps ||
      (step > 0 && isEvaluationStep(step, totalSteps, { every: 0, perDecade: this.options.checkpointsPerDecade })) ||
      minutes >= this.options.checkpointEveryMinutes
    );
  }

  hasCheckpoint(step: number): boolean {
    return listCheckpoints(this.checkpointDir).includes(step);
  }

  async checkpoint(state: TrainingState, meta: CheckpointMeta): Promise<void> {
    const { model, optimizer, filter } = state;
    const tensors: Record<string, tf.Tensor> = {};
    for (const [name, v] of Object.entries(model.params)) tensors[`model/${name}`] = v;
    const optimizerWeights = await optimizer.getWeights();
    for (const w of optimizerWeights) tensors[`optimizer/${toParamKey(w.name, model)}`] = w.tensor;
    for (const [key, t] of Object.entries(filter?.state() ?? {})) tensors[`filter/${toParamKey(key, model)}`] = t;
    await saveCheckpoint(this.checkpointDir, tensors, meta);
    tf.dispose(optimizerWeights.find((w) => w.name === "step")?.tensor);
    this.lastCheckpointAt = Date.now();
  }

  /** Steps that have a checkpoint, ascending. */
  checkpointSteps(): number[] {
    return listCheckpoints(this.checkpointDir);
  }

  /**
   * Loads only the model weights of the checkpoint of `step` (default: the latest), for analyses.
   * @example
   * run.loadWeights(model, 1000); // model now holds its step-1000 weights
   */
  loadWeights(model: Model, step?: number): void {
    const ckpt = loadCheckpoint(this.checkpointDir, step);
    try {
      for (const [name, v] of Object.entries(model.params)) {
        const t = ckpt.tensors[`model/${name}`];
        if (!t) throw new Error(`RunFolder.loadWeights: the checkpoint of step ${ckpt.step} has no "${name}"; is it this model's run?`);
        v.assign(t);
      }
    } finally {
      tf.dispose(Object.values(ckpt.tensors));
    }
  }

  /** Loads the last checkpoint into model, optimizer and filter; null when the run has none. */
  async restore(state: TrainingState): Promise<Resumed | null> {
    const { model, optimizer, filter } = state;
    if (listCheckpoints(this.checkpointDir).length === 0) return null;
    const ckpt = loadCheckpoint(this.checkpointDir);
    try {
      const optimizerWeights: NamedTensor[] = [];
      const filterState: Record<string, tf.Tensor> = {};
      for (const [key, t] of Object.entries(ckpt.tensors)) {
        const [kind, ...rest] = key.split("/");
        const name = rest.join("/");
        switch (kind) {
          case "model": {
            const v = model.params[name];
            if (!v) throw new Error(`RunFolder.restore: checkpoint has "${name}", which the model does not`);
            v.assign(t);
            break;
          }
          case "optimizer":
            optimizerWeights.push({ name: toVariableKey(name, model), tensor: t });
            break;
          case "filter":
            filterState[toVariableKey(name, model)] = t;
            break;
          default:
            throw new Error(`RunFolder.restore: unexpected entry "${key}" in the checkpoint of step ${ckpt.step}`);
        }
      }
      await optimizer.setWeights(optimizerWeights);
      if (filter) filter.setState(filterState);
      else if (Object.keys(filterState).length) {
        throw new Error("RunFolder.restore: the checkpoint holds gradient-filter state but the run has no gradientFilter");
      }
    } finally {
      tf.dispose(Object.values(ckpt.tensors));
    }
    // Records after the checkpoint will be produced again, identically: drop them (atomic rewrite).
    const records = fs.existsSync(this.logPath) ? readLog(this.logPath).records.filter((r) => r.step <= ckpt.step) : [];
    const tmp = `${this.logPath}.tmp-${process.pid}`;
    fs.writeFileSync(tmp, records.map((r) => JSON.stringify(r) + "\n").join(""));
    fs.renameSync(tmp, this.logPath);
    return { step: ckpt.step, randomState: ckpt.randomState, wallTime: ckpt.wallTime, records };
  }
}
