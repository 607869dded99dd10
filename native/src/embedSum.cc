// The sum of two embedding lookups, optionally through a ReLU, and its gradient: the embedding
// MLP's first layer (relu(E1[a] + E2[b])) as one pass over the rows instead of two gathers, an add
// and a ReLU forward, and one pass instead of a ReLU gradient and two segment sums backward.
// The arithmetic and its order are those of the plain ops, so both give the same bits.
#include <ATen/Parallel.h>

#include <algorithm>

#include <string>
#include <vector>

#include "views.h"

namespace {

// The [rows, width] shape of a table, checked to be a matrix.
std::vector<int64_t> TableShape(Napi::Env env, const Napi::Value& v, const char* kernel, const char* what) {
  std::vector<int64_t> shape = ShapeOf(v);
  if (shape.size() != 2) throw Napi::RangeError::New(env, std::string("groklab_torch.") + kernel + ": " + what + " must be [rows, width]");
  return shape;
}

// One output row: a + b, or relu(a + b) keeping NaN as NaN (as tfjs's Relu does).
inline void SumRow(const float* __restrict a, const float* __restrict b, float* __restrict o, int64_t width, bool relu) {
  for (int64_t c = 0; c < width; c++) o[c] = a[c] + b[c];
  if (!relu) return;
  for (int64_t c = 0; c < width; c++) o[c] = o[c] > 0.0f || o[c] != o[c] ? o[c] : 0.0f;
}

// The masked gradient g of one row's columns [c0, c1): dy where y > 0, else 0, NaN where y is NaN;
// dy itself where y is null (no ReLU).
inline float Masked(const float* g, const float* yr, int64_t c) {
  if (yr == nullptr) return g[c];
  return yr[c] > 0.0f ? g[c] : yr[c] != yr[c] ? yr[c] : 0.0f;
}

// Adds g's rows, in order, into dA's rows idsA and dB's rows idsB (a null ids: that table is skipped),
// columns [c0, c1) only.
void AccumulateRows(const float* dy, const float* y, int64_t rows, int64_t width, int64_t c0, int64_t c1, const int32_t* idsA, float* dA,
                    const int32_t* idsB, float* dB) {
  for (int64_t r = 0; r < rows; r++) {
    const float* __restrict g = dy + r * width;
    const float* __restrict yr = y == nullptr ? nullptr : y + r * width;
    if (idsA != nullptr && idsB != nullptr) {
      float* __restrict da = dA + idsA[r] * width;
      float* __restrict db = dB + idsB[r] * width;
      for (int64_t c = c0; c < c1; c++) {
        const float v = Masked(g, yr, c);
        da[c] += v;
        db[c] += v;
      }
    } else {
      float* __restrict d = idsA != nullptr ? dA + idsA[r] * width : dB + idsB[r] * width;
      for (int64_t c = c0; c < c1; c++) d[c] += Masked(g, yr, c);
    }
  }
}

}  // namespace

// embedSum(tableA, [rowsA, width], idsA, tableB, [rowsB, width], idsB, relu, out): out[r] =
// tableA[idsA[r]] + tableB[idsB[r]], through a ReLU when relu is true; out is [ids, width].
Napi::Value EmbedSum(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const std::vector<int64_t> shapeA = TableShape(env, info[1], "embedSum", "tableA"), shapeB = TableShape(env, info[4], "embedSum", "tableB");
  if (shapeA[1] != shapeB[1]) throw Napi::RangeError::New(env, "groklab_torch.embedSum: tableA and tableB must have one width");
  const int64_t width = shapeA[1];
  const float* a = Floats(env, info[0], shapeA, "tableA");
  const float* b = Floats(env, info[3], shapeB, "tableB");
  int64_t rows = 0, rowsB = 0;
  const int32_t* idsA = CheckedIds(env, info[2], shapeA[0], &rows);
  const int32_t* idsB = CheckedIds(env, info[5], shapeB[0], &rowsB);
  if (rowsB != rows) throw Napi::RangeError::New(env, "groklab_torch.embedSum: idsA and idsB must have one length");
  const bool relu = info[6].As<Napi::Boolean>();
  float* out = Floats(env, info[7], {rows, width}, "out");
  at::parallel_for(0, rows, (1 << 14) / (width + 1) + 1, [&](int64_t begin, int64_t end) {
    for (int64_t r = begin; r < end; r++) SumRow(a + idsA[r] * width, b + idsB[r] * width, out + r * width, width, relu);
  });
  return env.Undefined();
}

// embedSumGrad(dy, [rows, width], y, idsA, idsB, dA, [rowsA, width], dB, [rowsB, width]): the
// gradients of the two tables, dA[s] = Σ over rows r with idsA[r] = s of g[r] (dB likewise), where
// g = dy, or with a ReLU (y its output, else null) dy where y > 0, else 0, NaN where y is NaN.
// Rows are summed in order, as the segment sum of the plain ops does.
Napi::Value EmbedSumGrad(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const std::vector<int64_t> shape = TableShape(env, info[1], "embedSumGrad", "dy");
  const int64_t rows = shape[0], width = shape[1];
  const float* dy = Floats(env, info[0], shape, "dy");
  const float* y = info[2].IsNull() ? nullptr : Floats(env, info[2], shape, "y");
  const std::vector<int64_t> shapeA = TableShape(env, info[6], "embedSumGrad", "dA"), shapeB = TableShape(env, info[8], "embedSumGrad", "dB");
  if (shapeA[1] != width || shapeB[1] != width) throw Napi::RangeError::New(env, "groklab_torch.embedSumGrad: dA and dB must be as wide as dy");
  int64_t countA = 0, countB = 0;
  const int32_t* idsA = CheckedIds(env, info[3], shapeA[0], &countA);
  const int32_t* idsB = CheckedIds(env, info[4], shapeB[0], &countB);
  if (countA != rows || countB != rows) throw Napi::RangeError::New(env, "groklab_torch.embedSumGrad: one id of each table per row of dy is needed");
  float* dA = Floats(env, info[5], shapeA, "dA");
  float* dB = Floats(env, info[7], shapeB, "dB");
  std::fill_n(dA, SizeOf(shapeA), 0.0f);
  std::fill_n(dB, SizeOf(shapeB), 0.0f);
  // Work items: with one thread, both tables in one pass over dy; with more, each table its own
  // items (threads / 2 column ranges each), so that no two threads write one cache line.
  const int64_t threads = at::get_num_threads(), parts = std::max<int64_t>(1, threads / 2);
  const int64_t items = threads == 1 ? 1 : 2 * parts;
  at::parallel_for(0, items, 1, [&](int64_t begin, int64_t end) {
    for (int64_t item = begin; item < end; item++) {
      const bool both = items == 1, tableA = both || item < parts;
      float* table = tableA ? dA : dB;
      const int64_t part = item % parts;
      const int64_t c0 = CacheLineSplit(table, width, parts, part), c1 = CacheLineSplit(table, width, parts, part + 1);
      AccumulateRows(dy, y, rows, width, c0, c1, both || tableA ? idsA : nullptr, dA, both || !tableA ? idsB : nullptr, dB);
    }
  });
  return env.Undefined();
}
