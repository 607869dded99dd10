/**
 * Runs tfjs-core's own op specs (shipped in @tensorflow/tfjs-core/dist, the suite every official
 * backend runs with jasmine) against the wasm backend with groklab's kernel fixes, for the kernels
 * groklab registers or replaces: BatchMatMul (matmul specs) and UnsortedSegmentSum (its specs and
 * gather's gradient specs). Bundled with esbuild so that specs, backend and patches share one
 * tfjs-core; run by scripts/tfjsCoreOps.sh.
 */
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { setTestEnvs, setupTestFilters } from "@tensorflow/tfjs-core/dist/jasmine_util";
import { patchWasmKernels } from "../../src/backend/patchWasmKernels";

setWasmPaths(`${process.env.GROKLAB_WASM_DIR}/`);
patchWasmKernels();
setTestEnvs([{ name: "wasm-groklab", backendName: "wasm", isDataSync: true }]);

/** Specs left out, each with its reason. */
export const EXCLUDED: Record<string, string> = {
  "upcasts when dtypes dont match":
    "the wasm BatchMatMul multiplies float32 only (the stock kernel throws the same error); groklab multiplies float32 only",
};

setupTestFilters(
  [
    { include: "matmul", excludes: Object.keys(EXCLUDED) },
    { include: "unsortedSegmentSum", excludes: Object.keys(EXCLUDED) },
    { include: "gather", excludes: Object.keys(EXCLUDED) },
  ],
  () => false,
);
