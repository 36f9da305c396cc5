// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

// The engine: device context and the coarse operations behind the compute SPI. Everything here
// returns a Status (never throws, never aborts); the JNI bridge turns a failed Status into a Java
// RfmException. Matrices are row-major device arrays; shapes were validated in Java, and the
// engine re-checks only what it needs for memory safety.
#pragma once
#include <cuda_runtime_api.h>

#include <cstddef>
#include <string>

#include "kernels/kernels.h"
#include "rfm4j_cuda_api.h"
#include "rfm4j_status.h"

namespace rfm4j {

/** Element type of a device matrix; the same numbers as the Java side's dtype codes. */
enum class DType : int { F32 = 0, F64 = 1 };

/** One device, one stream, one cuBLAS and one cuSOLVER handle (with its 64-bit API params), a device int
 *  for solver info. */
struct Context {
    int device = 0;
    cudaStream_t stream = nullptr;
    api::BlasHandle blas = nullptr;
    api::SolverHandle solver = nullptr;
    api::SolverParams solverParams = nullptr;
    int* devInfo = nullptr;
};

using kernels::KernelParams;

// ---- process-level queries (no context) ----
struct DeviceQuery {
    int driverStatus;   // cudaError_t of cudaDriverGetVersion
    int driverVersion;  // 0 when no driver
    int runtimeVersion; // the statically linked runtime's version
    int countStatus;    // cudaError_t of cudaGetDeviceCount
    int deviceCount;
};
DeviceQuery queryDevices();
std::string cudaErrorText(int error);
Status deviceProperties(int device, std::string* name, long long* totalMem, int* ccMajor, int* ccMinor, int* smCount);

// ---- context ----
Status createContext(int device, Context** out);
void destroyContext(Context* ctx);
Status memInfo(Context* ctx, size_t* freeBytes, size_t* totalBytes);

// ---- storage ----
Status allocate(Context* ctx, size_t bytes, void** ptr);
Status release(void* ptr);
Status zero(Context* ctx, void* ptr, size_t bytes);
/** Writes count host doubles (rounded to dtype) at element offset of dst. */
Status upload(Context* ctx, void* dst, DType t, size_t offset, const double* host, size_t count);
/** Reads count elements at element offset of src into host doubles. */
Status download(Context* ctx, const void* src, DType t, size_t offset, size_t count, double* host);
Status gatherRows(Context* ctx, DType t, const void* src, int srcRows, int cols, const int* index, int count,
                  void* dst);

// ---- memory the caller allocated (JCuda interop) ----
/** What the runtime knows of an address: *memoryType is cudaMemoryType (0 unregistered, 1 host, 2 device,
 *  3 managed), *device the device ordinal it lives on (-1 when none). Never fails for a host address. */
Status pointerInfo(Context* ctx, const void* ptr, int* memoryType, int* device);
/** Copies bytes from src to dst (both device memory) on the context's stream and waits for the copy. */
Status copyDeviceToDevice(Context* ctx, void* dst, const void* src, size_t bytes);
/** Waits for all work on the context's device, every stream of the current (primary) context included. */
Status synchronizeDevice(Context* ctx);

// ---- dense algebra ----
/** Row-major C (m x n) = alpha op(A) op(B) + beta C with row-major leading dimensions. */
Status gemm(Context* ctx, DType t, bool transA, bool transB, int m, int n, int k, double alpha, const void* a,
            int lda, const void* b, int ldb, double beta, void* c, int ldc);
Status scaleColumns(Context* ctx, DType t, const void* a, int rows, int cols, const double* scale, void* out);
Status addDiagonal(Context* ctx, DType t, void* k, int rows, int cols, double value);
Status maxAbsRowSum(Context* ctx, DType t, const void* k, int rows, int cols, double* result);
/** potrf on the row-major lower triangle; *info is LAPACK's info (0 ok, i > 0 minor not PD). */
Status choleskyFactor(Context* ctx, DType t, void* k, int n, int* info);
Status choleskySolve(Context* ctx, DType t, const void* factor, int n, void* b, int c);
/** out = V diag(f(lambda)) V^T by syevd in float64, f(l) = l^e for l > d eps lambda_max, else 0. */
Status psdPower(Context* ctx, DType t, const void* sym, int d, double exponent, void* out);

// ---- kernel machine operations ----
Status pairwiseDistances(Context* ctx, DType t, double p, const void* a, int m, const void* b, int n, int d,
                         void* out);
Status kernelMatrix(Context* ctx, DType t, KernelParams kp, const void* a, int m, const void* b, int n, int d,
                    void* out);
Status predict(Context* ctx, DType t, KernelParams kp, const void* u, int n, int d, const void* alpha, int c,
               const void* q, int m, void* out, int batchRows);
/** zIndex: host array of count rows of z, or null. g: d x d (full) or 1 x d (diag). jac: c x d or null. */
Status agopAccumulate(Context* ctx, DType t, KernelParams kp, const void* u, int n, int d, const void* alpha, int c,
                      const void* z, int rows, const int* zIndex, void* g, bool diagonal, void* jac, int batchRows);

// ---- the convolutional kernel (ConvRFM), float64 ----
/** Layers and grid of the convolutional NTK (org.rfm4j.spi.ConvNtkShape). */
struct ConvShape {
    int depth;
    int q;
    int gridRows;
    int gridCols;
    double inputScale;
};
/** out (na x nb) = the convolutional NTK between a's and b's images (rows i P .. i P + P - 1 of a, P the grid's
 *  positions; dim columns), in tiles of tileRows rows of out. b may be a. */
Status convNtkMatrix(Context* ctx, ConvShape shape, const void* a, int na, const void* b, int nb, int dim, void* out,
                     int tileRows);

}  // namespace rfm4j
