{
  "targets": [
    {
      "target_name": "groklab_torch",
      "sources": ["src/addon.cc", "src/layerNorm.cc", "src/causalAttention.cc", "src/embedSum.cc", "src/softmaxCrossEntropy.cc"],
      "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")"],
      "libraries": ["-ltorch_cpu", "-lc10", "-l:libdnnl.so.2", "-fopenmp"],
      "cflags_cc": ["-std=c++17", "-O3", "-march=native", "-fexceptions", "-frtti", "-fopenmp"],
      "cflags_cc!": ["-fno-exceptions", "-fno-rtti"],
      "defines": ["NAPI_CPP_EXCEPTIONS", "NODE_ADDON_API_DISABLE_DEPRECATED"]
    }
  ]
}
