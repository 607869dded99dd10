/** One evaluation of a run, as a line of its `log.jsonl`. */
export interface LogRecord {
  /** Optimizer updates done so far. */
  step: number;
  /** Passes over the training set so far (step · batch / train size). */
  epoch: number;
  trainLoss: number;
  trainAccuracy: number;
  valLoss: number;
  valAccuracy: number;
  /** L2 norm of all parameters together. */
  weightNorm: number;
  /** Learning rate used by the last update. */
  lr: number;
  /** Seconds of training since the run started (summed over resumed sessions). */
  wallTime: number;
}
