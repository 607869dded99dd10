/**
 * Keeps a tslab kernel's output from being lost in a cell that sends many messages.
 *
 * tslab 1.0.22 sends every Jupyter message with zeromq 6's `socket.send()` and neither awaits nor
 * catches it. zeromq 6 sends at once only 512 times in a row on one socket; the 513th send is put
 * off to the next turn of the event loop (so as not to starve it), and until that turn every
 * further `send()` throws "Socket is busy writing" (EBUSY). Measured in a kernel: a cell that
 * updated a display 1,500 times got 502 through, then the update threw out of the cell, which
 * ended with status "error" and no error message (that message is sent the same way, and was lost
 * too), and the cell's idle status never arrived. A live sweep figure updated every second reaches
 * 512 iopub messages in minutes: this was the long sweep cells that failed without an error.
 *
 * With the socket's `sendTimeout` at 0 zeromq always sends at once (zmq_msg_send with DONTWAIT,
 * which a PUB socket never refuses: past its high-water mark it drops instead of blocking), so no
 * send is put off and none throws. tslab's iopub socket is made before groklab is imported, so
 * the Publisher class of every zeromq copy the process has loaded gets a `send` that sets it first.
 */
const PATCHED = Symbol.for("groklab.synchronousKernelSends");

interface SocketPrototype {
  send: (this: { sendTimeout: number }, message: unknown) => unknown;
  [PATCHED]?: true;
}

/** The loaded zeromq modules' Publisher prototypes (tslab's copy, and any other). */
function publisherPrototypes(): SocketPrototype[] {
  return Object.keys(require.cache)
    .filter((k) => /[\\/]zeromq[\\/]lib[\\/]index\.js$/.test(k))
    .map((k) => (require.cache[k]?.exports as { Publisher?: { prototype: SocketPrototype } } | undefined)?.Publisher?.prototype)
    .filter((p): p is SocketPrototype => p !== undefined && typeof p.send === "function");
}

/**
 * Makes every loaded zeromq Publisher send at once (sendTimeout 0) from its next send on; safe to
 * call many times. Returns how many zeromq copies it patched now (0 outside a kernel, or when done).
 * @example
 * synchronousKernelSends(); // before the first display of a cell
 */
export function synchronousKernelSends(): number {
  let patched = 0;
  for (const proto of publisherPrototypes()) {
    if (proto[PATCHED]) continue;
    const send = proto.send;
    Object.defineProperty(proto, "send", {
      configurable: true,
      writable: true,
      value: function (this: { sendTimeout: number }, message: unknown) {
        if (this.sendTimeout !== 0) this.sendTimeout = 0;
        return send.call(this, message);
      },
    });
    Object.defineProperty(proto, PATCHED, { value: true });
    patched += 1;
  }
  return patched;
}
