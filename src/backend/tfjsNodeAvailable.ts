/**
 * Whether @tensorflow/tfjs-node's native binding loads here. It is an optional dependency whose
 * install script (a libtensorflow download, denied in package.json's allowScripts) only a machine
 * with internet can run; without it, requiring the package throws.
 */
let cached: { ok: boolean; why: string } | undefined;

/** True when `require("@tensorflow/tfjs-node")` succeeds (result cached for the process). */
export function tfjsNodeAvailable(): { ok: boolean; why: string } {
  if (!cached) {
    try {
      require("@tensorflow/tfjs-node");
      cached = { ok: true, why: "" };
    } catch (err) {
      cached = { ok: false, why: (err as Error).message.split("\n")[0] };
    }
  }
  return cached;
}
