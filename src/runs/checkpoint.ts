/**
 * Checkpoints: model weights, optimizer state, random-generator state and step, written
 * atomically (data file, then manifest, each written to a temporary name and renamed), so a
 * kill at any moment leaves either the old checkpoint or the new one, never half of one.
 */
import * as fs from "fs";
import * as path from "path";
import * as tf from "@tensorflow/tfjs";
import { makeFolder } from "./makeFolder";
import { writeAtomic } from "./writeAtomic";
import { CheckpointMeta } from "../train/RunSink";

interface Manifest extends CheckpointMeta {
  format: "groklab-checkpoint-1";
  tensors: { name: string; shape: number[]; offset: number; length: number }[];
  bytes: number;
}

const FORMAT = "groklab-checkpoint-1";

function names(dir: string, step: number) {
  const base = path.join(dir, `step-${String(step).padStart(9, "0")}`);
  return { manifest: `${base}.json`, data: `${base}.bin` };
}

/**
 * Saves named float32 tensors and the run state under `dir`.
 * @example
 * await saveCheckpoint("runs/a/checkpoints", { ...model.params, ...optimizerState }, { step: 100, randomState: 7, wallTime: 3.2 });
 */
export async function saveCheckpoint(dir: string, tensors: Record<string, tf.Tensor>, meta: CheckpointMeta): Promise<string> {
  makeFolder(path.dirname(dir), dir);
  const entries: Manifest["tensors"] = [];
  const chunks: Float32Array[] = [];
  let offset = 0;
  for (const [name, t] of Object.entries(tensors)) {
    const values = t.dtype === "float32" ? ((await t.data()) as Float32Array) : Float32Array.from(await t.data());
    entries.push({ name, shape: t.shape, offset, length: values.length });
    chunks.push(values);
    offset += values.length;
  }
  const all = new Float32Array(offset);
  chunks.forEach((c, i) => all.set(c, entries[i].offset));
  const file = names(dir, meta.step);
  const runDir = path.dirname(dir);
  writeAtomic(runDir, file.data, new Uint8Array(all.buffer));
  const manifest: Manifest = { format: FORMAT, ...meta, tensors: entries, bytes: all.byteLength };
  try {
    writeAtomic(runDir, file.manifest, JSON.stringify(manifest));
  } catch (err) {
    fs.rmSync(file.data, { force: true }); // a data file without its manifest is no checkpoint
    throw err;
  }
  return file.manifest;
}

/** Steps of the complete checkpoints in `dir`, ascending. */
export function listCheckpoints(dir: string): number[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .map((f) => /^step-(\d+)\.json$/.exec(f))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]))
    .sort((a, b) => a - b);
}

/** The manifest's path of the checkpoint of `step` in `dir`. */
export function checkpointFile(dir: string, step: number): string {
  return names(dir, step).manifest;
}

/**
 * The first model tensor that the checkpoint of `step` lacks or holds in another shape, read from
 * its manifest alone (no data loaded); null when every one of `shapes` fits.
 * @example
 * checkpointMismatch("runs/a/checkpoints", 100, { "model/embed.E1": [11, 64] });
 * // '"model/embed.E1" is [7, 64] there and [11, 64] in the model'
 */
export function checkpointMismatch(dir: string, step: number, shapes: Record<string, number[]>): string | null {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(names(dir, step).manifest, "utf8"));
  } catch (err) {
    return `its manifest cannot be read (${(err as Error).message})`;
  }
  const held = new Map((manifest.tensors ?? []).map((t) => [t.name, t.shape]));
  for (const [name, shape] of Object.entries(shapes)) {
    const there = held.get(name);
    if (!there) return `it has no "${name}"`;
    if (there.length !== shape.length || there.some((d, i) => d !== shape[i])) {
      return `"${name}" is [${there.join(", ")}] there and [${shape.join(", ")}] in the model`;
    }
  }
  const extra = [...held.keys()].find((n) => n.startsWith("model/") && !(n in shapes));
  return extra ? `it has "${extra}", which the model does not` : null;
}

/** A loaded checkpoint; the caller disposes `tensors`. */
export interface Checkpoint extends CheckpointMeta {
  tensors: Record<string, tf.Tensor>;
}

/**
 * Loads the checkpoint of `step` (default: the latest) from `dir`.
 * Throws, naming the file, when it is missing, truncated or from another format.
 */
export function loadCheckpoint(dir: string, step?: number): Checkpoint {
  const steps = listCheckpoints(dir);
  const wanted = step ?? steps[steps.length - 1];
  if (wanted === undefined || !steps.includes(wanted)) {
    throw new Error(
      `loadCheckpoint: no checkpoint${step === undefined ? "" : ` for step ${step}`} in "${dir}"; ` +
        `available steps: ${steps.length ? steps.join(", ") : "none"}`,
    );
  }
  const file = names(dir, wanted);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(file.manifest, "utf8"));
  } catch (err) {
    throw new Error(`loadCheckpoint: "${file.manifest}" is corrupt (${(err as Error).message})`);
  }
  if (manifest.format !== FORMAT) {
    throw new Error(`loadCheckpoint: "${file.manifest}" has format "${manifest.format}"; expected "${FORMAT}"`);
  }
  const bytes = fs.existsSync(file.data) ? fs.readFileSync(file.data) : Buffer.alloc(0);
  if (bytes.byteLength !== manifest.bytes) {
    throw new Error(
      `loadCheckpoint: "${file.data}" holds ${bytes.byteLength} bytes; its manifest expects ${manifest.bytes}`,
    );
  }
  const all = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const tensors: Record<string, tf.Tensor> = {};
  for (const e of manifest.tensors) tensors[e.name] = tf.tensor(all.subarray(e.offset, e.offset + e.length), e.shape);
  return { step: manifest.step, randomState: manifest.randomState, wallTime: manifest.wallTime, tensors };
}
