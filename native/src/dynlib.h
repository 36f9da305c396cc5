// Run-time loading of cuBLAS and cuSOLVER by soname, newest first.
#pragma once
#include <string>

#include "rfm4j_status.h"

namespace rfm4j {

/**
 * Loads cuBLAS and cuSOLVER once per process and resolves rfm4j::api::fn(). Search order, for
 * each library: the folders in extraDirs (':'-separated; then $RFM4J_CUDA_LIBDIR), the dynamic
 * loader's own path, $CUDA_HOME/lib64, $CUDA_PATH/lib64, /usr/local/cuda/lib64; in each place
 * libcublas.so.13 then .12, libcusolver.so.12 then .11. From a folder, cuBLASLt is loaded before
 * cuBLAS, and nvJitLink and cuSPARSE before cuSOLVER, from the same folder. On success *report
 * names the files and versions; on failure the status (BACKEND_UNAVAILABLE) lists every try.
 * Thread-safe; after one success later calls return the same report at once.
 */
Status loadMathLibraries(const std::string& extraDirs, std::string* report);

}  // namespace rfm4j
