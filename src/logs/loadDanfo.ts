/**
 * Loads danfojs-node for tables. danfojs-node 1.2 computes on "@tensorflow/tfjs-node"; where that
 * package's native binding is missing (no libtensorflow: the usual case offline), its request is
 * answered with "@tensorflow/tfjs", the same tfjs instance groklab uses, while danfo loads.
 * danfo's arithmetic is float32 (0.1 + 1 = 1.100000023841858): use it to display and group logs,
 * never for numbers that must be exact (environment.md).
 */
import Module = require("module");
import { tfjsNodeAvailable } from "../backend/tfjsNodeAvailable";

type Resolver = (request: string, ...rest: unknown[]) => string;

/**
 * @example
 * const dfd = loadDanfo();
 * await show(new dfd.DataFrame(records));
 */
export function loadDanfo(): typeof import("danfojs-node") {
  const M = Module as unknown as { _resolveFilename: Resolver };
  const original = M._resolveFilename;
  if (!tfjsNodeAvailable().ok) {
    M._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
      return original.call(this, request === "@tensorflow/tfjs-node" ? "@tensorflow/tfjs" : request, ...rest);
    };
  }
  try {
    return require("danfojs-node");
  } catch (err) {
    throw new Error(
      `loadDanfo: danfojs-node did not load (${(err as Error).message.split("\n")[0]}); run "npm ci" in the groklab folder`,
    );
  } finally {
    M._resolveFilename = original;
  }
}
