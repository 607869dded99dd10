// groklab's native kernels: tfjs float32 tensors (JS Float32Arrays, no copy) computed with libtorch's
// ATen, oneDNN's sgemm for plain products, and groklab's own loops (fused kernels, gather, segment
// sums, tiny batched products), all on ATen's OpenMP threads. Each function takes input buffers and
// shapes and writes into an output buffer that the caller allocated with the right size; shapes
// are validated here so that a mismatch is an exception, never memory corruption.
#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <malloc.h>
#include <napi.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "views.h"

// oneDNN's row-major sgemm (libdnnl, which Debian's libtorch links): C = α·op(A)·op(B) + β·C.
// Declared here because Debian ships no oneDNN headers with the library. Weak: null against the
// libtorch of PyTorch's wheel, which links oneDNN inside and exports none of it; products are then
// ATen's mm (on the wheel's MKL).
extern "C" int dnnl_sgemm(char transa, char transb, int64_t M, int64_t N, int64_t K, float alpha, const float* A, int64_t lda,
                          const float* B, int64_t ldb, float beta, float* C, int64_t ldc) __attribute__((weak));

// OpenBLAS's name for the kernels it runs (libopenblas, which libtorch's BLAS is on Debian). Weak:
// null where the BLAS under libtorch is another one.
extern "C" char* openblas_get_corename() __attribute__((weak));
// MKL's version text (the BLAS inside PyTorch's x86 wheels). Weak: null under Debian's libtorch.
extern "C" void MKL_Get_Version_String(char* buffer, int length) __attribute__((weak));

