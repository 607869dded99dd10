// Causal self-attention for short contexts as one kernel, and its gradient as another: scores
// q·kᵀ·scale, the causal mask (query i sees keys j ≤ i), softmax and the weighted sum of values,
// per (batch, head) on ATen's threads. q, k, v and z are laid out [batch, pos, heads, dHead] (the
// projections' own layout, so no transposes); pattern is [batch, heads, pos, pos].
#include <ATen/Parallel.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "views.h"

namespace {

struct Layout {
  int64_t batch, pos, heads, dHead;
  // the offset of (b, i, h, 0) in a [batch, pos, heads, dHead] buffer
  int64_t At(int64_t b, int64_t i, int64_t h) const { return ((b * pos + i) * heads + h) * dHead; }
};

Layout LayoutOf(Napi::Env env, const std::vector<int64_t>& shape, const char* kernel) {
  if (shape.size() != 4) throw Napi::RangeError::New(env, std::string("groklab_torch.") + kernel + ": q must be [batch, pos, heads, dHead]");
  return {shape[0], shape[1], shape[2], shape[3]};
}

inline float Dot(const float* a, const float* b, int64_t n) {
  float s = 0.0f;
  for (int64_t i = 0; i < n; i++) s += a[i] * b[i];
  return s;
}

}  // namespace

// causalAttention(q, k, v, shape, scale, z, pattern)
Napi::Value CausalAttention(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const std::vector<int64_t> shape = ShapeOf(info[3]);
  const Layout L = LayoutOf(env, shape, "causalAttention");
  const float* q = Floats(env, info[0], shape, "q");
  const float* k = Floats(env, info[1], shape, "k");
  const float* v = Floats(env, info[2], shape, "v");
  const float scale = static_cast<float>(info[4].As<Napi::Number>().DoubleValue());
  float* z = Floats(env, info[5], shape, "z");
  float* pattern = Floats(env, info[6], {L.batch, L.heads, L.pos, L.pos}, "pattern");
  at::parallel_for(0, L.batch * L.heads, 16, [&](int64_t begin, int64_t end) {
    for (int64_t bh = begin; bh < end; bh++) {
      const int64_t b = bh / L.heads, h = bh % L.heads;
      for (int64_t i = 0; i < L.pos; i++) {
        float* p = pattern + (bh * L.pos + i) * L.pos;
        const float* qi = q + L.At(b, i, h);
        float max = -INFINITY;
        for (int64_t j = 0; j <= i; j++) {
          p[j] = Dot(qi, k + L.At(b, j, h), L.dHead) * scale;
          max = std::max(max, p[j]);
        }
        float sum = 0.0f;
        for (int64_t j = 0; j <= i; j++) sum += (p[j] = std::exp(p[j] - max));
        for (int64_t j = 0; j <= i; j++) p[j] /= sum;
        for (int64_t j = i + 1; j < L.pos; j++) p[j] = 0.0f;
        float* zi = z + L.At(b, i, h);
        std::fill_n(zi, L.dHead, 0.0f);
        for (int64_t j = 0; j <= i; j++) {
          const float* vj = v + L.At(b, j, h);
          for (int64_t c = 0; c < L.dHead; c++) zi[c] += p[j] * vj[c];
        }
      }
    }
  });
  return env.Undefined();
}

// causalAttentionGrad(dz, dpattern, q, k, v, pattern, shape, scale, dq, dk, dv): with
// dP = dz·vᵀ + dpattern and dS = P ∘ (dP − rowsum(P ∘ dP)): dq = scale·dS·k, dk = scale·dSᵀ·q, dv = Pᵀ·dz.
Napi::Value CausalAttentionGrad(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const std::vector<int64_t> shape = ShapeOf(info[6]);
  const Layout L = LayoutOf(env, shape, "causalAttentionGrad");
  const std::vector<int64_t> patternShape{L.batch, L.heads, L.pos, L.pos};
  const float* dz = Floats(env, info[0], shape, "dz");
  const float* dpattern = Floats(env, info[1], patternShape, "dpattern");
  const float* q = Floats(env, info[2], shape, "q");
  const float* k = Floats(env, info[3], shape, "k");
  const float* v = Floats(env, info[4], shape, "v");
  const float* pattern = Floats(env, info[5], patternShape, "pattern");
  const float scale = static_cast<float>(info[7].As<Napi::Number>().DoubleValue());
  float* dq = Floats(env, info[8], shape, "dq");
  float* dk = Floats(env, info[9], shape, "dk");
  float* dv = Floats(env, info[10], shape, "dv");
  at::parallel_for(0, L.batch * L.heads, 16, [&](int64_t begin, int64_t end) {
    std::vector<float> ds(static_cast<size_t>(L.pos));
    for (int64_t bh = begin; bh < end; bh++) {
      const int64_t b = bh / L.heads, h = bh % L.heads;
      for (int64_t j = 0; j < L.pos; j++) {
        std::fill_n(dk + L.At(b, j, h), L.dHead, 0.0f);
        std::fill_n(dv + L.At(b, j, h), L.dHead, 0.0f);
      }
      for (int64_t i = 0; i < L.pos; i++) {
        const float* p = pattern + (bh * L.pos + i) * L.pos;
        const float* dp = dpattern + (bh * L.pos + i) * L.pos;
        const float* dzi = dz + L.At(b, i, h);
        const float* qi = q + L.At(b, i, h);
        float rowdot = 0.0f;
        for (int64_t j = 0; j <= i; j++) {
          ds[j] = Dot(dzi, v + L.At(b, j, h), L.dHead) + dp[j];
          rowdot += p[j] * ds[j];
        }
        float* dqi = dq + L.At(b, i, h);
        std::fill_n(dqi, L.dHead, 0.0f);
        for (int64_t j = 0; j <= i; j++) {
          const float s = p[j] * (ds[j] - rowdot) * scale;
          const float* kj = k + L.At(b, j, h);
          float* dkj = dk + L.At(b, j, h);
          float* dvj = dv + L.At(b, j, h);
          for (int64_t c = 0; c < L.dHead; c++) {
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
