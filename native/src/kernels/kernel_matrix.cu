// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

// Kernel matrices and pairwise distances: the l2 epilogue after the GEMM of the cross term, and
// a fused tiled kernel for any p-norm (Lpq and product Laplace kernels).
#include "common.cuh"
#include "kernels.h"

namespace rfm4j {
namespace kernels {
namespace {

using detail::absPow;
using detail::nonNegPow;

/** One warp per row: out[i] = sum_j a[i, j]^2. */
template <class T>
__global__ void __launch_bounds__(detail::kThreads) rowSquaredNormsKernel(const T* a, int rows, int cols, T* out) {
    const int lane = threadIdx.x & 31;
    const size_t warp = detail::globalIndex() / 32;
    const size_t warps = detail::globalStride() / 32;
    for (size_t i = warp; i < static_cast<size_t>(rows); i += warps) {
        const T* row = a + i * cols;
        T acc = 0;
        for (int j = lane; j < cols; j += 32) acc += row[j] * row[j];
        for (int off = 16; off > 0; off >>= 1) acc += __shfl_down_sync(0xffffffffu, acc, off);
        if (lane == 0) out[i] = acc;
    }
}

/** r or k(r) from s = r^p. */
template <class T>
__device__ inline T finish(T s, Epilogue what, T p, T q, T scale) {
    if (what == Epilogue::Distance) return p == T(2) ? sqrt(s) : nonNegPow(s, T(1) / p);
    return exp(-nonNegPow(s, q / p) / scale);
}

template <class T>
__global__ void __launch_bounds__(detail::kThreads)
    l2EpilogueKernel(T* out, const T* na, const T* nb, int m, int n, long long diagOffset, Epilogue what, T q,
                     T scale) {
    const size_t total = static_cast<size_t>(m) * n;
    for (size_t idx = detail::globalIndex(); idx < total; idx += detail::globalStride()) {
        const size_t i = idx / n;
        const size_t j = idx - i * n;
        T r2 = na[i] + nb[j] - T(2) * out[idx];
        if (!(r2 > T(0))) r2 = T(0);  // also maps NaN from 0 * inf to 0: inputs are checked finite in Java
        if (diagOffset >= 0 && static_cast<long long>(j) == static_cast<long long>(i) + diagOffset) r2 = T(0);
        out[idx] = finish(r2, what, T(2), q, scale);
    }
}

constexpr int kTile = 16;

/** 16 x 16 output tile per block; a and b tiles staged through shared memory 16 columns at a time. */
template <class T>
__global__ void __launch_bounds__(kTile * kTile)
    lpPairwiseKernel(const T* a, const T* b, int m, int n, int d, int rowBase, Epilogue what, T p, T q, T scale,
                     T* out) {
    __shared__ T as[kTile][kTile + 1];
    __shared__ T bs[kTile][kTile + 1];
    const int tx = threadIdx.x, ty = threadIdx.y;
    const int i = rowBase + blockIdx.y * kTile + ty;   // row of a / out
    const int j = blockIdx.x * kTile + tx;             // row of b / column of out
    const int iLoad = rowBase + blockIdx.y * kTile + ty;
    const int jLoad = blockIdx.x * kTile + ty;
    T s = 0;
    for (int k0 = 0; k0 < d; k0 += kTile) {
        const int k = k0 + tx;
        as[ty][tx] = (iLoad < m && k < d) ? a[static_cast<size_t>(iLoad) * d + k] : T(0);
        bs[ty][tx] = (jLoad < n && k < d) ? b[static_cast<size_t>(jLoad) * d + k] : T(0);
        __syncthreads();
        const int kMax = min(kTile, d - k0);
        for (int kk = 0; kk < kMax; ++kk) s += absPow(as[ty][kk] - bs[tx][kk], p);
        __syncthreads();
    }
    if (i < m && j < n) out[static_cast<size_t>(i) * n + j] = finish(s, what, p, q, scale);
}

}  // namespace

template <class T>
cudaError_t rowSquaredNorms(const T* a, int rows, int cols, T* out, cudaStream_t s) {
    if (rows <= 0) return cudaSuccess;
    RFM4J_LAUNCH(detail::blocksFor(static_cast<size_t>(rows) * 32), detail::kThreads, 0, s,
                 rowSquaredNormsKernel<T>)(a, rows, cols, out);
    return cudaGetLastError();
}

template <class T>
cudaError_t l2Epilogue(T* out, const T* na, const T* nb, int m, int n, long long diagOffset, Epilogue what,
                       KernelParams kp, cudaStream_t s) {
    const size_t total = static_cast<size_t>(m) * n;
    if (total == 0) return cudaSuccess;
    RFM4J_LAUNCH(detail::blocksFor(total), detail::kThreads, 0, s, l2EpilogueKernel<T>)(
        out, na, nb, m, n, diagOffset, what, T(kp.q), T(kp.scale));
    return cudaGetLastError();
}

template <class T>
cudaError_t lpPairwise(const T* a, const T* b, int m, int n, int d, Epilogue what, KernelParams kp, T* out,
                       cudaStream_t s) {
    if (m <= 0 || n <= 0) return cudaSuccess;
    const int maxRowsPerLaunch = 65535 * kTile;
    for (int rowBase = 0; rowBase < m; rowBase += maxRowsPerLaunch) {
        const int rows = min(maxRowsPerLaunch, m - rowBase);
        dim3 block(kTile, kTile);
        dim3 grid((n + kTile - 1) / kTile, (rows + kTile - 1) / kTile);
        RFM4J_LAUNCH(grid, block, 0, s, lpPairwiseKernel<T>)(a, b, m, n, d, rowBase, what, T(kp.p), T(kp.q),
                                                             T(kp.scale), out);
        cudaError_t e = cudaGetLastError();
        if (e != cudaSuccess) return e;
    }
    return cudaSuccess;
}

template cudaError_t rowSquaredNorms<float>(const float*, int, int, float*, cudaStream_t);
template cudaError_t rowSquaredNorms<double>(const double*, int, int, double*, cudaStream_t);
template cudaError_t l2Epilogue<float>(float*, const float*, const float*, int, int, long long, Epilogue,
                                       KernelParams, cudaStream_t);
template cudaError_t l2Epilogue<double>(double*, const double*, const double*, int, int, long long, Epilogue,
                                        KernelParams, cudaStream_t);
template cudaError_t lpPairwise<float>(const float*, const float*, int, int, int, Epilogue, KernelParams, float*,
                                       cudaStream_t);
template cudaError_t lpPairwise<double>(const double*, const double*, int, int, int, Epilogue, KernelParams,
                                        double*, cudaStream_t);

}  // namespace kernels
}  // namespace rfm4j
