/**
 * A run's log written in the formats other tools produce, so that a log made here can stand in for
 * one a user brings (and `loadLog` reads each back):
 * - "lightning": PyTorch Lightning's CSVLogger `metrics.csv` as openai/grok writes it: one row per
 *   logging call, so the training metrics and the validation metrics of a step sit on different
 *   rows with the other columns empty; accuracies in percent;
 * - "long": (epoch, input_type, metric_name, layer, value) rows, one per number: input_type "train"
 *   or "val", metric_name "loss" or "accuracy" (a fraction), layer empty.
 */
import { LogRecord } from "./LogRecord";

export type ExportFormat = "lightning" | "long";

const num = (v: number) => (Number.isFinite(v) ? String(v) : Number.isNaN(v) ? "" : v > 0 ? "inf" : "-inf");

/**
 * @example
 * fs.writeFileSync("metrics.csv", exportLog(loadLog("runs/a/log.jsonl").records, "lightning"));
 */
export function exportLog(records: LogRecord[], format: ExportFormat): string {
  if (!Array.isArray(records)) throw new Error(`exportLog: records must be an array of log records; received ${typeof records}`);
  switch (format) {
    case "lightning": {
      const lines = ["epoch,learning_rate,step,train_accuracy,train_loss,val_accuracy,val_loss"];
      for (const r of records) {
        lines.push([num(r.epoch), num(r.lr), num(r.step), num(100 * r.trainAccuracy), num(r.trainLoss), "", ""].join(","));
        lines.push([num(r.epoch), "", num(r.step), "", "", num(100 * r.valAccuracy), num(r.valLoss)].join(","));
      }
      return lines.join("\n") + "\n";
    }
    case "long": {
      const lines = ["epoch,input_type,metric_name,layer,value"];
      for (const r of records) {
        lines.push(`${r.step},train,loss,,${num(r.trainLoss)}`, `${r.step},train,accuracy,,${num(r.trainAccuracy)}`);
        lines.push(`${r.step},val,loss,,${num(r.valLoss)}`, `${r.step},val,accuracy,,${num(r.valAccuracy)}`);
      }
      return lines.join("\n") + "\n";
    }
    default:
      throw new Error(`exportLog: invalid format "${format as string}"; expected "lightning" or "long"`);
  }
}