namespace {

// Many tiny products of one shape (attention: 15,320 of [3×32]·[32×3]): one loop over the batch,
// where ATen's bmm pays a BLAS call per product (~1.7 GFLOP/s). a [batch, m, k] (or [batch, k, m]
// when transposed), b [batch, k, n] (or [batch, n, k]), contiguous; out [batch, m, n].
void SmallBatchedMatmul(const float* a, const float* b, float* out, int64_t batch, int64_t m, int64_t k, int64_t n, bool ta, bool tb) {
  at::parallel_for(0, batch, 256, [&](int64_t begin, int64_t end) {
    for (int64_t p = begin; p < end; p++) {
      const float* ap = a + p * m * k;
      const float* bp = b + p * k * n;
      float* op = out + p * m * n;
      for (int64_t i = 0; i < m; i++) {
        float* orow = op + i * n;
        if (tb && !ta) {  // rows of a times rows of b: dot products over contiguous k
          const float* arow = ap + i * k;
          for (int64_t j = 0; j < n; j++) {
            const float* brow = bp + j * k;
            float sum = 0.0f;
            for (int64_t kk = 0; kk < k; kk++) sum += arow[kk] * brow[kk];
            orow[j] = sum;
          }
          continue;
        }
        for (int64_t j = 0; j < n; j++) orow[j] = 0.0f;
        for (int64_t kk = 0; kk < k; kk++) {
          const float aik = ta ? ap[kk * m + i] : ap[i * k + kk];
          if (tb) {
            for (int64_t j = 0; j < n; j++) orow[j] += aik * bp[j * k + kk];
          } else {
            const float* brow = bp + kk * n;
            for (int64_t j = 0; j < n; j++) orow[j] += aik * brow[j];
          }
        }
      }
    }
  });
}

// Which library multiplies plain float32 matrices: oneDNN's sgemm (default; JIT kernels for the
// CPU's widest vectors, its own OpenMP threads) or ATen's mm on OpenBLAS. See gemm().
bool useOneDnn = dnnl_sgemm != nullptr;

// out[m×n] = op(a)·op(b) for contiguous row-major buffers, with oneDNN.
void OneDnnGemm(Napi::Env env, const float* a, const float* b, float* out, int64_t m, int64_t k, int64_t n, bool ta, bool tb) {
  if (m == 0 || n == 0) return;
  if (k == 0) {
    std::fill_n(out, m * n, 0.0f);
    return;
  }
  const int status = dnnl_sgemm(ta ? 'T' : 'N', tb ? 'T' : 'N', m, n, k, 1.0f, a, ta ? m : k, b, tb ? k : n, 0.0f, out, n);
  if (status != 0) throw Napi::Error::New(env, "groklab_torch: oneDNN's sgemm failed with status " + std::to_string(status));
}

// matmul(a, aShape, b, bShape, transposeA, transposeB, out, outShape)
Napi::Value Matmul(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::vector<int64_t> aShape = ShapeOf(info[1]), bShape = ShapeOf(info[3]);
  at::Tensor a = View(env, info[0], aShape, "a");
  at::Tensor b = View(env, info[2], bShape, "b");
  const bool ta = info[4].As<Napi::Boolean>(), tb = info[5].As<Napi::Boolean>();
  at::Tensor out = View(env, info[6], ShapeOf(info[7]), "out");
  const int64_t m = ta ? a.size(-1) : a.size(-2), k = ta ? a.size(-2) : a.size(-1), n = tb ? b.size(-2) : b.size(-1);
  const bool fits = (tb ? b.size(-1) : b.size(-2)) == k && out.numel() == (m * k > 0 ? a.numel() / (m * k) : 0) * m * n;
  const int64_t batchA = m * k > 0 ? a.numel() / (m * k) : 1, batchB = k * n > 0 ? b.numel() / (k * n) : 1;
  if (fits && useOneDnn && batchA == 1 && batchB == 1) {
    // a plain product (tfjs hands [1, m, k]·[1, k, n] over as a batch of one)
    OneDnnGemm(env, a.data_ptr<float>(), b.data_ptr<float>(), out.data_ptr<float>(), m, k, n, ta, tb);
    return env.Undefined();
  }
  if (fits && a.dim() >= 3 && aShape.size() == bShape.size() && std::equal(aShape.begin(), aShape.end() - 2, bShape.begin()) &&
      batchA > 1 && m * n * k <= 4096) {
    SmallBatchedMatmul(a.data_ptr<float>(), b.data_ptr<float>(), out.data_ptr<float>(), batchA, m, k, n, ta, tb);
    return env.Undefined();
  }
  if (ta) a = a.transpose(-1, -2);
  if (tb) b = b.transpose(-1, -2);
  if (a.dim() == 3 && b.dim() == 3 && a.size(0) == 1 && b.size(0) == 1) {
    a = a[0];
    b = b[0];
    out = out.view({out.size(-2), out.size(-1)});
  }
  const int64_t threads = at::get_num_threads();
  if (threads > 1 && a.dim() == 2 && b.dim() == 2 && out.dim() == 2 && a.size(0) >= 64 * threads) {
    // OpenBLAS runs one thread here (see libtorchAddon); split the rows of the product between
    // ATen's threads instead: each computes out[rows] = a[rows] · b with its own sgemm call.
    at::parallel_for(0, threads, 1, [&](int64_t begin, int64_t end) {
      for (int64_t t = begin; t < end; t++) {
        const int64_t lo = a.size(0) * t / threads, hi = a.size(0) * (t + 1) / threads;
        at::Tensor part = out.narrow(0, lo, hi - lo);
        at::mm_out(part, a.narrow(0, lo, hi - lo), b);
      }
    });
  } else {
    at::matmul_out(out, a, b);
  }
  return env.Undefined();
}

// binary(op, a, aShape, b, bShape, out, outShape): broadcasting element-wise ops.
Napi::Value Binary(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::string op = info[0].As<Napi::String>();
  at::Tensor a = View(env, info[1], ShapeOf(info[2]), "a");
  at::Tensor b = View(env, info[3], ShapeOf(info[4]), "b");
  at::Tensor out = View(env, info[5], ShapeOf(info[6]), "out");
  if (op == "Add") at::add_out(out, a, b);
  else if (op == "Sub") at::sub_out(out, a, b);
  else if (op == "Multiply") at::mul_out(out, a, b);
  else if (op == "RealDiv") at::div_out(out, a, b);
  else if (op == "Maximum") at::maximum_out(out, a, b);
  else if (op == "Minimum") at::minimum_out(out, a, b);
  else throw Napi::Error::New(env, "groklab_torch.binary: unknown op " + op);
  return env.Undefined();
}

// Runs body(begin, end) over [0, n) on ATen's threads when n is large enough to pay for them.
template <typename F>
void ForRange(int64_t n, const F& body) {
  at::parallel_for(0, n, 1 << 16, body);
}

// ReLU (x > 0 ? x : 0) or Step (x > 0 ? 1 : alpha) over [begin, end): selects, not branches (signs
// are random), so the loops vectorise; tfjs keeps NaN as NaN, copied in a second, rare pass.
void ReluOrStepRange(const float* __restrict in, float* __restrict o, bool relu, float alpha, int64_t begin, int64_t end) {
  if (relu) {
    for (int64_t i = begin; i < end; i++) o[i] = in[i] > 0.0f ? in[i] : 0.0f;
  } else {
    for (int64_t i = begin; i < end; i++) o[i] = in[i] > 0.0f ? 1.0f : alpha;
  }
  for (int64_t i = begin; i < end; i++) {
    if (__builtin_expect(in[i] != in[i], 0)) o[i] = in[i];
  }
}

// unary(op, x, shape, out, alpha)
Napi::Value Unary(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::string op = info[0].As<Napi::String>();
  std::vector<int64_t> shape = ShapeOf(info[2]);
  at::Tensor x = View(env, info[1], shape, "x");
  at::Tensor out = View(env, info[3], shape, "out");
  double alpha = info[4].IsNumber() ? info[4].As<Napi::Number>().DoubleValue() : 0.0;
  const int64_t n = x.numel();
  const float* in = x.data_ptr<float>();
  float* o = out.data_ptr<float>();
  if (op == "Relu" || op == "Step") {
    const float a = static_cast<float>(alpha);
    const bool relu = op == "Relu";
    ForRange(n, [&](int64_t begin, int64_t end) { ReluOrStepRange(in, o, relu, a, begin, end); });
  } else if (op == "Exp") at::exp_out(out, x);
  else if (op == "Log") at::log_out(out, x);
  else if (op == "Neg") at::neg_out(out, x);
  else if (op == "Sqrt") at::sqrt_out(out, x);
  else if (op == "Square") at::mul_out(out, x, x);
  else throw Napi::Error::New(env, "groklab_torch.unary: unknown op " + op);
  return env.Undefined();
}

// reduce(op, x, shape, axes, out, outShape): Sum / Max / Min / Mean over axes (keepDims handled by the caller's shape).
Napi::Value Reduce(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::string op = info[0].As<Napi::String>();
  at::Tensor x = View(env, info[1], ShapeOf(info[2]), "x");
  std::vector<int64_t> axes = ShapeOf(info[3]);
  std::vector<int64_t> outShape = ShapeOf(info[5]);
  at::Tensor out = View(env, info[4], outShape, "out");
  at::Tensor r;
  if (op == "Sum") r = x.sum(axes, /*keepdim=*/false);
  else if (op == "Max") r = x.amax(axes, false);
  else if (op == "Min") r = x.amin(axes, false);
  else if (op == "Mean") r = x.mean(axes, false);
  else throw Napi::Error::New(env, "groklab_torch.reduce: unknown op " + op);
  out.copy_(r.reshape(outShape));
  return env.Undefined();
}

// concat(inputs[], shapes[], axis, out, outShape)
Napi::Value Concat(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Array buffers = info[0].As<Napi::Array>();
  Napi::Array shapes = info[1].As<Napi::Array>();
  std::vector<at::Tensor> parts;
  for (uint32_t i = 0; i < buffers.Length(); i++) parts.push_back(View(env, buffers.Get(i), ShapeOf(shapes.Get(i)), "input"));
  at::Tensor out = View(env, info[3], ShapeOf(info[4]), "out");
  at::cat_out(out, parts, info[2].As<Napi::Number>().Int64Value());
  return env.Undefined();
}

// gather(x, [rows, inner], indices, out, [count, inner]): out[r] = x[indices[r]] (rows copied).
Napi::Value Gather(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::vector<int64_t> shape = ShapeOf(info[1]);
  const float* x = View(env, info[0], shape, "x").data_ptr<float>();
  int64_t count = 0;
  const int32_t* ids = CheckedIds(env, info[2], shape[0], &count);
  const int64_t inner = shape[1];
  float* out = View(env, info[3], {count, inner}, "out").data_ptr<float>();
  at::parallel_for(0, count, (1 << 16) / (inner + 1) + 1, [&](int64_t begin, int64_t end) {
    for (int64_t r = begin; r < end; r++) std::copy_n(x + ids[r] * inner, inner, out + r * inner);
  });
  return env.Undefined();
}

// segmentSum(x, [rows, inner], segmentIds, out, [segments, inner]): out[s] = Σ rows of x with id s.
// Threads split the columns, so no two write one place.
Napi::Value SegmentSum(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::vector<int64_t> shape = ShapeOf(info[1]);
  std::vector<int64_t> outShape = ShapeOf(info[4]);
  const float* x = View(env, info[0], shape, "x").data_ptr<float>();
  int64_t rows = 0;
  const int32_t* ids = CheckedIds(env, info[2], outShape[0], &rows);
  if (rows != shape[0]) throw Napi::RangeError::New(env, "groklab_torch: one segment id per row of x is needed");
  float* out = View(env, info[3], outShape, "out").data_ptr<float>();
  const int64_t inner = shape[1];
  std::fill_n(out, outShape[0] * inner, 0.0f);
  at::parallel_for(0, inner, 16, [&](int64_t c0, int64_t c1) {
    for (int64_t r = 0; r < rows; r++) {
      const float* __restrict src = x + r * inner;
      float* __restrict dst = out + ids[r] * inner;
      for (int64_t c = c0; c < c1; c++) dst[c] += src[c];
    }
  });
  return env.Undefined();
}

// transpose(x, shape, perm, out, outShape)
Napi::Value Transpose(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  at::Tensor x = View(env, info[0], ShapeOf(info[1]), "x");
  std::vector<int64_t> perm = ShapeOf(info[2]);
  at::Tensor out = View(env, info[3], ShapeOf(info[4]), "out");
  out.copy_(x.permute(perm));
  return env.Undefined();
}

// slice(x, shape, begin, size, out): the box x[begin : begin + size].
Napi::Value Slice(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::vector<int64_t> shape = ShapeOf(info[1]);
  at::Tensor x = View(env, info[0], shape, "x");
  std::vector<int64_t> begin = ShapeOf(info[2]);
  std::vector<int64_t> size = ShapeOf(info[3]);
  at::Tensor out = View(env, info[4], size, "out");
  at::Tensor v = x;
  for (size_t d = 0; d < size.size(); d++) v = v.narrow(static_cast<int64_t>(d), begin[d], size[d]);
  out.copy_(v);
  return env.Undefined();
}

// pad(x, shape, paddings (before0, after0, before1, …), value, out, outShape)
Napi::Value Pad(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  at::Tensor x = View(env, info[0], ShapeOf(info[1]), "x");
  std::vector<int64_t> p = ShapeOf(info[2]);
  double value = info[3].As<Napi::Number>().DoubleValue();
  at::Tensor out = View(env, info[4], ShapeOf(info[5]), "out");
  if (static_cast<int64_t>(p.size()) != 2 * x.dim()) throw Napi::RangeError::New(env, "groklab_torch: pad needs two paddings per dimension");
  // Fill, then copy x into its box: one pass over the output, no temporary.
  out.fill_(value);
  at::Tensor box = out;
  for (int64_t d = 0; d < x.dim(); d++) box = box.narrow(d, p[2 * d], x.size(d));
  box.copy_(x);
  return env.Undefined();
}

// Softmax of each row of `cols` values: the max, exp and sum in one place per row. Written out
// because ATen's kernel is slow for the short rows of attention patterns (3 keys: ~8× slower).
void SoftmaxRows(const float* __restrict x, float* __restrict o, int64_t cols, int64_t begin, int64_t end) {
  for (int64_t r = begin; r < end; r++) {
    const float* xr = x + r * cols;
    float* orow = o + r * cols;
    float max = xr[0];
    for (int64_t c = 1; c < cols; c++) max = xr[c] > max ? xr[c] : max;
    float sum = 0.0f;
    for (int64_t c = 0; c < cols; c++) sum += (orow[c] = std::exp(xr[c] - max));
    const float inv = 1.0f / sum;
    for (int64_t c = 0; c < cols; c++) orow[c] *= inv;
  }
}

// softmax(x, shape, out): over the last dimension.
Napi::Value Softmax(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::vector<int64_t> shape = ShapeOf(info[1]);
  at::Tensor x = View(env, info[0], shape, "x");
  at::Tensor out = View(env, info[2], shape, "out");
  const int64_t cols = shape.back();
  if (cols > 32) {
    at::_softmax_out(out, x, -1, false);
  } else if (cols > 0) {
    const float* in = x.data_ptr<float>();
    float* o = out.data_ptr<float>();
    at::parallel_for(0, x.numel() / cols, (1 << 14) / cols + 1, [&](int64_t b, int64_t e) { SoftmaxRows(in, o, cols, b, e); });
  }
  return env.Undefined();
}

// out = dy where x > 0, else 0, over [begin, end). Restrict pointers and a select (no branch: the
// signs are random) let the compiler vectorise it; NaNs in x are copied in a second, rare pass.
void ReluGradRange(const float* __restrict dy, const float* __restrict x, float* __restrict o, int64_t begin, int64_t end) {
  for (int64_t i = begin; i < end; i++) o[i] = x[i] > 0.0f ? dy[i] : 0.0f;
  for (int64_t i = begin; i < end; i++) {
    if (__builtin_expect(x[i] != x[i], 0)) o[i] = x[i];
  }
}

// reluGrad(dy, x, shape, out): dy where x > 0, else 0 (PyTorch's threshold_backward); a NaN in x
// gives NaN, as tfjs's dy · step(x) does. One pass instead of Step then Multiply.
Napi::Value ReluGrad(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::vector<int64_t> shape = ShapeOf(info[2]);
  const float* dy = View(env, info[0], shape, "dy").data_ptr<float>();
  const float* x = View(env, info[1], shape, "x").data_ptr<float>();
  float* o = View(env, info[3], shape, "out").data_ptr<float>();
  ForRange(SizeOf(shape), [&](int64_t begin, int64_t end) { ReluGradRange(dy, x, o, begin, end); });
  return env.Undefined();
}

struct AdamWHyper {
  float decay, beta1, oneMinusBeta1, beta2, oneMinusBeta2, negStepSize, correction2Sqrt, eps;
};

// One AdamW step over [begin, end) in torch.optim.AdamW 1.13's float32 operation order:
//   w·decay; m·β1 + (1−β1)·g; v·β2 + (1−β2)·g·g; w + (−stepSize)·(m / (√v / c2 + ε)).
void AdamWRange(const float* __restrict w, const float* __restrict g, const float* __restrict m, const float* __restrict v,
                float* __restrict wo, float* __restrict mo, float* __restrict vo, const AdamWHyper h, int64_t begin, int64_t end) {
  for (int64_t i = begin; i < end; i++) {
    const float mi = m[i] * h.beta1 + h.oneMinusBeta1 * g[i];
    const float vi = v[i] * h.beta2 + h.oneMinusBeta2 * g[i] * g[i];
    mo[i] = mi;
    vo[i] = vi;
    wo[i] = w[i] * h.decay + h.negStepSize * (mi / (std::sqrt(vi) / h.correction2Sqrt + h.eps));
  }
}

// adamw(ws, gs, ms, vs, wOuts, mOuts, vOuts, decayFactors, [beta1, beta2, stepSize, correction2Sqrt, eps]):
// one AdamW step of every parameter in the lists (tensor i with its own decay factor), in one
// parallel region over all of them: a model's dozens of small tensors cost one start of ATen's
// threads, not one each.
Napi::Value AdamW(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const char* names[7] = {"w", "g", "m", "v", "wOut", "mOut", "vOut"};
  std::vector<Napi::Array> lists;
  for (int l = 0; l < 7; l++) {
    if (!info[l].IsArray()) throw Napi::TypeError::New(env, std::string("groklab_torch.adamw: ") + names[l] + " must be an array of Float32Arrays");
    lists.push_back(info[l].As<Napi::Array>());
  }
  Napi::Array decays = info[7].As<Napi::Array>();
  const uint32_t count = lists[0].Length();
  for (int l = 1; l < 7; l++) {
    if (lists[l].Length() != count) throw Napi::RangeError::New(env, std::string("groklab_torch.adamw: ") + names[l] + " must list as many tensors as w");
  }
  if (decays.Length() != count) throw Napi::RangeError::New(env, "groklab_torch.adamw: one decay factor per tensor is needed");
  Napi::Array a = info[8].As<Napi::Array>();
  if (a.Length() != 5) throw Napi::RangeError::New(env, "groklab_torch.adamw: needs 5 hyper-parameters");
  auto hyper = [&](uint32_t i) { return a.Get(i).As<Napi::Number>().DoubleValue(); };
  struct Tensor {
    float* p[7];  // w, g, m, v, wOut, mOut, vOut
    AdamWHyper h;
  };
  std::vector<Tensor> tensors(count);
  std::vector<int64_t> offset(count + 1, 0);  // tensor t holds values [offset[t], offset[t + 1]) of all
  for (uint32_t t = 0; t < count; t++) {
    const Napi::Value w = lists[0].Get(t);
    if (!w.IsTypedArray()) throw Napi::TypeError::New(env, "groklab_torch: w must be a Float32Array");
    const std::vector<int64_t> shape{static_cast<int64_t>(w.As<Napi::TypedArray>().ElementLength())};
    for (int l = 0; l < 7; l++) tensors[t].p[l] = Floats(env, lists[l].Get(t), shape, names[l]);
    tensors[t].h = {static_cast<float>(decays.Get(t).As<Napi::Number>().DoubleValue()), static_cast<float>(hyper(0)), static_cast<float>(1.0 - hyper(0)),
                    static_cast<float>(hyper(1)), static_cast<float>(1.0 - hyper(1)), static_cast<float>(-hyper(2)),
                    static_cast<float>(hyper(3)), static_cast<float>(hyper(4))};
    offset[t + 1] = offset[t] + shape[0];
  }
  // the threads split all the values evenly, whichever tensors they lie in
  ForRange(offset[count], [&](int64_t begin, int64_t end) {
    uint32_t t = static_cast<uint32_t>(std::upper_bound(offset.begin(), offset.end(), begin) - offset.begin()) - 1;
    for (; t < count && offset[t] < end; t++) {
      const Tensor& T = tensors[t];
      const int64_t lo = std::max(begin, offset[t]) - offset[t], hi = std::min(end, offset[t + 1]) - offset[t];
      AdamWRange(T.p[0], T.p[1], T.p[2], T.p[3], T.p[4], T.p[5], T.p[6], T.h, lo, hi);
    }
  });
  return env.Undefined();
}

// gemm(name?): "onednn" or "openblas" multiplies plain products from now on; returns the one in use.
Napi::Value Gemm(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() > 0 && info[0].IsString()) {
    const std::string name = info[0].As<Napi::String>();
    if (name != "onednn" && name != "openblas") throw Napi::Error::New(env, "groklab_torch.gemm: expected \"onednn\" or \"openblas\"; received \"" + name + "\"");
    if (name == "onednn" && dnnl_sgemm == nullptr) throw Napi::Error::New(env, "groklab_torch.gemm: oneDNN's sgemm is not exported by this libtorch (PyTorch's wheel); products run on ATen's mm");
    useOneDnn = name == "onednn";
  }
  return Napi::String::New(env, useOneDnn ? "onednn" : "openblas");
}

