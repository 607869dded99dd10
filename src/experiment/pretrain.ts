/**
 * Pre-training on a simpler task first (the synthesis's fourth idea for faster grokking, issue 12):
 * the model trains on another operation of the same p, with the same split seed and the same train
 * settings, until its validation accuracy holds `valAccuracy` for 3 evaluations or `steps` run out;
 * then (optionally with the unembedding drawn anew) it trains on the target, with a fresh optimizer.
 * The target run's log and steps start at 0 after the pre-training; what the pre-training cost is
 * kept in the run folder's pretrain.json (steps, seconds, validation accuracy), so that times to
 * grok can be reported with and without it.
 */
import { makeDataset } from "../data/makeDataset";
import { buildModel } from "../models/buildModel";
import { Model } from "../models/Model";
import { train } from "../train/train";
import { PretrainSummary, writePretrainSummary } from "../runs/pretrainSummary";
import type { ResolvedExperiment } from "./resolveExperiment";



/**
 * Pre-trains `model` in place as `config.pretrain` says and writes the summary into `dir`; returns
 * null (and writes nothing) when stopped by `signal`, so the run starts its pre-training again.
 */
export async function pretrain(model: Model, config: ResolvedExperiment, dir: string, signal?: AbortSignal): Promise<PretrainSummary | null> {
  const pre = config.pretrain!;
  const dataset = makeDataset({ ...config.data, operation: pre.operation });
  const result = await train(
    model,
    dataset,
    { ...config.train, steps: pre.steps, stopAtValAccuracy: { valAccuracy: pre.valAccuracy, patience: 3 }, maxSeconds: undefined },
    undefined,
    undefined,
    signal,
  );
  if (result.stoppedBy === "signal") return null;
  const last = result.records.at(-1)!;
  if (pre.resetUnembedding) {
    const fresh = buildModel({ ...config.model, seed: config.model.seed + 1 });
    const head = model.roles.unembedding;
    model.params[head].assign(fresh.params[head]);
    fresh.dispose();
  }
  const summary: PretrainSummary = { operation: pre.operation, steps: last.step, seconds: last.wallTime, valAccuracy: last.valAccuracy, resetUnembedding: pre.resetUnembedding };
  writePretrainSummary(dir, summary);
  return summary;
}
