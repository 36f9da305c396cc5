// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

// Small element-wise and reduction kernels: diagonal add, column scaling, row sums, gathers,
// transposes, precision conversion, eigenvector scaling.
#include "common.cuh"
#include "kernels.h"

namespace rfm4j {
namespace kernels {
namespace {

template <class T>
__global__ void __launch_bounds__(detail::kThreads) addDiagonalKernel(T* k, int rows, int cols, T value) {
    const size_t count = static_cast<size_t>(rows < cols ? rows : cols);
    for (size_t i = detail::globalIndex(); i < count; i += detail::globalStride()) k[i * cols + i] += value;
}

template <class T>
__global__ void __launch_bounds__(detail::kThreads)
    scaleColumnsKernel(const T* a, const T* scale, int rows, int cols, T* out) {
    const size_t total = static_cast<size_t>(rows) * cols;
    for (size_t idx = detail::globalIndex(); idx < total; idx += detail::globalStride()) {
        out[idx] = a[idx] * scale[idx % cols];
    }
}

template <class T>
__global__ void __launch_bounds__(detail::kThreads) absRowSumsKernel(const T* k, int rows, int cols, T* out) {
    const int lane = threadIdx.x & 31;
    const size_t warp = detail::globalIndex() / 32;
    const size_t warps = detail::globalStride() / 32;
    for (size_t i = warp; i < static_cast<size_t>(rows); i += warps) {
        const T* row = k + i * cols;
        T acc = 0;
        for (int j = lane; j < cols; j += 32) acc += fabs(row[j]);
        for (int off = 16; off > 0; off >>= 1) acc += __shfl_down_sync(0xffffffffu, acc, off);
        if (lane == 0) out[i] = acc;
    }
}

template <class T>
__global__ void __launch_bounds__(detail::kThreads)
    gatherRowsKernel(const T* src, const int* index, int count, int cols, T* dst) {
    const size_t total = static_cast<size_t>(count) * cols;
    for (size_t idx = detail::globalIndex(); idx < total; idx += detail::globalStride()) {
        const size_t r = idx / cols;
        const size_t c = idx - r * cols;
        dst[idx] = src[static_cast<size_t>(index[r]) * cols + c];
    }
}

template <class T>
__global__ void __launch_bounds__(detail::kThreads) transposeKernel(const T* in, int rows, int cols, T* out) {
    const size_t total = static_cast<size_t>(rows) * cols;
    for (size_t idx = detail::globalIndex(); idx < total; idx += detail::globalStride()) {
        const size_t r = idx / cols;
        const size_t c = idx - r * cols;
        out[c * rows + r] = in[idx];
    }
}

template <class From, class To>
__global__ void __launch_bounds__(detail::kThreads) convertKernel(const From* in, size_t count, To* out) {
    for (size_t i = detail::globalIndex(); i < count; i += detail::globalStride()) out[i] = static_cast<To>(in[i]);
}

__global__ void __launch_bounds__(detail::kThreads)
    scaleEigenvectorsKernel(double* v, const double* lambda, int d, double exponent) {
    const size_t total = static_cast<size_t>(d) * d;
    // eigenvalues within round-off of 0 (<= d eps lambda_max; lambda is ascending) drop out, as on the
    // CPU: a rank-deficient matrix's +-1e-16 lambda_max would become ~1e-8 after a square root, and
    // pow(0, e) would be 1 for e = 0, inf for e < 0. NaN drops out too.
    const double floor = d * 2.220446049250313e-16 * lambda[d - 1];
    for (size_t idx = detail::globalIndex(); idx < total; idx += detail::globalStride()) {
        const size_t col = idx / d;  // column-major: column col holds eigenvector col
        const double l = lambda[col];
        v[idx] = (l > 0.0 && l > floor) ? v[idx] * pow(l, exponent) : 0.0;
    }
}

/** a = (a + a^T) / 2 in place (d x d): one thread per pair below the diagonal. */
__global__ void __launch_bounds__(detail::kThreads) symmetrizeKernel(double* a, int d) {
    const size_t total = static_cast<size_t>(d) * d;
    for (size_t idx = detail::globalIndex(); idx < total; idx += detail::globalStride()) {
        const size_t r = idx / d;
        const size_t c = idx - r * d;
        if (r > c) {
            const double m = 0.5 * (a[idx] + a[c * d + r]);
            a[idx] = m;
            a[c * d + r] = m;
        }
    }
}

}  // namespace

template <class T>
cudaError_t addDiagonal(T* k, int rows, int cols, double value, cudaStream_t s) {
    const int count = rows < cols ? rows : cols;
    if (count <= 0) return cudaSuccess;
    RFM4J_LAUNCH(detail::blocksFor(count), detail::kThreads, 0, s, addDiagonalKernel<T>)(k, rows, cols, T(value));
    return cudaGetLastError();
}

template <class T>
cudaError_t scaleColumns(const T* a, const T* scale, int rows, int cols, T* out, cudaStream_t s) {
    const size_t total = static_cast<size_t>(rows) * cols;
    if (total == 0) return cudaSuccess;
    RFM4J_LAUNCH(detail::blocksFor(total), detail::kThreads, 0, s, scaleColumnsKernel<T>)(a, scale, rows, cols,
                                                                                           out);
    return cudaGetLastError();
}

template <class T>
cudaError_t absRowSums(const T* k, int rows, int cols, T* out, cudaStream_t s) {
    if (rows <= 0) return cudaSuccess;
    RFM4J_LAUNCH(detail::blocksFor(static_cast<size_t>(rows) * 32), detail::kThreads, 0, s, absRowSumsKernel<T>)(
        k, rows, cols, out);
    return cudaGetLastError();
}

template <class T>
cudaError_t gatherRows(const T* src, const int* index, int count, int cols, T* dst, cudaStream_t s) {
    const size_t total = static_cast<size_t>(count) * cols;
    if (total == 0) return cudaSuccess;
    RFM4J_LAUNCH(detail::blocksFor(total), detail::kThreads, 0, s, gatherRowsKernel<T>)(src, index, count, cols,
                                                                                         dst);
    return cudaGetLastError();
}

template <class T>
cudaError_t transpose(const T* in, int rows, int cols, T* out, cudaStream_t s) {
    const size_t total = static_cast<size_t>(rows) * cols;
    if (total == 0) return cudaSuccess;
    RFM4J_LAUNCH(detail::blocksFor(total), detail::kThreads, 0, s, transposeKernel<T>)(in, rows, cols, out);
    return cudaGetLastError();
}

template <class From, class To>
cudaError_t convert(const From* in, size_t count, To* out, cudaStream_t s) {
    if (count == 0) return cudaSuccess;
    RFM4J_LAUNCH(detail::blocksFor(count), detail::kThreads, 0, s, convertKernel<From, To>)(in, count, out);
    return cudaGetLastError();
}

cudaError_t scaleEigenvectors(double* v, const double* lambda, int d, double exponent, cudaStream_t s) {
    const size_t total = static_cast<size_t>(d) * d;
    if (total == 0) return cudaSuccess;
    RFM4J_LAUNCH(detail::blocksFor(total), detail::kThreads, 0, s, scaleEigenvectorsKernel)(v, lambda, d,
                                                                                             exponent);
    return cudaGetLastError();
}

cudaError_t symmetrize(double* a, int d, cudaStream_t s) {
    const size_t total = static_cast<size_t>(d) * d;
    if (total == 0) return cudaSuccess;
    RFM4J_LAUNCH(detail::blocksFor(total), detail::kThreads, 0, s, symmetrizeKernel)(a, d);
    return cudaGetLastError();
}

#define RFM4J_INSTANTIATE_ELEMENTWISE(T)                                                          \
    template cudaError_t addDiagonal<T>(T*, int, int, double, cudaStream_t);                     \
    template cudaError_t scaleColumns<T>(const T*, const T*, int, int, T*, cudaStream_t);        \
    template cudaError_t absRowSums<T>(const T*, int, int, T*, cudaStream_t);                    \
    template cudaError_t gatherRows<T>(const T*, const int*, int, int, T*, cudaStream_t);        \
    template cudaError_t transpose<T>(const T*, int, int, T*, cudaStream_t);

RFM4J_INSTANTIATE_ELEMENTWISE(float)
RFM4J_INSTANTIATE_ELEMENTWISE(double)
template cudaError_t convert<float, double>(const float*, size_t, double*, cudaStream_t);
template cudaError_t convert<double, float>(const double*, size_t, float*, cudaStream_t);

}  // namespace kernels
}  // namespace rfm4j
