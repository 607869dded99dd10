// Shared helpers of groklab's native kernels: shapes from JS arrays and no-copy tensor views of
// Float32Arrays, checked against their shapes (a mismatch is an exception, never memory corruption).
#pragma once
#include <ATen/ATen.h>
#include <napi.h>

#include <string>
#include <vector>

inline std::vector<int64_t> ShapeOf(const Napi::Value& v) {
  Napi::Array a = v.As<Napi::Array>();
  std::vector<int64_t> s(a.Length());
  for (uint32_t i = 0; i < a.Length(); i++) s[i] = a.Get(i).As<Napi::Number>().Int64Value();
  return s;
}

inline int64_t SizeOf(const std::vector<int64_t>& s) {
  int64_t n = 1;
  for (auto d : s) n *= d;
  return n;
}

// A tensor viewing a Float32Array (no copy), after checking that the shape fits it.
inline at::Tensor View(Napi::Env env, const Napi::Value& buffer, const std::vector<int64_t>& shape, const char* what) {
  if (!buffer.IsTypedArray() || buffer.As<Napi::TypedArray>().TypedArrayType() != napi_float32_array) {
    throw Napi::TypeError::New(env, std::string("groklab_torch: ") + what + " must be a Float32Array");
  }
  Napi::Float32Array f = buffer.As<Napi::Float32Array>();
  if (static_cast<int64_t>(f.ElementLength()) != SizeOf(shape)) {
    throw Napi::RangeError::New(env, std::string("groklab_torch: ") + what + " holds " + std::to_string(f.ElementLength()) +
                                         " values; its shape needs " + std::to_string(SizeOf(shape)));
  }
  return at::from_blob(f.Data(), shape, at::TensorOptions().dtype(at::kFloat));
}

// The float data of a checked view.
inline float* Floats(Napi::Env env, const Napi::Value& buffer, const std::vector<int64_t>& shape, const char* what) {
  return View(env, buffer, shape, what).data_ptr<float>();
}

// An int32 index buffer, checked to lie in [0, limit), and its length.
inline const int32_t* CheckedIds(Napi::Env env, const Napi::Value& buffer, int64_t limit, int64_t* count) {
  if (!buffer.IsTypedArray() || buffer.As<Napi::TypedArray>().TypedArrayType() != napi_int32_array) {
    throw Napi::TypeError::New(env, "groklab_torch: indices must be an Int32Array");
  }
  Napi::Int32Array ids = buffer.As<Napi::Int32Array>();
  for (size_t i = 0; i < ids.ElementLength(); i++) {
    if (ids[i] < 0 || ids[i] >= limit) {
      throw Napi::RangeError::New(env, "groklab_torch: index " + std::to_string(ids[i]) + " is outside [0, " + std::to_string(limit) + ")");
    }
  }
  *count = static_cast<int64_t>(ids.ElementLength());
  return ids.Data();
}

// Where part i of `parts` column ranges of rows of `width` floats at `base` begins: the even split,
// moved down to a 64-byte cache line, so that threads writing different ranges of one row never
// share a line (when width · 4 is a multiple of 64, every row's boundaries are on lines).
inline int64_t CacheLineSplit(const float* base, int64_t width, int64_t parts, int64_t i) {
  if (i <= 0) return 0;
  if (i >= parts) return width;
  const int64_t c = width * i / parts - static_cast<int64_t>((reinterpret_cast<uintptr_t>(base + width * i / parts) / sizeof(float)) % 16);
  return c < 0 ? 0 : c;
}

// Fused kernels defined in their own files (layerNorm.cc, causalAttention.cc, embedSum.cc,
// softmaxCrossEntropy.cc).
Napi::Value LayerNorm(const Napi::CallbackInfo& info);
Napi::Value LayerNormGrad(const Napi::CallbackInfo& info);
Napi::Value CausalAttention(const Napi::CallbackInfo& info);
Napi::Value CausalAttentionGrad(const Napi::CallbackInfo& info);
Napi::Value EmbedSum(const Napi::CallbackInfo& info);
Napi::Value EmbedSumGrad(const Napi::CallbackInfo& info);
Napi::Value SoftmaxCrossEntropy(const Napi::CallbackInfo& info);
