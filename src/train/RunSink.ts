/**
 * What the training loop writes a run through, and all it knows of one: append a record,
 * checkpoint, restore, say how the run ended. RunFolder (runs/) implements it on disk; the loop
 * and the optimizers never touch a file.
 */
import { LogRecord } from "../logs/LogRecord";
import { Model } from "../models/Model";
import { ResolvedEvaluationSchedule } from "../specs/EvaluationSchedule";
import { AdamW } from "./AdamW";
import { GradientFilter } from "./GradientFilter";
import { Muon } from "./Muon";

/** What a checkpoint saves besides the run state: the model, its optimizer, and a gradient filter if any. */
export interface TrainingState {
  model: Model;
  optimizer: AdamW | Muon;
  filter?: GradientFilter;
}

/** Where a run stands at a checkpoint. */
export interface CheckpointMeta {
  step: number;
  /** State of the run's Random (minibatch order, noise). */
  randomState: number;
  /** Seconds trained so far. */
  wallTime: number;
}

/** The part of a run that `train` resumes from: the checkpoint's state and the log up to it. */
export interface Resumed extends CheckpointMeta {
  records: LogRecord[];
}

/** How a run ended: finished (a stop rule or the step budget) or failed (an error). */
export type RunOutcome =
  | { status: "finished"; stoppedBy: string; step: number; wallTime: number; at: string; backend: string; threads: number }
  | { status: "failed"; error: string; step: number | null; at: string };

export interface RunSink {
  /** Where the run is (for messages). */
  readonly dir: string;
  /** Appends one evaluation record; steps only go forward. */
  appendLog(record: LogRecord): void;
  /** True when the run wants a checkpoint at this evaluated step. */
  wantsCheckpoint(step: number, totalSteps: number): boolean;
  hasCheckpoint(step: number): boolean;
  checkpoint(state: TrainingState, at: CheckpointMeta): Promise<void>;
  /**
   * Loads the last checkpoint into the state and returns the run's records up to it, or null when
   * there is none; refuses a log that lacks an evaluation `schedule` asked for before the checkpoint.
   */
  restore(state: TrainingState, schedule: { totalSteps: number; evaluation: ResolvedEvaluationSchedule }): Promise<Resumed | null>;
  /** Records how the run ended, or clears it (null). */
  setOutcome(outcome: RunOutcome | null): void;
  /** Gives the run up (its lock) at the end. */
  close(): void;
}
