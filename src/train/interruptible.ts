/**
 * Ctrl-C, or a notebook's stop button (the kernel gets SIGINT), stops a training loop at its next
 * step boundary instead of killing it or abandoning it: for the loop's duration SIGINT aborts an
 * AbortSignal, and the process's own SIGINT listeners (tslab's, which would fail the cell and let
 * the loop run on) are set aside and restored afterwards. A caller that passes its own signal (the
 * command line) keeps its handlers. The swap waits for the next turn of the event loop: a
 * notebook cell's synchronous part runs under Node's vm SIGINT watchdog (breakOnSigint), and a
 * SIGINT listener added there never hears the signal.
 */

/**
 * @returns the signal to watch and a `restore` to call when the loop ends
 * @example
 * const { signal, restore } = interruptible(options.signal);
 * try { … if (signal.aborted) break; … } finally { restore(); }
 */
export function interruptible(given?: AbortSignal): { signal: AbortSignal; restore: () => void } {
  if (given) return { signal: given, restore: () => {} };
  const controller = new AbortController();
  const onInterrupt = () => controller.abort();
  let saved: Function[] | null = null;
  const swap = setImmediate(() => {
    saved = process.listeners("SIGINT");
    process.removeAllListeners("SIGINT");
    process.on("SIGINT", onInterrupt);
  });
  let restored = false;
  return {
    signal: controller.signal,
    restore: () => {
      if (restored) return;
      restored = true;
      clearImmediate(swap);
      if (saved === null) return; // never swapped
      process.removeListener("SIGINT", onInterrupt);
      for (const l of saved) process.on("SIGINT", l as (...args: unknown[]) => void);
    },
  };
}
