// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

// The emulated cuSOLVER (dense): the entry points rfm4j resolves, built as libcusolver.so.12 and
// libcusolver.so.11 for the emulated device's library folders. Arguments are checked as cuSOLVER checks
// them (handles, params, fill modes, sizes, leading dimensions, data types, workspace sizes) and
// beyond (operands, workspaces and devInfo inside device memory); results and devInfo follow LAPACK.
// Any entry point can be made to fail by the tests (rfm4j_emu_inject_failure).
#include <cstdint>
#include <cstring>
#include <string>
#include <type_traits>

#include "dense.h"
#include "libcheck.h"
#include "rfm4j_cuda_api.h"
#include "rfm4j_emu.h"

#ifndef RFM4J_EMU_LIB_MAJOR
#error "RFM4J_EMU_LIB_MAJOR (the library's major version) must be defined"
#endif

struct cusolverDnContext {
    cudaStream_t stream;
};

struct cusolverDnParams {
    int unused;
};

namespace {

using namespace rfm4j::api;
namespace check = rfm4j::emu::check;
namespace dense = rfm4j::emu::dense;

check::Registry<cusolverDnContext> g_handles;
check::Registry<cusolverDnParams> g_params;

bool liveHandle(SolverHandle h) { return g_handles.live(h); }

bool liveParams(SolverParams p) { return g_params.live(p); }

int enter(const char* fn, SolverHandle h) {
    if (int injected = rfm4j_emu_enter(fn)) return injected;
    if (!liveHandle(h)) {
        check::refuse(fn, "the handle is not a live cuSOLVER handle (never created, or destroyed)");
        return CUSOLVER_STATUS_NOT_INITIALIZED;
    }
    if (!rfm4j_emu_is_stream(h->stream)) {
        check::refuse(fn, "the handle's stream is not live");
        return CUSOLVER_STATUS_EXECUTION_FAILED;
    }
    return CUSOLVER_STATUS_SUCCESS;
}

bool isFill(int uplo) { return uplo == CUBLAS_FILL_MODE_LOWER || uplo == CUBLAS_FILL_MODE_UPPER; }

size_t elementSize(int type) { return type == CUDA_R_32F ? 4 : type == CUDA_R_64F ? 8 : 0; }

/** Workspace cuSOLVER would ask for: any positive size, so that a caller passing less is caught. */
size_t potrfWorkspace(int64_t n, int type) { return static_cast<size_t>(n > 0 ? n : 1) * elementSize(type) * 2; }

int syevdWorkspace(int n) { return 1 + 6 * n + 2 * n * n; }  // LAPACK dsyevd's lwork with vectors

int refused(const char* fn, const std::string& why) {
    check::refuse(fn, why);
    return CUSOLVER_STATUS_INVALID_VALUE;
}

int outside() { return CUSOLVER_STATUS_EXECUTION_FAILED; }

}  // namespace

