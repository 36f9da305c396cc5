// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

// Run-time loading of cuBLAS and cuSOLVER by soname, newest first.
#pragma once
#include <string>

#include "rfm4j_status.h"

namespace rfm4j {

/**
 * Loads cuBLAS and cuSOLVER once per process and resolves rfm4j::api::fn(). One consistent set,
 * newest first: CUDA 13 (libcublas.so.13 with libcusolver.so.12), else CUDA 12 (libcublas.so.12 with
 * libcusolver.so.11); a set found only in part is closed again, so two cuBLAS majors never end up
 * loaded. Search order, for each library: the folders in extraDirs (':'-separated; then
 * $RFM4J_CUDA_LIBDIR), the dynamic loader's own path, $CUDA_HOME/lib64, $CUDA_PATH/lib64,
 * /usr/local/cuda/lib64. From a folder, the set's cuBLASLt is loaded before cuBLAS, and its nvJitLink
 * and cuSPARSE before cuSOLVER, from the same folder (or another named one). On success *report
 * names the files and versions; on failure the status (BACKEND_UNAVAILABLE) lists every try.
 * Thread-safe; after one success later calls return the same report at once.
 */
Status loadMathLibraries(const std::string& extraDirs, std::string* report);

}  // namespace rfm4j
