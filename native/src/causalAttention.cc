// Causal self-attention for short contexts as one kernel, and its gradient as another: scores
// q·kᵀ·scale, the causal mask (query i sees keys j ≤ i), softmax and the weighted sum of values,
// per (batch, head) on ATen's threads. k and v are laid out [batch, pos, heads, dHead] (the
// projections' own layout, so no transposes); q and z [batch, qPos, heads, dHead] hold the queries
// of the last qPos positions only (all of them, or just the last, which is all a final layer's
// answer reads); pattern is [batch, heads, qPos, pos]. Query row i is position pos − qPos + i.
#include <ATen/Parallel.h>

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "views.h"

namespace {

struct Layout {
  int64_t batch, pos, heads, dHead;
  // the offset of (b, i, h, 0) in a [batch, pos, heads, dHead] buffer
  int64_t At(int64_t b, int64_t i, int64_t h) const { return ((b * pos + i) * heads + h) * dHead; }
};

Layout LayoutOf(Napi::Env env, const std::vector<int64_t>& shape, const char* kernel, const char* what) {
  if (shape.size() != 4) throw Napi::RangeError::New(env, std::string("groklab_torch.") + kernel + ": " + what + " must be [batch, pos, heads, dHead]");
  return {shape[0], shape[1], shape[2], shape[3]};
}

// The queries' and the keys' layouts, checked to agree but in positions (at most the keys').
std::pair<Layout, Layout> LayoutsOf(Napi::Env env, const Napi::Value& qShape, const Napi::Value& kShape, const char* kernel) {
  const Layout Q = LayoutOf(env, ShapeOf(qShape), kernel, "q"), K = LayoutOf(env, ShapeOf(kShape), kernel, "k");
  if (Q.batch != K.batch || Q.heads != K.heads || Q.dHead != K.dHead || Q.pos > K.pos) {
    throw Napi::RangeError::New(env, std::string("groklab_torch.") + kernel + ": q must be k's shape, or fewer positions of it");
  }
  return {Q, K};
}

// a·b over n values in 8 interleaved partial sums (one vector register; a single running sum is a
// chain of n dependent additions), added pairwise at the end.
inline float Dot(const float* __restrict a, const float* __restrict b, int64_t n) {
  float lane[8] = {0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f};
  int64_t i = 0;
  for (; i + 8 <= n; i += 8) {
    for (int l = 0; l < 8; l++) lane[l] += a[i + l] * b[i + l];
  }
  for (; i < n; i++) lane[i % 8] += a[i] * b[i];
  return ((lane[0] + lane[4]) + (lane[1] + lane[5])) + ((lane[2] + lane[6]) + (lane[3] + lane[7]));
}

}  // namespace

// causalAttention(q, qShape, k, v, kShape, scale, z, pattern)
Napi::Value CausalAttention(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const auto [Q, K] = LayoutsOf(env, info[1], info[4], "causalAttention");
  const std::vector<int64_t> qShape{Q.batch, Q.pos, Q.heads, Q.dHead}, kShape{K.batch, K.pos, K.heads, K.dHead};
  const float* q = Floats(env, info[0], qShape, "q");
  const float* k = Floats(env, info[2], kShape, "k");
  const float* v = Floats(env, info[3], kShape, "v");
  const float scale = static_cast<float>(info[5].As<Napi::Number>().DoubleValue());
  float* z = Floats(env, info[6], qShape, "z");
  float* pattern = Floats(env, info[7], {K.batch, K.heads, Q.pos, K.pos}, "pattern");
  const int64_t first = K.pos - Q.pos;  // the position of query row 0
  at::parallel_for(0, K.batch * K.heads, 16, [&](int64_t begin, int64_t end) {
    for (int64_t bh = begin; bh < end; bh++) {
      const int64_t b = bh / K.heads, h = bh % K.heads;
      for (int64_t i = 0; i < Q.pos; i++) {
        const int64_t last = first + i;  // the last key this query sees
        float* p = pattern + (bh * Q.pos + i) * K.pos;
        const float* qi = q + Q.At(b, i, h);
        float max = -INFINITY;
        for (int64_t j = 0; j <= last; j++) {
          p[j] = Dot(qi, k + K.At(b, j, h), K.dHead) * scale;
          max = std::max(max, p[j]);
        }
        float sum = 0.0f;
        for (int64_t j = 0; j <= last; j++) sum += (p[j] = std::exp(p[j] - max));
        for (int64_t j = 0; j <= last; j++) p[j] /= sum;
        for (int64_t j = last + 1; j < K.pos; j++) p[j] = 0.0f;
        float* __restrict zi = z + Q.At(b, i, h);
        std::fill_n(zi, K.dHead, 0.0f);
        for (int64_t j = 0; j <= last; j++) {
          const float* __restrict vj = v + K.At(b, j, h);
          for (int64_t c = 0; c < K.dHead; c++) zi[c] += p[j] * vj[c];
        }
      }
    }
  });
  return env.Undefined();
}

