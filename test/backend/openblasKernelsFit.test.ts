import assert from "node:assert/strict";
import { test } from "node:test";
import { openblasCoreFor, openblasKernelsFit } from "../../src/backend/openblasKernelsFit";

// /proc/cpuinfo flags (abridged) of the machine kinds measured here.
const XEON_207 = "fpu sse2 ssse3 fma sse4_1 sse4_2 avx f16c avx2 bmi2 avx512f avx512dq avx512ifma avx512cd avx512bw avx512vl avx512vbmi";
const ZEN1 = "fpu sse sse2 ssse3 fma sse4_1 sse4_2 avx f16c bmi1 avx2 smep bmi2";
const OLD = "fpu sse sse2 ssse3 sse4_1 sse4_2 avx";

test("openblasKernelsFit: an AVX-512 CPU wants AVX-512 kernels; Prescott (OpenBLAS's fallback) and Haswell fall short", () => {
  assert.equal(openblasKernelsFit("SkylakeX", XEON_207), true);
  assert.equal(openblasKernelsFit("COOPERLAKE", XEON_207), true); // case-insensitive, as OPENBLAS_CORETYPE
  assert.equal(openblasKernelsFit("Prescott", XEON_207), false);
  assert.equal(openblasKernelsFit("Haswell", XEON_207), false);
});

test("openblasKernelsFit: an AVX2 CPU wants AVX2 kernels or wider; a CPU without AVX2 takes any", () => {
  assert.equal(openblasKernelsFit("Zen", ZEN1), true);
  assert.equal(openblasKernelsFit("Haswell", ZEN1), true);
  assert.equal(openblasKernelsFit("Sandybridge", ZEN1), false);
  assert.equal(openblasKernelsFit("Prescott", ZEN1), false);
  // avx512vl without avx512f is not AVX-512: the AVX2 rule
  assert.equal(openblasKernelsFit("Haswell", `${ZEN1} avx512vl`), true);
  assert.equal(openblasKernelsFit("Prescott", OLD), true);
});

test("openblasCoreFor: the OPENBLAS_CORETYPE of the CPU's class, null for older CPUs or unknown flags", () => {
  assert.equal(openblasCoreFor(XEON_207), "SkylakeX");
  assert.equal(openblasCoreFor(ZEN1), "Haswell");
  assert.equal(openblasCoreFor(OLD), null);
  assert.equal(openblasCoreFor(null), null);
  // what it names, fits
  assert.equal(openblasKernelsFit(openblasCoreFor(XEON_207)!, XEON_207), true);
  assert.equal(openblasKernelsFit(openblasCoreFor(ZEN1)!, ZEN1), true);
});