// blasCore(): the core OpenBLAS runs kernels for ("Haswell", "SkylakeX", "Prescott" for its generic
// fallback, …), the environment's OPENBLAS_CORETYPE included; "" where libtorch's BLAS is not OpenBLAS.
Napi::Value BlasCore(const Napi::CallbackInfo& info) {
  const char* name = openblas_get_corename ? openblas_get_corename() : nullptr;
  return Napi::String::New(info.Env(), name ? name : "");
}

// libraries(): what this libtorch multiplies with: { onednn: whether oneDNN's sgemm is exported
// (Debian's libdnnl), blas: "OpenBLAS", "MKL <version>" or "" (another) under ATen's mm }.
Napi::Value Libraries(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Object out = Napi::Object::New(env);
  out.Set("onednn", Napi::Boolean::New(env, dnnl_sgemm != nullptr));
  std::string blas;
  if (openblas_get_corename) {
    blas = "OpenBLAS";
  } else if (MKL_Get_Version_String) {
    char text[256] = {0};
    MKL_Get_Version_String(text, sizeof text - 1);
    const std::string full(text);  // "Intel(R) oneAPI Math Kernel Library Version 2024.2-Product Build …"
    const size_t at = full.find("Version ");
    blas = "MKL" + (at == std::string::npos ? std::string() : " " + full.substr(at + 8, full.find_first_of("- ", at + 8) - at - 8));
  }
  out.Set("blas", Napi::String::New(env, blas));
  return out;
}