// causalAttentionGrad(dz, dpattern, q, qShape, k, v, kShape, pattern, scale, dq, dk, dv): with
// dP = dz·vᵀ + dpattern and dS = P ∘ (dP − rowsum(P ∘ dP)): dq = scale·dS·k, dk = scale·dSᵀ·q, dv = Pᵀ·dz.
Napi::Value CausalAttentionGrad(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const auto [Q, K] = LayoutsOf(env, info[3], info[6], "causalAttentionGrad");
  const std::vector<int64_t> qShape{Q.batch, Q.pos, Q.heads, Q.dHead}, kShape{K.batch, K.pos, K.heads, K.dHead};
  const std::vector<int64_t> patternShape{K.batch, K.heads, Q.pos, K.pos};
  const float* dz = Floats(env, info[0], qShape, "dz");
  const float* dpattern = Floats(env, info[1], patternShape, "dpattern");
  const float* q = Floats(env, info[2], qShape, "q");
  const float* k = Floats(env, info[4], kShape, "k");
  const float* v = Floats(env, info[5], kShape, "v");
  const float* pattern = Floats(env, info[7], patternShape, "pattern");
  const float scale = static_cast<float>(info[8].As<Napi::Number>().DoubleValue());
  float* dq = Floats(env, info[9], qShape, "dq");
  float* dk = Floats(env, info[10], kShape, "dk");
  float* dv = Floats(env, info[11], kShape, "dv");
  const int64_t first = K.pos - Q.pos;
  at::parallel_for(0, K.batch * K.heads, 16, [&](int64_t begin, int64_t end) {
    std::vector<float> ds(static_cast<size_t>(K.pos));
    for (int64_t bh = begin; bh < end; bh++) {
      const int64_t b = bh / K.heads, h = bh % K.heads;
      for (int64_t j = 0; j < K.pos; j++) {
        std::fill_n(dk + K.At(b, j, h), K.dHead, 0.0f);
        std::fill_n(dv + K.At(b, j, h), K.dHead, 0.0f);
      }
      for (int64_t i = 0; i < Q.pos; i++) {
        const int64_t last = first + i;
        const float* p = pattern + (bh * Q.pos + i) * K.pos;
        const float* dp = dpattern + (bh * Q.pos + i) * K.pos;
        const float* dzi = dz + Q.At(b, i, h);
        const float* qi = q + Q.At(b, i, h);
        float rowdot = 0.0f;
        for (int64_t j = 0; j <= last; j++) {
          ds[j] = Dot(dzi, v + K.At(b, j, h), K.dHead) + dp[j];
          rowdot += p[j] * ds[j];
        }
        float* __restrict dqi = dq + Q.At(b, i, h);
        std::fill_n(dqi, K.dHead, 0.0f);
        for (int64_t j = 0; j <= last; j++) {
          const float s = p[j] * (ds[j] - rowdot) * scale;
          const float* __restrict kj = k + K.At(b, j, h);
          float* __restrict dkj = dk + K.At(b, j, h);
          float* __restrict dvj = dv + K.At(b, j, h);
          for (int64_t c = 0; c < K.dHead; c++) {
            dqi[c] += s * kj[c];
            dkj[c] += s * qi[c];
            dvj[c] += p[j] * dzi[c];
          }
        }
      }
    }
  });
  return env.Undefined();
}