extern "C" {

__attribute__((visibility("default"))) int cusolverDnCreate(SolverHandle* handle) {
    if (int injected = rfm4j_emu_enter("cusolverDnCreate")) return injected;
    if (handle == nullptr) return CUSOLVER_STATUS_INVALID_VALUE;
    *handle = g_handles.create(cusolverDnContext{nullptr});
    return CUSOLVER_STATUS_SUCCESS;
}

__attribute__((visibility("default"))) int cusolverDnDestroy(SolverHandle handle) {
    if (int injected = rfm4j_emu_enter("cusolverDnDestroy")) return injected;
    if (!g_handles.destroy(handle)) {
        check::refuse("cusolverDnDestroy", "not a live handle (destroyed twice?)");
        return CUSOLVER_STATUS_NOT_INITIALIZED;
    }
    return CUSOLVER_STATUS_SUCCESS;
}

__attribute__((visibility("default"))) int cusolverDnSetStream(SolverHandle handle, cudaStream_t stream) {
    if (int injected = rfm4j_emu_enter("cusolverDnSetStream")) return injected;
    if (!liveHandle(handle)) return CUSOLVER_STATUS_NOT_INITIALIZED;
    if (!rfm4j_emu_is_stream(stream)) return refused("cusolverDnSetStream", "not a live stream");
    handle->stream = stream;
    return CUSOLVER_STATUS_SUCCESS;
}

__attribute__((visibility("default"))) int cusolverGetProperty(int type, int* value) {
    if (value == nullptr) return CUSOLVER_STATUS_INVALID_VALUE;
    switch (type) {
        case PROPERTY_MAJOR_VERSION: *value = RFM4J_EMU_LIB_MAJOR; return CUSOLVER_STATUS_SUCCESS;
        case PROPERTY_MINOR_VERSION: *value = 0; return CUSOLVER_STATUS_SUCCESS;
        case PROPERTY_PATCH_LEVEL: *value = 0; return CUSOLVER_STATUS_SUCCESS;
        default: return CUSOLVER_STATUS_INVALID_VALUE;
    }
}

__attribute__((visibility("default"))) int cusolverDnCreateParams(SolverParams* params) {
    if (int injected = rfm4j_emu_enter("cusolverDnCreateParams")) return injected;
    if (params == nullptr) return CUSOLVER_STATUS_INVALID_VALUE;
    *params = g_params.create(cusolverDnParams{0});
    return CUSOLVER_STATUS_SUCCESS;
}

__attribute__((visibility("default"))) int cusolverDnDestroyParams(SolverParams params) {
    if (int injected = rfm4j_emu_enter("cusolverDnDestroyParams")) return injected;
    if (!g_params.destroy(params)) return refused("cusolverDnDestroyParams", "not live params (destroyed twice?)");
    return CUSOLVER_STATUS_SUCCESS;
}

__attribute__((visibility("default"))) int cusolverDnXpotrf_bufferSize(SolverHandle handle, SolverParams params,
                                                                       int uplo, int64_t n, int dataTypeA,
                                                                       const void* A, int64_t lda, int computeType,
                                                                       size_t* onDevice, size_t* onHost) {
    const char* fn = "cusolverDnXpotrf_bufferSize";
    if (int s = enter(fn, handle)) return s;
    if (!liveParams(params)) return refused(fn, "params are not live cusolverDnParams");
    if (!isFill(uplo)) return refused(fn, "uplo must be LOWER or UPPER");
    if (n < 0) return refused(fn, "n < 0");
    if (!check::leading(fn, "lda", lda, n)) return CUSOLVER_STATUS_INVALID_VALUE;
    if (elementSize(dataTypeA) == 0 || dataTypeA != computeType) {
        return refused(fn, "dataTypeA and computeType must both be CUDA_R_32F or CUDA_R_64F");
    }
    if (onDevice == nullptr || onHost == nullptr) return refused(fn, "null workspace size pointer");
    (void)A;
    *onDevice = potrfWorkspace(n, dataTypeA);
    *onHost = 0;
    return CUSOLVER_STATUS_SUCCESS;
}

__attribute__((visibility("default"))) int cusolverDnXpotrf(SolverHandle handle, SolverParams params, int uplo,
                                                            int64_t n, int dataTypeA, void* A, int64_t lda,
                                                            int computeType, void* bufferOnDevice, size_t onDevice,
                                                            void* bufferOnHost, size_t onHost, int* info) {
    const char* fn = "cusolverDnXpotrf";
    if (int s = enter(fn, handle)) return s;
    if (!liveParams(params)) return refused(fn, "params are not live cusolverDnParams");
    if (!isFill(uplo)) return refused(fn, "uplo must be LOWER or UPPER");
    if (n < 0) return refused(fn, "n < 0");
    if (!check::leading(fn, "lda", lda, n)) return CUSOLVER_STATUS_INVALID_VALUE;
    const size_t elem = elementSize(dataTypeA);
    if (elem == 0 || dataTypeA != computeType) return refused(fn, "dataTypeA and computeType must both be CUDA_R_32F or CUDA_R_64F");
    if (onDevice < potrfWorkspace(n, dataTypeA)) {
        return refused(fn, "workspaceInBytesOnDevice = " + std::to_string(onDevice) + " is below what bufferSize asked for");
    }
    (void)bufferOnHost;
    (void)onHost;
    if (!check::deviceBytes(fn, "info", info, sizeof(int)) || !check::deviceBytes(fn, "the device workspace", bufferOnDevice, onDevice) ||
        !check::deviceMatrix(fn, "A", A, n, n, lda, elem)) {
        return outside();
    }
    const bool lower = uplo == CUBLAS_FILL_MODE_LOWER;
    const int64_t r = dataTypeA == CUDA_R_32F ? dense::potrf<float>(lower, n, static_cast<float*>(A), lda)
                                              : dense::potrf<double>(lower, n, static_cast<double*>(A), lda);
    *info = static_cast<int>(r);
    return CUSOLVER_STATUS_SUCCESS;
}

__attribute__((visibility("default"))) int cusolverDnXpotrs(SolverHandle handle, SolverParams params, int uplo,
                                                            int64_t n, int64_t nrhs, int dataTypeA, const void* A,
                                                            int64_t lda, int dataTypeB, void* B, int64_t ldb,
                                                            int* info) {
    const char* fn = "cusolverDnXpotrs";
    if (int s = enter(fn, handle)) return s;
    if (!liveParams(params)) return refused(fn, "params are not live cusolverDnParams");
    if (!isFill(uplo)) return refused(fn, "uplo must be LOWER or UPPER");
    if (n < 0 || nrhs < 0) return refused(fn, "n < 0 or nrhs < 0");
    if (!check::leading(fn, "lda", lda, n) || !check::leading(fn, "ldb", ldb, n)) return CUSOLVER_STATUS_INVALID_VALUE;
    const size_t elem = elementSize(dataTypeA);
    if (elem == 0 || dataTypeA != dataTypeB) return refused(fn, "dataTypeA and dataTypeB must both be CUDA_R_32F or CUDA_R_64F");
    if (!check::deviceBytes(fn, "info", info, sizeof(int)) || !check::deviceMatrix(fn, "A", A, n, n, lda, elem) ||
        !check::deviceMatrix(fn, "B", B, n, nrhs, ldb, elem)) {
        return outside();
    }
    const bool lower = uplo == CUBLAS_FILL_MODE_LOWER;
    if (dataTypeA == CUDA_R_32F) {
        dense::potrs<float>(lower, n, nrhs, static_cast<const float*>(A), lda, static_cast<float*>(B), ldb);
    } else {
        dense::potrs<double>(lower, n, nrhs, static_cast<const double*>(A), lda, static_cast<double*>(B), ldb);
    }
    *info = 0;
    return CUSOLVER_STATUS_SUCCESS;
}

__attribute__((visibility("default"))) int cusolverDnDsyevd_bufferSize(SolverHandle handle, int jobz, int uplo, int n,
                                                                       const double* A, int lda, const double* W,
                                                                       int* lwork) {
    const char* fn = "cusolverDnDsyevd_bufferSize";
    if (int s = enter(fn, handle)) return s;
    if (jobz != CUSOLVER_EIG_MODE_NOVECTOR && jobz != CUSOLVER_EIG_MODE_VECTOR) return refused(fn, "jobz is not an eig mode");
    if (!isFill(uplo)) return refused(fn, "uplo must be LOWER or UPPER");
    if (n < 0) return refused(fn, "n < 0");
    if (!check::leading(fn, "lda", lda, n)) return CUSOLVER_STATUS_INVALID_VALUE;
    if (lwork == nullptr) return refused(fn, "lwork is null");
    (void)A;
    (void)W;
    *lwork = syevdWorkspace(n);
    return CUSOLVER_STATUS_SUCCESS;
}

__attribute__((visibility("default"))) int cusolverDnDsyevd(SolverHandle handle, int jobz, int uplo, int n, double* A,
                                                            int lda, double* W, double* work, int lwork, int* info) {
    const char* fn = "cusolverDnDsyevd";
    if (int s = enter(fn, handle)) return s;
    if (jobz != CUSOLVER_EIG_MODE_NOVECTOR && jobz != CUSOLVER_EIG_MODE_VECTOR) return refused(fn, "jobz is not an eig mode");
    if (!isFill(uplo)) return refused(fn, "uplo must be LOWER or UPPER");
    if (n < 0) return refused(fn, "n < 0");
    if (!check::leading(fn, "lda", lda, n)) return CUSOLVER_STATUS_INVALID_VALUE;
    if (lwork < syevdWorkspace(n)) return refused(fn, "lwork = " + std::to_string(lwork) + " is below what bufferSize asked for");
    if (!check::deviceBytes(fn, "info", info, sizeof(int)) || !check::deviceBytes(fn, "work", work, sizeof(double) * lwork) ||
        !check::deviceMatrix(fn, "A", A, n, n, lda, sizeof(double)) || !check::deviceBytes(fn, "W", W, sizeof(double) * n)) {
        return outside();
    }
    const bool ok = dense::syevd(jobz == CUSOLVER_EIG_MODE_VECTOR, uplo == CUBLAS_FILL_MODE_LOWER, n, A, lda, W);
    *info = ok ? 0 : 1;
    return CUSOLVER_STATUS_SUCCESS;
}

}  // extern "C"

#define RFM4J_EMU_SAME(name) static_assert(std::is_same<decltype(&::name), PFN_##name>::value, #name)
RFM4J_EMU_SAME(cusolverDnCreate);
RFM4J_EMU_SAME(cusolverDnDestroy);
RFM4J_EMU_SAME(cusolverDnSetStream);
RFM4J_EMU_SAME(cusolverGetProperty);
RFM4J_EMU_SAME(cusolverDnCreateParams);
RFM4J_EMU_SAME(cusolverDnDestroyParams);
RFM4J_EMU_SAME(cusolverDnXpotrf_bufferSize);
RFM4J_EMU_SAME(cusolverDnXpotrf);
RFM4J_EMU_SAME(cusolverDnXpotrs);
RFM4J_EMU_SAME(cusolverDnDsyevd_bufferSize);
RFM4J_EMU_SAME(cusolverDnDsyevd);
