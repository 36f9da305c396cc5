// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

// The emulated cuBLAS: the entry points rfm4j resolves (native/include/rfm4j_cuda_api.h), built as
// libcublas.so.13 and libcublas.so.12 for the emulated device's library folders. Each call checks its
// arguments as cuBLAS does (handle, operation and fill values, sizes, leading dimensions) and beyond
// (operands inside device memory, host scalars), can be made to fail by the tests
// (rfm4j_emu_inject_failure), and computes on the CPU with column-major BLAS semantics.
#include <cstdint>
#include <string>
#include <type_traits>

#include "dense.h"
#include "libcheck.h"
#include "rfm4j_cuda_api.h"
#include "rfm4j_emu.h"

#ifndef RFM4J_EMU_LIB_MAJOR
#error "RFM4J_EMU_LIB_MAJOR (the library's major version) must be defined"
#endif

struct cublasContext {
    cudaStream_t stream;
    int mathMode;
};

namespace {

using namespace rfm4j::api;
namespace check = rfm4j::emu::check;
namespace dense = rfm4j::emu::dense;

check::Registry<cublasContext> g_handles;

bool live(BlasHandle h) { return g_handles.live(h); }

/** Common checks; returns a cuBLAS status, SUCCESS when the call may proceed. */
int enter(const char* fn, BlasHandle h) {
    if (int injected = rfm4j_emu_enter(fn)) return injected;
    if (!live(h)) {
        check::refuse(fn, "the handle is not a live cuBLAS handle (never created, or destroyed)");
        return CUBLAS_STATUS_NOT_INITIALIZED;
    }
    if (!rfm4j_emu_is_stream(h->stream)) {
        check::refuse(fn, "the handle's stream is not live");
        return CUBLAS_STATUS_EXECUTION_FAILED;
    }
    return CUBLAS_STATUS_SUCCESS;
}

bool isOp(int op) { return op == CUBLAS_OP_N || op == CUBLAS_OP_T; }

template <class T>
int gemm(const char* fn, BlasHandle h, int ta, int tb, int m, int n, int k, const T* alpha, const T* a, int lda,
         const T* b, int ldb, const T* beta, T* c, int ldc) {
    if (int s = enter(fn, h)) return s;
    const bool tA = ta == CUBLAS_OP_T, tB = tb == CUBLAS_OP_T;
    if (!isOp(ta) || !isOp(tb)) return check::refuse(fn, "transa/transb must be CUBLAS_OP_N or CUBLAS_OP_T"), CUBLAS_STATUS_INVALID_VALUE;
    if (m < 0 || n < 0 || k < 0) return check::refuse(fn, "negative m, n or k"), CUBLAS_STATUS_INVALID_VALUE;
    const int rowsA = tA ? k : m, colsA = tA ? m : k, rowsB = tB ? n : k, colsB = tB ? k : n;
    if (!check::leading(fn, "lda", lda, rowsA) || !check::leading(fn, "ldb", ldb, rowsB) ||
        !check::leading(fn, "ldc", ldc, m)) {
        return CUBLAS_STATUS_INVALID_VALUE;
    }
    if (m == 0 || n == 0) return CUBLAS_STATUS_SUCCESS;
    if (!check::hostScalar(fn, "alpha", alpha) || !check::hostScalar(fn, "beta", beta)) return CUBLAS_STATUS_INVALID_VALUE;
    const bool readsAB = k > 0 && *alpha != T(0);
    if ((readsAB && (!check::deviceMatrix(fn, "A", a, rowsA, colsA, lda, sizeof(T)) ||
                     !check::deviceMatrix(fn, "B", b, rowsB, colsB, ldb, sizeof(T)))) ||
        !check::deviceMatrix(fn, "C", c, m, n, ldc, sizeof(T))) {
        return CUBLAS_STATUS_EXECUTION_FAILED;
    }
    dense::gemm<T>(tA, tB, m, n, readsAB ? k : 0, *alpha, a, lda, b, ldb, *beta, c, ldc);
    return CUBLAS_STATUS_SUCCESS;
}

template <class T>
int syrk(const char* fn, BlasHandle h, int uplo, int trans, int n, int k, const T* alpha, const T* a, int lda,
         const T* beta, T* c, int ldc) {
    if (int s = enter(fn, h)) return s;
    if (uplo != CUBLAS_FILL_MODE_LOWER && uplo != CUBLAS_FILL_MODE_UPPER) {
        return check::refuse(fn, "uplo must be LOWER or UPPER"), CUBLAS_STATUS_INVALID_VALUE;
    }
    if (!isOp(trans)) return check::refuse(fn, "trans must be CUBLAS_OP_N or CUBLAS_OP_T"), CUBLAS_STATUS_INVALID_VALUE;
    if (n < 0 || k < 0) return check::refuse(fn, "negative n or k"), CUBLAS_STATUS_INVALID_VALUE;
    const bool t = trans == CUBLAS_OP_T;
    const int rowsA = t ? k : n, colsA = t ? n : k;
    if (!check::leading(fn, "lda", lda, rowsA) || !check::leading(fn, "ldc", ldc, n)) return CUBLAS_STATUS_INVALID_VALUE;
    if (n == 0) return CUBLAS_STATUS_SUCCESS;
    if (!check::hostScalar(fn, "alpha", alpha) || !check::hostScalar(fn, "beta", beta)) return CUBLAS_STATUS_INVALID_VALUE;
    const bool readsA = k > 0 && *alpha != T(0);
    if ((readsA && !check::deviceMatrix(fn, "A", a, rowsA, colsA, lda, sizeof(T))) ||
        !check::deviceMatrix(fn, "C", c, n, n, ldc, sizeof(T))) {
        return CUBLAS_STATUS_EXECUTION_FAILED;
    }
    dense::syrk<T>(uplo == CUBLAS_FILL_MODE_LOWER, t, n, readsA ? k : 0, *alpha, a, lda, *beta, c, ldc);
    return CUBLAS_STATUS_SUCCESS;
}

}  // namespace

