// LayerNorm over the last axis (PyTorch's nn.LayerNorm: biased variance, eps inside the root) and
// its gradient, one pass over the rows each, on ATen's threads.
#include <ATen/Parallel.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "views.h"

namespace {

// The mean and 1/√(variance + eps) of one row of d values (two passes, as tf.moments computes them).
inline void RowMoments(const float* x, int64_t d, float eps, float& mean, float& rstd) {
  float sum = 0.0f;
  for (int64_t i = 0; i < d; i++) sum += x[i];
  mean = sum / static_cast<float>(d);
  float squares = 0.0f;
  for (int64_t i = 0; i < d; i++) squares += (x[i] - mean) * (x[i] - mean);
  rstd = 1.0f / std::sqrt(squares / static_cast<float>(d) + eps);
}

}  // namespace

// layerNorm(x, shape, gain, bias, eps, out): out = (x − mean) / √(var + eps) · gain + bias per row.
Napi::Value LayerNorm(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const std::vector<int64_t> shape = ShapeOf(info[1]);
  if (shape.empty()) throw Napi::RangeError::New(env, "groklab_torch.layerNorm: x must have at least one axis");
  const int64_t d = shape.back(), rows = d > 0 ? SizeOf(shape) / d : 0;
  const float* x = Floats(env, info[0], shape, "x");
  const float* gain = Floats(env, info[2], {d}, "gain");
  const float* bias = Floats(env, info[3], {d}, "bias");
  const float eps = static_cast<float>(info[4].As<Napi::Number>().DoubleValue());
  float* out = Floats(env, info[5], shape, "out");
  at::parallel_for(0, rows, 64, [&](int64_t begin, int64_t end) {
    for (int64_t r = begin; r < end; r++) {
      const float* xr = x + r * d;
      float* o = out + r * d;
      float mean, rstd;
      RowMoments(xr, d, eps, mean, rstd);
      for (int64_t i = 0; i < d; i++) o[i] = (xr[i] - mean) * rstd * gain[i] + bias[i];
    }
  });
  return env.Undefined();
}

// layerNormGrad(dy, x, shape, gain, eps, dx, dgain, dbias), with x̂ = (x − mean)·rstd and g = dy·gain:
//   dx = rstd · (g − mean(g) − x̂ · mean(g·x̂)) per row; dgain = Σ_rows dy·x̂; dbias = Σ_rows dy.
// Each thread sums its block of rows into its own dgain/dbias, added up in a fixed order after.
Napi::Value LayerNormGrad(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const std::vector<int64_t> shape = ShapeOf(info[2]);
  if (shape.empty()) throw Napi::RangeError::New(env, "groklab_torch.layerNormGrad: x must have at least one axis");
  const int64_t d = shape.back(), rows = d > 0 ? SizeOf(shape) / d : 0;
  const float* dy = Floats(env, info[0], shape, "dy");
  const float* x = Floats(env, info[1], shape, "x");
  const float* gain = Floats(env, info[3], {d}, "gain");
  const float eps = static_cast<float>(info[4].As<Napi::Number>().DoubleValue());
  float* dx = Floats(env, info[5], shape, "dx");
  float* dgain = Floats(env, info[6], {d}, "dgain");
  float* dbias = Floats(env, info[7], {d}, "dbias");
  const int64_t blocks = std::max<int64_t>(1, std::min<int64_t>(at::get_num_threads(), rows / 64));
  std::vector<float> partial(static_cast<size_t>(blocks * 2 * d), 0.0f);  // per block: dgain then dbias
  at::parallel_for(0, blocks, 1, [&](int64_t first, int64_t last) {
    std::vector<float> xhat(static_cast<size_t>(d)), g(static_cast<size_t>(d));
    for (int64_t blk = first; blk < last; blk++) {
      float* pg = partial.data() + blk * 2 * d;
      float* pb = pg + d;
      for (int64_t r = rows * blk / blocks; r < rows * (blk + 1) / blocks; r++) {
        const float* xr = x + r * d;
        const float* dyr = dy + r * d;
        float mean, rstd;
        RowMoments(xr, d, eps, mean, rstd);
        float sumG = 0.0f, sumGX = 0.0f;
        for (int64_t i = 0; i < d; i++) {
          xhat[i] = (xr[i] - mean) * rstd;
          g[i] = dyr[i] * gain[i];
          sumG += g[i];
          sumGX += g[i] * xhat[i];
          pg[i] += dyr[i] * xhat[i];
          pb[i] += dyr[i];
        }
        const float meanG = sumG / static_cast<float>(d), meanGX = sumGX / static_cast<float>(d);
        float* dxr = dx + r * d;
        for (int64_t i = 0; i < d; i++) dxr[i] = rstd * (g[i] - meanG - xhat[i] * meanGX);
      }
    }
  });
  std::fill_n(dgain, d, 0.0f);
  std::fill_n(dbias, d, 0.0f);
  for (int64_t blk = 0; blk < blocks; blk++) {
    for (int64_t i = 0; i < d; i++) {
      dgain[i] += partial[blk * 2 * d + i];
      dbias[i] += partial[blk * 2 * d + d + i];
    }
  }
  return env.Undefined();
}