// threads(n): intra-op threads of ATen (OpenBLAS keeps its own, see OPENBLAS_NUM_THREADS).
Napi::Value Threads(const Napi::CallbackInfo& info) {
  if (info.Length() > 0 && info[0].IsNumber()) at::set_num_threads(info[0].As<Napi::Number>().Int32Value());
  return Napi::Number::New(info.Env(), at::get_num_threads());
}

// Every export goes through Safe: an ATen error (shape, dtype, …) becomes a JS exception naming
// the function instead of terminating the process.
template <Napi::Value (*F)(const Napi::CallbackInfo&)>
Napi::Value Safe(const Napi::CallbackInfo& info) {
  try {
    return F(info);
  } catch (const Napi::Error&) {
    throw;
  } catch (const std::exception& e) {
    std::string what = e.what();
    throw Napi::Error::New(info.Env(), "groklab_torch: " + what.substr(0, what.find('\n')));
  }
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  // Keep freed buffers in the heap: this machine's page faults are costly, and every step frees
  // dozens of ~10 MB arrays (../shared/REFERENCES.md: ~7,400 faults a step untuned).
  mallopt(M_MMAP_THRESHOLD, 1 << 30);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  mallopt(M_TOP_PAD, 256 << 20);
  at::set_num_threads(1);
  exports.Set("matmul", Napi::Function::New(env, Safe<Matmul>));
  exports.Set("binary", Napi::Function::New(env, Safe<Binary>));
  exports.Set("unary", Napi::Function::New(env, Safe<Unary>));
  exports.Set("reduce", Napi::Function::New(env, Safe<Reduce>));
  exports.Set("concat", Napi::Function::New(env, Safe<Concat>));
  exports.Set("gather", Napi::Function::New(env, Safe<Gather>));
  exports.Set("transpose", Napi::Function::New(env, Safe<Transpose>));
  exports.Set("slice", Napi::Function::New(env, Safe<Slice>));
  exports.Set("pad", Napi::Function::New(env, Safe<Pad>));
  exports.Set("softmax", Napi::Function::New(env, Safe<Softmax>));
  exports.Set("segmentSum", Napi::Function::New(env, Safe<SegmentSum>));
  exports.Set("reluGrad", Napi::Function::New(env, Safe<ReluGrad>));
  exports.Set("softmaxCrossEntropy", Napi::Function::New(env, Safe<SoftmaxCrossEntropy>));
  exports.Set("adamw", Napi::Function::New(env, Safe<AdamW>));
  exports.Set("layerNorm", Napi::Function::New(env, Safe<LayerNorm>));
  exports.Set("layerNormGrad", Napi::Function::New(env, Safe<LayerNormGrad>));
  exports.Set("causalAttention", Napi::Function::New(env, Safe<CausalAttention>));
  exports.Set("causalAttentionGrad", Napi::Function::New(env, Safe<CausalAttentionGrad>));
  exports.Set("embedSum", Napi::Function::New(env, Safe<EmbedSum>));
  exports.Set("embedSumGrad", Napi::Function::New(env, Safe<EmbedSumGrad>));
  exports.Set("gemm", Napi::Function::New(env, Safe<Gemm>));
  exports.Set("threads", Napi::Function::New(env, Safe<Threads>));
  exports.Set("blasCore", Napi::Function::New(env, Safe<BlasCore>));
  exports.Set("libraries", Napi::Function::New(env, Safe<Libraries>));
  return exports;
}

}  // namespace

NODE_API_MODULE(groklab_torch, Init)
