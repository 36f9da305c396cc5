// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

// AGOP batch assembly: derivative weights with the self pair masked by index, the expanded weight
// matrix of the l2 GEMM, the per-coordinate factors of the Lp GEMM, and the column reductions that
// accumulate into G and the Jacobian sums. The gradients of a batch of b points and c outputs are one
// (c b) x d row-major matrix whose row k b + j is the gradient of output k at point j.
#include "common.cuh"
#include "kernels.h"

namespace rfm4j {
namespace kernels {
namespace {

using detail::nonNegPow;
using detail::signedPow;

template <class T>
__global__ void __launch_bounds__(detail::kThreads)
    derivativeWeightsKernel(T* r, int n, int b, const int* zIndex, T p, T q, T scale) {
    const size_t total = static_cast<size_t>(n) * b;
    const T coincident = T(1e-10);
    for (size_t idx = detail::globalIndex(); idx < total; idx += detail::globalStride()) {
        const size_t i = idx / b;
        const size_t j = idx - i * b;
        const T dist = r[idx];
        T w = T(0);
        const bool self = zIndex != nullptr && static_cast<size_t>(zIndex[j]) == i;
        if (!self && dist >= coincident) {
            const T k = exp(-nonNegPow(dist, q) / scale);
            w = -(q / scale) * k * nonNegPow(dist, q - p);
        }
        r[idx] = w;
    }
}

/** wall[i, k b + j] = w[i, j] alpha[i, k]. */
template <class T>
__global__ void __launch_bounds__(detail::kThreads)
    expandWeightsKernel(const T* w, const T* alpha, int n, int b, int c, T* wall) {
    const size_t bc = static_cast<size_t>(b) * c;
    const size_t total = static_cast<size_t>(n) * bc;
    for (size_t idx = detail::globalIndex(); idx < total; idx += detail::globalStride()) {
        const size_t i = idx / bc;
        const size_t rem = idx - i * bc;
        const size_t k = rem / b;
        const size_t j = rem - k * b;
        wall[idx] = w[i * b + j] * alpha[i * c + k];
    }
}

/** grad[k b + j, a] += coef[j, k] z[j, a]. */
template <class T>
__global__ void __launch_bounds__(detail::kThreads)
    addScaledPointsKernel(T* grad, const T* coef, const T* z, int b, int c, int d) {
    const size_t total = static_cast<size_t>(b) * c * d;
    for (size_t idx = detail::globalIndex(); idx < total; idx += detail::globalStride()) {
        const size_t row = idx / d;  // k b + j
        const size_t a = idx - row * d;
        const size_t k = row / b;
        const size_t j = row - k * b;
        grad[idx] += coef[j * c + k] * z[j * d + a];
    }
}

/** psi[i, j d + a] = w[i, j] |z[j, a] - u[i, a]|^(p-1) sign(.): each power computed once. */
template <class T>
__global__ void __launch_bounds__(detail::kThreads)
    lpFactorsKernel(const T* w, const T* u, const T* z, int n, int b, int d, T p, T* psi) {
    const size_t bd = static_cast<size_t>(b) * d;
    const size_t total = static_cast<size_t>(n) * bd;
    for (size_t idx = detail::globalIndex(); idx < total; idx += detail::globalStride()) {
        const size_t i = idx / bd;
        const size_t rem = idx - i * bd;
        const size_t j = rem / d;
        const size_t a = rem - j * d;
        const T wij = w[i * b + j];
        psi[idx] = wij == T(0) ? T(0) : wij * signedPow(z[j * d + a] - u[i * d + a], p);
    }
}

constexpr int kSumCols = 32;  // columns per block of the column reduction
constexpr int kSumRows = 8;   // row lanes per block

/**
 * First pass of out[s, a] += sum_r f(in[s, r, a]) over `sets` stacked rows x cols matrices:
 * block (x, y, z) sums rows y*8 + ty, stepping by gridDim.y*8, of columns x*32 + tx of set z, and
 * writes one partial sum per (set, row chunk, column). f squares when `square`.
 */
template <class T>
__global__ void __launch_bounds__(kSumCols * kSumRows)
    columnPartialsKernel(const T* in, int rows, int cols, int setBase, bool square, T* partial) {
    __shared__ T acc[kSumRows][kSumCols + 1];
    const int tx = threadIdx.x, ty = threadIdx.y;
    const int a = blockIdx.x * kSumCols + tx;
    const size_t set = static_cast<size_t>(setBase) + blockIdx.z;
    const T* base = in + set * rows * cols;
    T sum = 0;
    if (a < cols) {
        for (int r = blockIdx.y * kSumRows + ty; r < rows; r += gridDim.y * kSumRows) {
            const T v = base[static_cast<size_t>(r) * cols + a];
            sum += square ? v * v : v;
        }
    }
    acc[ty][tx] = sum;
    __syncthreads();
    if (ty == 0 && a < cols) {
        T total = 0;
        for (int k = 0; k < kSumRows; ++k) total += acc[k][tx];
        partial[(set * gridDim.y + blockIdx.y) * cols + a] = total;
    }
}

/** Second pass: out[s, a] += sum over chunks of partial[s, chunk, a] (a fixed order: deterministic). */
template <class T>
__global__ void __launch_bounds__(detail::kThreads)
    addPartialsKernel(const T* partial, int sets, int chunks, int cols, T* out) {
    const size_t total = static_cast<size_t>(sets) * cols;
    for (size_t idx = detail::globalIndex(); idx < total; idx += detail::globalStride()) {
        const size_t s = idx / cols;
        const size_t a = idx - s * cols;
        T sum = 0;
        for (int k = 0; k < chunks; ++k) sum += partial[(s * chunks + k) * cols + a];
        out[idx] += sum;
    }
}

template <class T>
__global__ void __launch_bounds__(detail::kThreads) addSymmetricFromLowerKernel(const T* lower, int d, T* g) {
    const size_t total = static_cast<size_t>(d) * d;
    for (size_t idx = detail::globalIndex(); idx < total; idx += detail::globalStride()) {
        const size_t r = idx / d;
        const size_t c = idx - r * d;
        const size_t hi = r > c ? r : c;
        const size_t lo = r > c ? c : r;
        g[idx] += lower[hi + lo * d];
    }
}

}  // namespace

int columnSumChunks(int rows) {
    const int chunks = (rows + kSumRows - 1) / kSumRows;
    return chunks < 1 ? 1 : (chunks > kMaxColumnSumChunks ? kMaxColumnSumChunks : chunks);
}

template <class T>
cudaError_t derivativeWeights(T* r, int n, int b, const int* zIndex, KernelParams kp, cudaStream_t s) {
    const size_t total = static_cast<size_t>(n) * b;
    if (total == 0) return cudaSuccess;
    RFM4J_LAUNCH(detail::blocksFor(total), detail::kThreads, 0, s, derivativeWeightsKernel<T>)(
        r, n, b, zIndex, T(kp.p), T(kp.q), T(kp.scale));
    return cudaGetLastError();
}

template <class T>
cudaError_t expandWeights(const T* w, const T* alpha, int n, int b, int c, T* wall, cudaStream_t s) {
    const size_t total = static_cast<size_t>(n) * b * c;
    if (total == 0) return cudaSuccess;
    RFM4J_LAUNCH(detail::blocksFor(total), detail::kThreads, 0, s, expandWeightsKernel<T>)(w, alpha, n, b, c, wall);
    return cudaGetLastError();
}

template <class T>
cudaError_t addScaledPoints(T* grad, const T* coef, const T* z, int b, int c, int d, cudaStream_t s) {
    const size_t total = static_cast<size_t>(b) * c * d;
    if (total == 0) return cudaSuccess;
    RFM4J_LAUNCH(detail::blocksFor(total), detail::kThreads, 0, s, addScaledPointsKernel<T>)(grad, coef, z, b, c, d);
    return cudaGetLastError();
}

template <class T>
cudaError_t lpFactors(const T* w, const T* u, const T* z, int n, int b, int d, double p, T* psi, cudaStream_t s) {
    const size_t total = static_cast<size_t>(n) * b * d;
    if (total == 0) return cudaSuccess;
    RFM4J_LAUNCH(detail::blocksFor(total), detail::kThreads, 0, s, lpFactorsKernel<T>)(w, u, z, n, b, d, T(p), psi);
    return cudaGetLastError();
}

template <class T>
cudaError_t addColumnSums(const T* in, int sets, int rows, int cols, bool square, T* partial, T* out,
                          cudaStream_t s) {
    if (sets <= 0 || rows <= 0 || cols <= 0) return cudaSuccess;
    const int chunks = columnSumChunks(rows);
    const dim3 block(kSumCols, kSumRows);
    constexpr int kMaxGridZ = 65535;
    for (int setBase = 0; setBase < sets; setBase += kMaxGridZ) {
        const int count = sets - setBase < kMaxGridZ ? sets - setBase : kMaxGridZ;
        const dim3 grid((cols + kSumCols - 1) / kSumCols, chunks, count);
        RFM4J_LAUNCH(grid, block, 0, s, columnPartialsKernel<T>)(in, rows, cols, setBase, square, partial);
        cudaError_t e = cudaGetLastError();
        if (e != cudaSuccess) return e;
    }
    const size_t total = static_cast<size_t>(sets) * cols;
    RFM4J_LAUNCH(detail::blocksFor(total), detail::kThreads, 0, s, addPartialsKernel<T>)(partial, sets, chunks, cols,
                                                                                          out);
    return cudaGetLastError();
}

template <class T>
cudaError_t addSymmetricFromLower(const T* lower, int d, T* g, cudaStream_t s) {
    const size_t total = static_cast<size_t>(d) * d;
    if (total == 0) return cudaSuccess;
    RFM4J_LAUNCH(detail::blocksFor(total), detail::kThreads, 0, s, addSymmetricFromLowerKernel<T>)(lower, d, g);
    return cudaGetLastError();
}

#define RFM4J_INSTANTIATE_AGOP(T)                                                                         \
    template cudaError_t derivativeWeights<T>(T*, int, int, const int*, KernelParams, cudaStream_t);       \
    template cudaError_t expandWeights<T>(const T*, const T*, int, int, int, T*, cudaStream_t);            \
    template cudaError_t addScaledPoints<T>(T*, const T*, const T*, int, int, int, cudaStream_t);          \
    template cudaError_t lpFactors<T>(const T*, const T*, const T*, int, int, int, double, T*, cudaStream_t); \
    template cudaError_t addColumnSums<T>(const T*, int, int, int, bool, T*, T*, cudaStream_t);            \
    template cudaError_t addSymmetricFromLower<T>(const T*, int, T*, cudaStream_t);

RFM4J_INSTANTIATE_AGOP(float)
RFM4J_INSTANTIATE_AGOP(double)

}  // namespace kernels
}  // namespace rfm4j