extern "C" {

__attribute__((visibility("default"))) int cublasCreate_v2(BlasHandle* handle) {
    if (int injected = rfm4j_emu_enter("cublasCreate_v2")) return injected;
    if (handle == nullptr) return CUBLAS_STATUS_INVALID_VALUE;
    *handle = g_handles.create(cublasContext{nullptr, CUBLAS_DEFAULT_MATH});
    return CUBLAS_STATUS_SUCCESS;
}

__attribute__((visibility("default"))) int cublasDestroy_v2(BlasHandle handle) {
    if (int injected = rfm4j_emu_enter("cublasDestroy_v2")) return injected;
    if (!g_handles.destroy(handle)) {
        check::refuse("cublasDestroy_v2", "not a live handle (destroyed twice?)");
        return CUBLAS_STATUS_NOT_INITIALIZED;
    }
    return CUBLAS_STATUS_SUCCESS;
}

__attribute__((visibility("default"))) int cublasSetStream_v2(BlasHandle handle, cudaStream_t stream) {
    if (int injected = rfm4j_emu_enter("cublasSetStream_v2")) return injected;
    if (!live(handle)) return CUBLAS_STATUS_NOT_INITIALIZED;
    if (!rfm4j_emu_is_stream(stream)) return check::refuse("cublasSetStream_v2", "not a live stream"), CUBLAS_STATUS_INVALID_VALUE;
    handle->stream = stream;
    return CUBLAS_STATUS_SUCCESS;
}

__attribute__((visibility("default"))) int cublasSetMathMode(BlasHandle handle, int mode) {
    if (int injected = rfm4j_emu_enter("cublasSetMathMode")) return injected;
    if (!live(handle)) return CUBLAS_STATUS_NOT_INITIALIZED;
    if (mode != CUBLAS_DEFAULT_MATH && mode != CUBLAS_PEDANTIC_MATH) return CUBLAS_STATUS_INVALID_VALUE;
    handle->mathMode = mode;
    return CUBLAS_STATUS_SUCCESS;
}

__attribute__((visibility("default"))) int cublasGetProperty(int type, int* value) {
    if (value == nullptr) return CUBLAS_STATUS_INVALID_VALUE;
    switch (type) {
        case PROPERTY_MAJOR_VERSION: *value = RFM4J_EMU_LIB_MAJOR; return CUBLAS_STATUS_SUCCESS;
        case PROPERTY_MINOR_VERSION: *value = 0; return CUBLAS_STATUS_SUCCESS;
        case PROPERTY_PATCH_LEVEL: *value = 0; return CUBLAS_STATUS_SUCCESS;
        default: return CUBLAS_STATUS_INVALID_VALUE;
    }
}

__attribute__((visibility("default"))) int cublasSgemm_v2(BlasHandle h, int ta, int tb, int m, int n, int k,
                                                          const float* alpha, const float* a, int lda, const float* b,
                                                          int ldb, const float* beta, float* c, int ldc) {
    return gemm<float>("cublasSgemm_v2", h, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}

__attribute__((visibility("default"))) int cublasDgemm_v2(BlasHandle h, int ta, int tb, int m, int n, int k,
                                                          const double* alpha, const double* a, int lda,
                                                          const double* b, int ldb, const double* beta, double* c,
                                                          int ldc) {
    return gemm<double>("cublasDgemm_v2", h, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}

__attribute__((visibility("default"))) int cublasSsyrk_v2(BlasHandle h, int uplo, int trans, int n, int k,
                                                          const float* alpha, const float* a, int lda,
                                                          const float* beta, float* c, int ldc) {
    return syrk<float>("cublasSsyrk_v2", h, uplo, trans, n, k, alpha, a, lda, beta, c, ldc);
}

__attribute__((visibility("default"))) int cublasDsyrk_v2(BlasHandle h, int uplo, int trans, int n, int k,
                                                          const double* alpha, const double* a, int lda,
                                                          const double* beta, double* c, int ldc) {
    return syrk<double>("cublasDsyrk_v2", h, uplo, trans, n, k, alpha, a, lda, beta, c, ldc);
}

}  // extern "C"

// the emulated entry points have exactly the prototypes rfm4j declares (and api_check holds against
// the real headers)
#define RFM4J_EMU_SAME(name) static_assert(std::is_same<decltype(&::name), PFN_##name>::value, #name)
RFM4J_EMU_SAME(cublasCreate_v2);
RFM4J_EMU_SAME(cublasDestroy_v2);
RFM4J_EMU_SAME(cublasSetStream_v2);
RFM4J_EMU_SAME(cublasSetMathMode);
RFM4J_EMU_SAME(cublasGetProperty);
RFM4J_EMU_SAME(cublasSgemm_v2);
RFM4J_EMU_SAME(cublasDgemm_v2);
RFM4J_EMU_SAME(cublasSsyrk_v2);
RFM4J_EMU_SAME(cublasDsyrk_v2);
