import { test } from "node:test";
import * as assert from "node:assert/strict";
import { describeWay, productLibraries, pytorch2Ways } from "../../bench/pytorch2";

// The lines torch.__config__.show() printed for torch 2.15.0+cu132 from PyPI on this machine.
const WHEEL_CONFIG = `PyTorch built with:
  - GCC 13.3
  - Intel(R) oneAPI Math Kernel Library Version 2024.2-Product Build 20240605 for Intel(R) 64 architecture applications
  - Intel(R) MKL-DNN v3.13.3 (Git Hash b38f97eb6f2173513112f15a0481750b8a66e901)
  - Build settings: BLAS_INFO=mkl, BUILD_TYPE=Release, LAPACK_INFO=mkl`;

test("productLibraries names MKL's and oneDNN's versions from the wheel's build text", () => {
  assert.equal(productLibraries(WHEEL_CONFIG), "MKL 2024.2, oneDNN v3.13.3");
});

test("productLibraries falls back to BLAS_INFO (an OpenBLAS build) and to 'unknown'", () => {
  assert.equal(productLibraries("Build settings: BLAS_INFO=open, BUILD_TYPE=Release"), "open");
  assert.equal(productLibraries(""), "unknown");
});

test("pytorch2Ways: eager and compiled at each thread count; the default added only when it is not one of them", () => {
  assert.deepEqual(pytorch2Ways([1, 2], 2), [
    { compile: false, threads: 1 },
    { compile: true, threads: 1 },
    { compile: false, threads: 2 },
    { compile: true, threads: 2 },
  ]);
  const eight = pytorch2Ways([1, 16], 8);
  assert.equal(eight.length, 6);
  assert.deepEqual(eight.slice(4), [
    { compile: false, threads: 0 },
    { compile: true, threads: 0 },
  ]);
});

test("describeWay says eager or compiled, the threads, and when they are PyTorch's default", () => {
  assert.equal(describeWay({ compile: true, threads: 2 }, 2), "torch.compile, 2 threads (its default)");
  assert.equal(describeWay({ compile: false, threads: 1 }, 2), "eager, 1 thread");
  assert.equal(describeWay({ compile: false, threads: 0 }, 8), "eager, 8 threads (its default)");
});
