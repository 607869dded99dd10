/**
 * Runs tfjs-core's own op specs (shipped in @tensorflow/tfjs-core/dist, the suite every official
 * backend runs with jasmine) against groklab's kernels: the wasm backend with groklab's fixes
 * (BatchMatMul, UnsortedSegmentSum, GatherV2, Identity, Transpose) or the libtorch backend (every natively computed kernel).
 * GROKLAB_SPEC_BACKEND picks the backend. Bundled with esbuild so that specs, backend and kernels
 * share one tfjs-core; run by scripts/tfjsCoreOps.sh.
 */
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { setTestEnvs, setupTestFilters } from "@tensorflow/tfjs-core/dist/jasmine_util";
import { patchWasmKernels } from "../../src/backend/patchWasmKernels";
import { registerLibtorchBackend } from "../../src/backend/registerLibtorchBackend";

const backend = process.env.GROKLAB_SPEC_BACKEND ?? "wasm";

/** The describe() blocks that exercise groklab's kernels, per backend. */
const SUITES: Record<string, string[]> = {
  wasm: ["matmul", "matmulBatch", "dot", "unsortedSegmentSum", "gather", "transpose", "clone", "identity"],
  libtorch: [
    "matmul", "matmulBatch", "dot", "unsortedSegmentSum", "gather", "add", "sub", "mul", "div", "maximum", "minimum",
    "relu", "step kernel", "exp", "log", "neg", "sqrt", "square", "sum", "max", "min", "mean", "oneHot",
    "concat1d", "concat2d", "concat3d", "transpose", "slice ", "slice5d", "slice6d", "shallow slicing", "ergonomics",
    "pad 1d", "pad 2d", "pad 3d", "pad 4d", "pad", "softmax",
  ],
};

/** Specs left out, per backend, each with its reason. */
export const EXCLUDED: Record<string, Record<string, string>> = {
  wasm: {
    "accepts complex64 input": "the wasm backend has no Complex kernel, so the spec cannot build its input (stock tfjs-backend-wasm 4.22 fails it the same way)",
    "upcasts when dtypes dont match":
      "the wasm BatchMatMul multiplies float32 only (the stock kernel throws the same error); groklab multiplies float32 only",
  },
  libtorch: {},
};

switch (backend) {
  case "wasm":
    setWasmPaths(`${process.env.GROKLAB_WASM_DIR}/`);
    patchWasmKernels();
    break;
  case "libtorch":
    registerLibtorchBackend();
    break;
  default:
    throw new Error(`tfjsCoreOps: invalid GROKLAB_SPEC_BACKEND "${backend}"; expected "wasm" or "libtorch"`);
}
const envName = `${backend}-groklab`;
setTestEnvs([{ name: envName, backendName: backend, isDataSync: true }]);
setupTestFilters(
  SUITES[backend].map((suite) => ({ startsWith: `${suite} ${envName} `, excludes: Object.keys(EXCLUDED[backend]) })),
  () => false,
);
