{
  "variables": {
    "libtorch%": "<!(node -p \"process.env.GROKLAB_LIBTORCH || ''\")"
  },
  "targets": [
    {
      "target_name": "groklab_torch",
      "sources": ["src/addon.cc", "src/layerNorm.cc", "src/causalAttention.cc", "src/embedSum.cc", "src/softmaxCrossEntropy.cc"],
      "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")"],
      "cflags_cc": ["-std=c++17", "-O3", "-march=native", "-fexceptions", "-frtti", "-fopenmp"],
      "cflags_cc!": ["-fno-exceptions", "-fno-rtti"],
      "defines": ["NAPI_CPP_EXCEPTIONS", "NODE_ADDON_API_DISABLE_DEPRECATED"],
      "conditions": [
        ["libtorch==''", {
          "libraries": ["-ltorch_cpu", "-lc10", "-l:libdnnl.so.2", "-fopenmp"]
        }, {
          "include_dirs": ["<(libtorch)/include", "<(libtorch)/include/torch/csrc/api/include"],
          "cflags_cc": ["-std=c++20"],
          "libraries": ["-L<(libtorch)/lib", "-Wl,-rpath,<(libtorch)/lib", "-ltorch_cpu", "-lc10", "-fopenmp"]
        }]
      ]
    }
  ]
}
