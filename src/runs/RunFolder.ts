/**
 * A run on disk: `config.json` (the full config, library version, backend), `log.jsonl` (one
 * LogRecord per evaluation, appended one whole line per write), `checkpoints/`, `lock` (the pid
 * of its one writer) and, once it ended, `outcome.json` (finished or failed, and why).
 * An existing run is never deleted or overwritten unless `overwrite` is asked for; `resume`
 * continues it from its last checkpoint. Every file-system failure names the folder, the file
 * and the cause; a failed append leaves the log as it was.
 */
import * as fs from "fs";
import * as path from "path";
import * as tf from "@tensorflow/tfjs";
import { NamedTensor } from "../train/NamedTensor";
import { Model } from "../models/Model";
import { CheckpointMeta, Resumed, RunOutcome, RunSink, TrainingState } from "../train/RunSink";
import { ResolvedEvaluationSchedule } from "../specs/EvaluationSchedule";
import { checkpointFile, checkpointMismatch, listCheckpoints, loadCheckpoint, saveCheckpoint } from "./checkpoint";
import { isEvaluationStep } from "../train/evaluationSchedule";
import { LogRecord } from "../logs/LogRecord";
import { loadLog } from "../logs/loadLog";
import { buildModel } from "../models/buildModel";
import { inRunFolder } from "./runFileError";
import { RunLock } from "./RunLock";
import { LOCK_ENTRY, runFiles } from "./runLayout";
import { configDifferences } from "./configDifferences";
import { projectRoot } from "../config/projectRoot";
import { writeAtomic } from "./writeAtomic";
import { defaultsOf } from "../config/withDefaults";
import { ResolvedRunConfig, RunConfigSchema } from "../specs/RunConfig";

const LIBRARY_VERSION: string = (JSON.parse(fs.readFileSync(path.join(projectRoot(), "package.json"), "utf8")) as { version: string }).version;
/** The checkpoint cadence of run.* in an experiment config, for folders opened without one. */
const CHECKPOINT_DEFAULTS = defaultsOf(RunConfigSchema) as Omit<ResolvedRunConfig, "dir">;

export interface RunFolderOptions {
  /** Continue the run found in the folder (default false). */
  resume?: boolean;
  /** Delete what the folder holds and start again (default false). */
  overwrite?: boolean;
  /** Open an existing run only to read it (RunFolder.open): no checks, nothing written. */
  readOnly?: boolean;
  /** Checkpoint at this many log-spaced steps a decade (default 3: 1, 2, 5, 10, 22, 46, …). */
  checkpointsPerDecade?: number;
  /** Also checkpoint at every evaluated multiple of this many steps (0: none). */
  checkpointEvery?: number;
  /** Also checkpoint when this many minutes passed since the last one (default 10). */
  checkpointEveryMinutes?: number;
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

export class RunFolder implements RunSink {
  readonly dir: string;
  readonly logPath: string;
  readonly checkpointDir: string;
  private options: Required<RunFolderOptions>;
  private lastCheckpointAt = Date.now();
  private lock: RunLock | null = null;
  /** Step of the last record in the log (appends must go forward). */
  private lastLoggedStep = -1;

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
    const configPath = runFiles(dir).config;
    if (!fs.existsSync(configPath)) throw new Error(`RunFolder.open: "${dir}" holds no run (no config.json)`);
    return new RunFolder(dir, RunFolder.readConfigFile(dir).config, { readOnly: true });
  }

  private static readConfigFile(dir: string): { groklabVersion: string; backend: string; config: unknown } {
    const file = runFiles(dir).config;
    const text = inRunFolder("read", dir, file, () => fs.readFileSync(file, "utf8"));
    try {
      return JSON.parse(text);
    } catch (err) {
      throw new Error(`RunFolder: "${file}" is not JSON (${(err as Error).message})`);
    }
  }

  /** The config this run was started with (config.json's `config`). */
  readonly config: unknown;

  /** The log's records, read from disk now (a run being written elsewhere grows between calls). */
  get records(): LogRecord[] {
    return fs.existsSync(this.logPath) ? loadLog(this.logPath, { format: "groklab" }).records : [];
  }

  /** How the run ended (outcome.json), or null while it runs, was interrupted or never started. */
  outcome(): RunOutcome | null {
    const file = runFiles(this.dir).outcome;
    if (!fs.existsSync(file)) return null;
    return JSON.parse(inRunFolder("read", this.dir, file, () => fs.readFileSync(file, "utf8")));
  }

  /** Records how the run ended (atomically), or clears it (null) when a run is resumed. */
  setOutcome(outcome: RunOutcome | null): void {
    const file = runFiles(this.dir).outcome;
    if (outcome === null) inRunFolder("remove", this.dir, file, () => fs.rmSync(file, { force: true }));
    else writeAtomic(this.dir, file, JSON.stringify(outcome, null, 2) + "\n");
  }

