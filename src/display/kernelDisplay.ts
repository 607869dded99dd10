/**
 * The one place that writes to the Jupyter kernel. tslab's public `display.*` sends one MIME type
 * per message; a figure needs several in one display_data (interactive HTML, the Plotly JSON, a
 * PNG, text). tslab 1.0.22 keeps the writer of the executing cell in the `lastWriteDisplayData`
 * export of its `dist/jupyter.js` module; the running kernel's copy is found in require.cache.
 * If a tslab upgrade moves it, `kernelWriter` fails loudly instead of showing nothing.
 */
import { MimeBundle } from "./MimeBundle";
import { synchronousKernelSends } from "./synchronousKernelSends";

/** Receives display messages; `update` replaces the output with the same display id. */
export type DisplaySink = (bundle: MimeBundle, displayId: string | undefined, update: boolean) => void;

type TslabWriter = (content: object, update: boolean) => void;

let sink: DisplaySink | undefined;

/** Routes displays somewhere else (tests, scripts); `undefined` restores the kernel. */
export function setDisplaySink(next: DisplaySink | undefined): void {
  sink = next;
}

/**
 * The tslab `jupyter` module loaded by the running kernel, if any. When two copies are loaded (the
 * kernel started from another checkout's tslab, and this one's required too), the kernel's is the
 * one whose writer is set.
 */
function tslabJupyterModule(): { lastWriteDisplayData?: TslabWriter | null } | undefined {
  const modules = Object.keys(require.cache)
    .filter((k) => /[\\/]tslab[\\/]dist[\\/]jupyter\.js$/.test(k))
    .map((k) => require.cache[k]?.exports as { lastWriteDisplayData?: TslabWriter | null });
  return modules.find((m) => typeof m.lastWriteDisplayData === "function") ?? modules[0];
}

/** True inside a tslab kernel (its jupyter module is loaded). */
export function inKernel(): boolean {
  return tslabJupyterModule() !== undefined;
}

/**
 * The kernel's display writer, captured now (so output produced later in the cell still goes to
 * this cell's output area).
 * @throws when tslab is loaded but no longer exposes `lastWriteDisplayData` (an incompatible tslab).
 */
export function kernelWriter(): DisplaySink {
  if (sink) return sink;
  const jupyter = tslabJupyterModule();
  if (!jupyter) {
    // Plain Node (a script, a test): print the text representation.
    return (bundle) => console.log(String(bundle.data["text/plain"] ?? ""));
  }
  if (!("lastWriteDisplayData" in jupyter)) {
    throw new Error(
      "kernelWriter: this tslab has no lastWriteDisplayData in dist/jupyter.js; groklab needs tslab 1.0.22 " +
        '(run "npm ci" in the groklab folder, then restart the kernel)',
    );
  }
  const write = jupyter.lastWriteDisplayData;
  if (typeof write !== "function") {
    throw new Error("kernelWriter: tslab has not started executing a cell yet (lastWriteDisplayData is null)");
  }
  synchronousKernelSends(); // else the 513th message in a row puts zeromq's sends off, and the next ones throw
  return (bundle, displayId, update) =>
    write(
      { data: bundle.data, metadata: bundle.metadata ?? {}, transient: displayId ? { display_id: displayId } : {} },
      update,
    );
}

/**
 * Sends one multi-MIME display_data (or update_display_data) message.
 * @example
 * writeDisplay({ data: { "text/html": "<b>hi</b>", "text/plain": "hi" } });
 */
export function writeDisplay(bundle: MimeBundle, displayId?: string, update = false): void {
  kernelWriter()(bundle, displayId, update);
}
