/**
 * Test helper: a hand-made grokking log whose events are known. Training accuracy holds 99% from
 * step 300; when `grokks`, validation accuracy rises after 1,500 (transition) and holds 99% from
 * 2,400; otherwise it stays at or below 0.3 (`plateau: false`: flat at 0.02). Losses mirror the
 * accuracies; the weight norm falls 5 an evaluation from 100.
 */
import { LogRecord } from "../../src/logs/LogRecord";

export const LOG_STEPS = [0, 100, 200, 300, 400, 600, 1000, 1500, 2000, 2200, 2400, 2600, 2800, 3000];

export function grokkingLog(options: { grokks?: boolean; plateau?: boolean } = {}): LogRecord[] {
  const { grokks = true, plateau = true } = options;
  const rising = [0.01, 0.01, 0.02, 0.02, 0.02, 0.02, 0.03, 0.03, 0.05, 0.5, 0.995, 0.996, 0.997, 0.998];
  const val = plateau ? rising.map((v) => (grokks ? v : Math.min(v, 0.3))) : LOG_STEPS.map(() => 0.02);
  const train = [0.01, 0.4, 0.9, 0.995, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
  return LOG_STEPS.map((step, i) => ({
    step, epoch: step, trainLoss: 1 - train[i] + 1e-3, trainAccuracy: train[i], valLoss: 1 - val[i] + 1e-3, valAccuracy: val[i], weightNorm: 100 - 5 * i, lr: 1e-3, wallTime: i,
  }));
}