  /**
   * The model of this run at the checkpoint of `step` (default: the latest), rebuilt from
   * config.json; step 0 is the run's initial weights (its seeded initialisation, rebuilt), the
   * control beside every trained measure. The caller disposes it. Needs a run written by runExperiment.
   * @example
   * const model = RunFolder.open("runs/mlp-97").model(1000);
   * const initial = RunFolder.open("runs/mlp-97").model(0);
   */
  model(step?: number): Model {
    const config = this.config as { model?: { kind?: unknown } } | null;
    if (!config?.model?.kind) {
      throw new Error(`RunFolder.model: "${this.dir}/config.json" has no model.kind; only runs written by runExperiment can rebuild their model`);
    }
    const model = buildModel(config.model as Parameters<typeof buildModel>[0]);
    if (step === 0 && !this.checkpointSteps().includes(0)) return model;
    try {
      this.loadWeights(model, step);
    } catch (err) {
      model.dispose();
      throw err;
    }
    return model;
  }

  /** Gives up the folder's lock (the run can then be resumed by another writer). Idempotent. */
  close(): void {
    this.lock?.release();
    this.lock = null;
  }

  constructor(dir: string, config: unknown, options: RunFolderOptions = {}) {
    this.options = { resume: false, overwrite: false, readOnly: false, ...CHECKPOINT_DEFAULTS, ...options };
    this.dir = dir;
    this.logPath = runFiles(dir).log;
    this.checkpointDir = runFiles(dir).checkpoints;
    const configPath = runFiles(dir).config;
    this.config = JSON.parse(JSON.stringify(config));
    if (this.options.readOnly) return;
    this.lock = RunLock.acquire(dir); // before anything is read, deleted or written
    try {
      this.prepare(configPath);
    } catch (err) {
      this.close();
      throw err;
    }
  }

  private prepare(configPath: string): void {
    const dir = this.dir;
    const exists = fs.existsSync(this.logPath) || fs.existsSync(configPath);
    if (exists && this.options.overwrite) {
      for (const entry of fs.readdirSync(dir)) {
        if (entry !== LOCK_ENTRY) inRunFolder("delete", dir, path.join(dir, entry), () => fs.rmSync(path.join(dir, entry), { recursive: true, force: true }));
      }
    } else if (exists && !this.options.resume) {
      throw new Error(
        `RunFolder: "${dir}" already holds a run; pass { resume: true } to continue it ` +
          `or { overwrite: true } to replace it`,
      );
    } else if (exists) {
      const saved = RunFolder.readConfigFile(dir);
      if (saved.groklabVersion !== LIBRARY_VERSION) {
        throw new Error(
          `RunFolder: "${dir}" was written by groklab ${saved.groklabVersion}; this is ${LIBRARY_VERSION}, ` +
            `so it cannot resume it exactly (use another folder, or { overwrite: true })`,
        );
      }
      const diff = configDifferences(saved.config, this.config);
      if (diff.length) {
        throw new Error(
          `RunFolder: "${dir}" holds a run with another config; resume needs the same config. Differences: ${diff.slice(0, 5).join("; ")}` +
            `${diff.length > 5 ? ` (and ${diff.length - 5} more)` : ""}. Use another folder, or start afresh (overwrite)`,
        );
      }
      return;
    }
    const record = { groklabVersion: LIBRARY_VERSION, backend: tf.getBackend(), config: this.config };
    writeAtomic(dir, configPath, JSON.stringify(record, null, 2) + "\n");
  }

  /**
   * Appends one record as one line. Steps only go forward; a failed write (a full disk) is cut
   * back so the log stays as it was, and the error names the file and the cause.
   */
  appendLog(record: LogRecord): void {
    if (!(record.step > this.lastLoggedStep)) {
      throw new Error(`RunFolder.appendLog: step ${record.step} is not after the log's last step ${this.lastLoggedStep} in "${this.logPath}"`);
    }
    const line = JSON.stringify(record) + "\n";
    inRunFolder("append to", this.dir, this.logPath, () => {
      const fd = fs.openSync(this.logPath, "a");
      const size = fs.fstatSync(fd).size;
      try {
        fs.writeSync(fd, line);
      } catch (err) {
        try {
          fs.ftruncateSync(fd, size);
        } catch {
          /* the error below says what failed */
        }
        throw err;
      } finally {
        fs.closeSync(fd);
      }
    });
    this.lastLoggedStep = record.step;
  }

