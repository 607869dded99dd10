// Order matters: the environment is set before the spec modules run their describe() calls.
import "./setup";
import "@tensorflow/tfjs-core/dist/ops/mat_mul_test";
import "@tensorflow/tfjs-core/dist/ops/unsorted_segment_sum_test";
import "@tensorflow/tfjs-core/dist/ops/gather_test";
