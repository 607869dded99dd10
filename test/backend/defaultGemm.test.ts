import assert from "node:assert/strict";
import { test } from "node:test";
import { cpuFlags, defaultGemm } from "../../src/backend/defaultGemm";

// Flags lines as /proc/cpuinfo gives them (abridged) on the two EPYC kinds measured.
const ZEN1 = "fpu vme de pse tsc msr pae mce cx8 apic sep mtrr sse sse2 ht syscall nx mmxext fxsr_opt pdpe1gb rdtscp lm rep_good nopl cpuid pni pclmulqdq ssse3 fma cx16 sse4_1 sse4_2 movbe popcnt aes xsave avx f16c rdrand hypervisor lahf_lm cmp_legacy cr8_legacy abm sse4a misalignsse 3dnowprefetch bmi1 avx2 smep bmi2 rdseed adx smap clflushopt sha_ni xsaveopt xsavec xgetbv1 clzero xsaveerptr arat npt nrip_save";
const GENOA = "fpu vme de pse tsc msr pae mce cx8 apic sep sse sse2 ht syscall nx lm pni ssse3 fma sse4_1 sse4_2 avx f16c avx2 bmi2 avx512f avx512dq avx512ifma avx512cd avx512bw avx512vl avx512_bf16 avx512vbmi";

test("defaultGemm: oneDNN with AVX-512, OpenBLAS without, oneDNN where the flags are unknown", () => {
  assert.equal(defaultGemm(GENOA), "onednn");
  assert.equal(defaultGemm(ZEN1), "openblas");
  // avx512vl alone (no avx512f) is not AVX-512 foundation: OpenBLAS.
  assert.equal(defaultGemm("sse2 avx2 avx512vl"), "openblas");
  assert.equal(defaultGemm(null), "onednn");
});

test("defaultGemm: without AVX-512, oneDNN when OpenBLAS runs kernels below the CPU's class (a model newer than its table)", () => {
  assert.equal(defaultGemm(ZEN1, undefined, "Zen"), "openblas");
  assert.equal(defaultGemm(ZEN1, undefined, "Haswell"), "openblas");
  assert.equal(defaultGemm(ZEN1, undefined, "Prescott"), "onednn");
  assert.equal(defaultGemm(ZEN1, undefined, ""), "openblas"); // unknown: as before
  assert.equal(defaultGemm(ZEN1, "openblas", "Prescott"), "openblas"); // GROKLAB_GEMM still chooses
  assert.equal(defaultGemm(GENOA, undefined, "Prescott"), "onednn");
});

test("defaultGemm: GROKLAB_GEMM chooses, and a bad value names the variable and what it got", () => {
  assert.equal(defaultGemm(ZEN1, "onednn"), "onednn");
  assert.equal(defaultGemm(GENOA, "openblas"), "openblas");
  assert.equal(defaultGemm(ZEN1, ""), "openblas");
  assert.throws(() => defaultGemm(ZEN1, "mkl"), /GROKLAB_GEMM must be "onednn" or "openblas"; received "mkl"/);
});

test("cpuFlags reads this machine's flags line (Linux)", { skip: process.platform !== "linux" }, () => {
  const flags = cpuFlags();
  assert.ok(flags !== null && /(^|\s)sse2(\s|$)/.test(flags), `flags: ${flags}`);
});
