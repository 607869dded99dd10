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

// Fused kernels defined in their own files (layerNorm.cc, causalAttention.cc).
Napi::Value LayerNorm(const Napi::CallbackInfo& info);
Napi::Value LayerNormGrad(const Napi::CallbackInfo& info);
Napi::Value CausalAttention(const Napi::CallbackInfo& info);
Napi::Value CausalAttentionGrad(const Napi::CallbackInfo& info);