  wantsCheckpoint(step: number, totalSteps: number): boolean {
    const minutes = (Date.now() - this.lastCheckpointAt) / 60000;
    return (
      step === totalSteps ||
      (step > 0 && isEvaluationStep(step, totalSteps, { every: 0, perDecade: this.options.checkpointsPerDecade })) ||
      (step > 0 && this.options.checkpointEvery! > 0 && step % this.options.checkpointEvery! === 0) ||
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
   * The steps an analysis asked for (default: every checkpoint), checked: a step without a
   * checkpoint is an error naming the caller, this folder and the steps it has. With
   * `initialFromConfig`, step 0 counts as present (the seeded start is rebuilt from config.json).
   * @example
   * const steps = run.checkpointStepsFor("analyseCheckpoints", options.steps);
   */
  checkpointStepsFor(owner: string, wanted?: number[], options: { initialFromConfig?: boolean } = {}): number[] {
    const available = this.checkpointSteps();
    const steps = wanted ?? available;
    const missing = steps.filter((s) => !available.includes(s) && !(options.initialFromConfig && s === 0));
    if (missing.length) throw new Error(`${owner}: "${this.dir}" has no checkpoint for step(s) ${missing.join(", ")}; it has ${available.join(", ") || "none"}`);
    return steps;
  }

  /**
   * Loads only the model weights of the checkpoint of `step` (default: the latest), for analyses.
   * @example
   * run.loadWeights(model, 1000); // model now holds its step-1000 weights
   */
  loadWeights(model: Model, step?: number): void {
    const steps = listCheckpoints(this.checkpointDir);
    const wanted = step ?? steps[steps.length - 1];
    if (wanted !== undefined && steps.includes(wanted)) this.checkFits("RunFolder.loadWeights", model, wanted, steps);
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

  /**
   * Throws, naming the checkpoint's file, its step and the first tensor that does not fit, when
   * the checkpoint of `step` was written by another model (another kind, size or p); says which
   * other checkpoints of the folder do fit.
   */
  private checkFits(owner: string, model: Model, step: number, steps: number[]): void {
    const shapes = Object.fromEntries(Object.entries(model.params).map(([name, v]) => [`model/${name}`, v.shape]));
    const mismatch = checkpointMismatch(this.checkpointDir, step, shapes);
    if (!mismatch) return;
    const fitting = steps.filter((s) => s !== step && checkpointMismatch(this.checkpointDir, s, shapes) === null);
    throw new Error(
      `${owner}: the checkpoint of step ${step} ("${checkpointFile(this.checkpointDir, step)}") does not fit this model: ${mismatch} ` +
        `(was it written by another model or another p?); ` +
        (fitting.length
          ? `checkpoints of this folder that fit: steps ${fitting.join(", ")}; delete the later ones to resume from step ${fitting[fitting.length - 1]}`
          : `no checkpoint of "${this.dir}" fits; run this config in a new folder, or pass the run's own model`),
    );
  }

  /** Replaces the log with `records`, atomically. */
  private rewriteLog(records: LogRecord[]): void {
    if (records.length === 0 && !fs.existsSync(this.logPath)) return;
    writeAtomic(this.dir, this.logPath, records.map((r) => JSON.stringify(r) + "\n").join(""));
    this.lastLoggedStep = records.length ? records[records.length - 1].step : -1;
  }

  /**
   * Loads the last checkpoint into model, optimizer and filter; null when the run has none. With
   * `schedule`, refuses a log that lacks an evaluation it asked for before the checkpoint.
   */
  async restore(state: TrainingState, schedule?: { totalSteps: number; evaluation: ResolvedEvaluationSchedule }): Promise<Resumed | null> {
    const { model, optimizer, filter } = state;
    if (listCheckpoints(this.checkpointDir).length === 0) {
      // Log lines without a checkpoint (killed, or a full disk, before the first one) are redone from step 0.
      this.rewriteLog([]);
      return null;
    }
    const steps = listCheckpoints(this.checkpointDir);
    this.checkFits("RunFolder.restore", model, steps[steps.length - 1], steps);
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
    const records = this.records.filter((r) => r.step <= ckpt.step);
    if (schedule) this.checkLogCovers(records, ckpt.step, schedule.totalSteps, schedule.evaluation);
    this.rewriteLog(records);
    return { step: ckpt.step, randomState: ckpt.randomState, wallTime: ckpt.wallTime, records };
  }

  /**
   * A resumed run's log must hold every evaluation before its checkpoint: a log emptied or cut short
   * beside later checkpoints would otherwise resume and end without its earlier steps.
   */
  private checkLogCovers(records: LogRecord[], checkpointStep: number, total: number, schedule: ResolvedEvaluationSchedule): void {
    const logged = new Set(records.map((r) => r.step));
    const missing: number[] = [];
    for (let s = 0; s < checkpointStep; s++) if (isEvaluationStep(s, total, schedule) && !logged.has(s)) missing.push(s);
    if (missing.length === 0) return;
    const shown = missing.length > 6 ? `${missing.slice(0, 5).join(", ")}, … (${missing.length} in all)` : missing.join(", ");
    throw new Error(
      `RunFolder.restore: "${this.logPath}" lacks the evaluations of steps ${shown} before the checkpoint of step ${checkpointStep} ` +
        `(${records.length ? `it ends at step ${records[records.length - 1].step}` : "it is empty"}: was it emptied or cut short?); ` +
        `resuming would leave them out of the run's log. Put the log back, or start the run again (runExperiment(config, { fresh: true }), groklab train --fresh)`,
    );
  }
}
