// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

// The handful of cuBLAS and cuSOLVER entry points rfm4j uses, declared here by us so that the
// library builds where only nvcc and the CUDA runtime exist (no cuBLAS headers or libraries).
// They are resolved at run time with dlopen/dlsym (see dynlib.cpp). Where the toolkit's real
// headers exist, api_check.cpp holds every prototype and enum value below against them.
//
// Enums are passed as int: C enums of these libraries are int-sized, so the calling convention
// is the same. Handles use the libraries' own opaque struct names, as the real headers do.
#pragma once
#include <cuda_runtime_api.h>

#include <cstddef>
#include <cstdint>

struct cublasContext;
struct cusolverDnContext;
struct cusolverDnParams;

namespace rfm4j {
namespace api {

typedef cublasContext* BlasHandle;
typedef cusolverDnContext* SolverHandle;
typedef cusolverDnParams* SolverParams;

// cublasStatus_t
constexpr int CUBLAS_STATUS_SUCCESS = 0;
constexpr int CUBLAS_STATUS_NOT_INITIALIZED = 1;
constexpr int CUBLAS_STATUS_ALLOC_FAILED = 3;
constexpr int CUBLAS_STATUS_INVALID_VALUE = 7;
constexpr int CUBLAS_STATUS_ARCH_MISMATCH = 8;
constexpr int CUBLAS_STATUS_MAPPING_ERROR = 11;
constexpr int CUBLAS_STATUS_EXECUTION_FAILED = 13;
constexpr int CUBLAS_STATUS_INTERNAL_ERROR = 14;
constexpr int CUBLAS_STATUS_NOT_SUPPORTED = 15;
constexpr int CUBLAS_STATUS_LICENSE_ERROR = 16;
// cublasOperation_t
constexpr int CUBLAS_OP_N = 0;
constexpr int CUBLAS_OP_T = 1;
// cublasFillMode_t
constexpr int CUBLAS_FILL_MODE_LOWER = 0;
constexpr int CUBLAS_FILL_MODE_UPPER = 1;
// cublasMath_t
constexpr int CUBLAS_DEFAULT_MATH = 0;
constexpr int CUBLAS_PEDANTIC_MATH = 2;
// cusolverStatus_t
constexpr int CUSOLVER_STATUS_SUCCESS = 0;
constexpr int CUSOLVER_STATUS_NOT_INITIALIZED = 1;
constexpr int CUSOLVER_STATUS_ALLOC_FAILED = 2;
constexpr int CUSOLVER_STATUS_INVALID_VALUE = 3;
constexpr int CUSOLVER_STATUS_ARCH_MISMATCH = 4;
constexpr int CUSOLVER_STATUS_EXECUTION_FAILED = 6;
constexpr int CUSOLVER_STATUS_INTERNAL_ERROR = 7;
constexpr int CUSOLVER_STATUS_MATRIX_TYPE_NOT_SUPPORTED = 8;
constexpr int CUSOLVER_STATUS_NOT_SUPPORTED = 9;
// cusolverEigMode_t
constexpr int CUSOLVER_EIG_MODE_NOVECTOR = 0;
constexpr int CUSOLVER_EIG_MODE_VECTOR = 1;
// cudaDataType (library_types.h)
constexpr int CUDA_R_32F = 0;
constexpr int CUDA_R_64F = 1;
// libraryPropertyType (library_types.h)
constexpr int PROPERTY_MAJOR_VERSION = 0;
constexpr int PROPERTY_MINOR_VERSION = 1;
constexpr int PROPERTY_PATCH_LEVEL = 2;

extern "C" {
// ---- cuBLAS (exported names carry the _v2 suffix where cublas_v2.h maps to them) ----
typedef int (*PFN_cublasCreate_v2)(BlasHandle* handle);
typedef int (*PFN_cublasDestroy_v2)(BlasHandle handle);
typedef int (*PFN_cublasSetStream_v2)(BlasHandle handle, cudaStream_t stream);
typedef int (*PFN_cublasSetMathMode)(BlasHandle handle, int mode);
typedef int (*PFN_cublasGetProperty)(int type, int* value);
typedef int (*PFN_cublasSgemm_v2)(BlasHandle handle, int transa, int transb, int m, int n, int k,
                                  const float* alpha, const float* A, int lda, const float* B, int ldb,
                                  const float* beta, float* C, int ldc);
typedef int (*PFN_cublasDgemm_v2)(BlasHandle handle, int transa, int transb, int m, int n, int k,
                                  const double* alpha, const double* A, int lda, const double* B, int ldb,
                                  const double* beta, double* C, int ldc);
typedef int (*PFN_cublasSsyrk_v2)(BlasHandle handle, int uplo, int trans, int n, int k, const float* alpha,
                                  const float* A, int lda, const float* beta, float* C, int ldc);
typedef int (*PFN_cublasDsyrk_v2)(BlasHandle handle, int uplo, int trans, int n, int k, const double* alpha,
                                  const double* A, int lda, const double* beta, double* C, int ldc);

// ---- cuSOLVER dense ----
typedef int (*PFN_cusolverDnCreate)(SolverHandle* handle);
typedef int (*PFN_cusolverDnDestroy)(SolverHandle handle);
typedef int (*PFN_cusolverDnSetStream)(SolverHandle handle, cudaStream_t stream);
typedef int (*PFN_cusolverGetProperty)(int type, int* value);
// 64-bit API (n, lda and workspace sizes beyond 2^31: n >= 46341 has n^2 > 2^31 elements)
typedef int (*PFN_cusolverDnCreateParams)(SolverParams* params);
typedef int (*PFN_cusolverDnDestroyParams)(SolverParams params);
typedef int (*PFN_cusolverDnXpotrf_bufferSize)(SolverHandle handle, SolverParams params, int uplo, int64_t n,
                                               int dataTypeA, const void* A, int64_t lda, int computeType,
                                               size_t* workspaceInBytesOnDevice, size_t* workspaceInBytesOnHost);
typedef int (*PFN_cusolverDnXpotrf)(SolverHandle handle, SolverParams params, int uplo, int64_t n, int dataTypeA,
                                    void* A, int64_t lda, int computeType, void* bufferOnDevice,
                                    size_t workspaceInBytesOnDevice, void* bufferOnHost, size_t workspaceInBytesOnHost,
                                    int* info);
typedef int (*PFN_cusolverDnXpotrs)(SolverHandle handle, SolverParams params, int uplo, int64_t n, int64_t nrhs,
                                    int dataTypeA, const void* A, int64_t lda, int dataTypeB, void* B, int64_t ldb,
                                    int* info);
// the eigensolver runs on d x d matrices only (d = features): the 32-bit API is enough
typedef int (*PFN_cusolverDnDsyevd_bufferSize)(SolverHandle handle, int jobz, int uplo, int n, const double* A,
                                               int lda, const double* W, int* lwork);
typedef int (*PFN_cusolverDnDsyevd)(SolverHandle handle, int jobz, int uplo, int n, double* A, int lda, double* W,
                                    double* work, int lwork, int* devInfo);
}  // extern "C"

/** The resolved entry points, named as the libraries export them; all non-null once
 *  loadMathLibraries() succeeded. */
struct Functions {
    PFN_cublasCreate_v2 cublasCreate_v2;
    PFN_cublasDestroy_v2 cublasDestroy_v2;
    PFN_cublasSetStream_v2 cublasSetStream_v2;
    PFN_cublasSetMathMode cublasSetMathMode;
    PFN_cublasGetProperty cublasGetProperty;
    PFN_cublasSgemm_v2 cublasSgemm_v2;
    PFN_cublasDgemm_v2 cublasDgemm_v2;
    PFN_cublasSsyrk_v2 cublasSsyrk_v2;
    PFN_cublasDsyrk_v2 cublasDsyrk_v2;
    PFN_cusolverDnCreate cusolverDnCreate;
    PFN_cusolverDnDestroy cusolverDnDestroy;
    PFN_cusolverDnSetStream cusolverDnSetStream;
    PFN_cusolverGetProperty cusolverGetProperty;
    PFN_cusolverDnCreateParams cusolverDnCreateParams;
    PFN_cusolverDnDestroyParams cusolverDnDestroyParams;
    PFN_cusolverDnXpotrf_bufferSize cusolverDnXpotrf_bufferSize;
    PFN_cusolverDnXpotrf cusolverDnXpotrf;
    PFN_cusolverDnXpotrs cusolverDnXpotrs;
    PFN_cusolverDnDsyevd_bufferSize cusolverDnDsyevd_bufferSize;
    PFN_cusolverDnDsyevd cusolverDnDsyevd;
};

/** The table; valid only after loadMathLibraries() returned ok. */
const Functions& fn();

}  // namespace api
}  // namespace rfm4j
