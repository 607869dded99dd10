// The mean softmax cross-entropy of rows of logits and its gradient, in one pass over each row: the
// exponentials the loss sums are the softmax the gradient needs, so the training step's loss costs
// one kernel, and its backward none (the gradient for dy = 1 is kept; see train/crossEntropy).
#include <ATen/Parallel.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "views.h"

namespace {

// e^x for x ≤ 0 (here x − the row's maximum), in arithmetic a compiler vectorises: x = k·ln 2 + r
// with |r| ≤ ln 2 / 2 (ln 2 in two parts, Cody–Waite), e^r by Cephes' degree-7 polynomial (relative
// error below 2·10⁻⁷), 2^k from the exponent bits; 0 below −87.3 (where e^x is under float's
// smallest normal number).
inline float ExpNonPositive(float x) {
  const bool zero = x < -87.3f;
  x = zero ? -87.3f : x;
  const float k = std::floor(x * 1.44269504f + 0.5f);
  const float r = x - k * 0.693359375f - k * -2.12194440e-4f;
  float p = 1.9875691500e-4f;
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  p = p * r * r + r + 1.0f;
  const int32_t bits = (static_cast<int32_t>(k) + 127) << 23;
  float scale;
  std::memcpy(&scale, &bits, sizeof scale);
  return zero ? 0.0f : p * scale;
}

// One row: its loss, log Σ e^(x − max) − (x[label] − max), and g = (softmax − onehot(label)) / rows.
// A row holding NaN or ±∞ has loss NaN and a NaN gradient (the run's divergence check sees it).
float Row(const float* __restrict x, float* __restrict g, int64_t classes, int32_t label, float invRows) {
  float max = x[0];
  bool finite = true;
  for (int64_t c = 0; c < classes; c++) {
    max = x[c] > max ? x[c] : max;
    finite = finite && std::abs(x[c]) <= std::numeric_limits<float>::max();
  }
  if (!finite) {
    for (int64_t c = 0; c < classes; c++) g[c] = std::numeric_limits<float>::quiet_NaN();
    return std::numeric_limits<float>::quiet_NaN();
  }
  float sum = 0.0f;
  for (int64_t c = 0; c < classes; c++) sum += (g[c] = ExpNonPositive(x[c] - max));
  const float scale = invRows / sum;
  for (int64_t c = 0; c < classes; c++) g[c] *= scale;
  g[label] -= invRows;
  return std::log(sum) - (x[label] - max);
}

}  // namespace

// softmaxCrossEntropy(logits, [rows, classes], labels, grad) → the mean over rows of
// logsumexp(row) − row[label]; grad [rows, classes] = (softmax(logits) − onehot(labels)) / rows.
Napi::Value SoftmaxCrossEntropy(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const std::vector<int64_t> shape = ShapeOf(info[1]);
  if (shape.size() != 2 || shape[1] < 1) throw Napi::RangeError::New(env, "groklab_torch.softmaxCrossEntropy: logits must be [rows, classes]");
  const int64_t rows = shape[0], classes = shape[1];
  const float* x = Floats(env, info[0], shape, "logits");
  int64_t count = 0;
  const int32_t* labels = CheckedIds(env, info[2], classes, &count);
  if (count != rows) throw Napi::RangeError::New(env, "groklab_torch: " + std::to_string(count) + " labels for " + std::to_string(rows) + " rows of logits");
  float* g = Floats(env, info[3], shape, "grad");
  std::vector<float> losses(static_cast<size_t>(rows));
  const float invRows = rows > 0 ? 1.0f / static_cast<float>(rows) : 0.0f;
  at::parallel_for(0, rows, (1 << 14) / classes + 1, [&](int64_t begin, int64_t end) {
    for (int64_t r = begin; r < end; r++) losses[r] = Row(x + r * classes, g + r * classes, classes, labels[r], invRows);
  });
  double total = 0.0;  // in row order, in double: the same sum at any thread count
  for (float l : losses) total += l;
  return Napi::Number::New(env, rows > 0 ? total / static_cast<double>(rows) : std::numeric_limits<double>::quiet_NaN());
}
