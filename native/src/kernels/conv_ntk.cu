// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

// The per-position recursion of ConvRFM's convolutional NTK (org.rfm4j.conv.ConvNtk is the host reference):
// a layer's values for many pairs of images are held position-major, value[p * width + w] for position p of
// the layer's grid and pair (or image) w, so a window sum and a layer are coalesced element-wise passes.
#include "common.cuh"
#include "kernels.h"

namespace rfm4j {
namespace kernels {
namespace {

constexpr double kPi = 3.14159265358979323846;

__global__ void __launch_bounds__(detail::kThreads)
    convSquaredNormsKernel(const double* x, int count, int positions, int dim, double scale, double* out) {
    const size_t total = static_cast<size_t>(count) * positions;
    for (size_t idx = detail::globalIndex(); idx < total; idx += detail::globalStride()) {
        const size_t p = idx / count;
        const size_t i = idx - p * count;
        const double* patch = x + (i * positions + p) * dim;
        double acc = patch[0] * patch[0];
        for (int k = 1; k < dim; k++) acc += patch[k] * patch[k];
        out[idx] = acc * scale;
    }
}

__global__ void __launch_bounds__(detail::kThreads)
    convWindowSumKernel(const double* in, int rows, int cols, int q, size_t width, double* out) {
    const int outCols = cols - q + 1;
    const size_t total = static_cast<size_t>(rows - q + 1) * outCols * width;
    for (size_t idx = detail::globalIndex(); idx < total; idx += detail::globalStride()) {
        const size_t pos = idx / width;
        const size_t w = idx - pos * width;
        const int r = static_cast<int>(pos / outCols);
        const int c = static_cast<int>(pos - static_cast<size_t>(r) * outCols);
        double acc = 0;
        for (int dy = 0; dy < q; dy++) {
            const double* row = in + (static_cast<size_t>(r + dy) * cols + c) * width + w;
            for (int dx = 0; dx < q; dx++) acc += row[static_cast<size_t>(dx) * width];
        }
        out[idx] = acc;
    }
}

/**
 * One sqrt2-ReLU layer for the pairs (i0 + i, j), i < rows, j < nb, at every position: from the covariance s and
 * the tangent term (tIn, or s itself where tIn is null: layer 1), S' = sqrt(X Z) (sin theta + (pi - theta) rho) / pi
 * into s and S' + Sdot T into tOut, Sdot = (pi - theta) / pi, rho = S / sqrt(X Z) clipped to [-1, 1], 0 where
 * X Z is not positive (then S' = 0).
 */
__global__ void __launch_bounds__(detail::kThreads)
    convLayerKernel(double* s, const double* tIn, double* tOut, const double* varA, int na, int i0, int rows,
                    const double* varB, int nb, int positions) {
    const size_t pairs = static_cast<size_t>(rows) * nb;
    const size_t total = pairs * positions;
    for (size_t idx = detail::globalIndex(); idx < total; idx += detail::globalStride()) {
        const size_t p = idx / pairs;
        const size_t pr = idx - p * pairs;
        const size_t i = pr / nb;
        const size_t j = pr - i * nb;
        const double x = varA[p * na + i0 + i];
        const double z = varB[p * nb + j];
        const double sv = s[idx];
        const double tv = tIn != nullptr ? tIn[idx] : sv;
        const double xz = x * z;
        double rho = 0, sp = 0;
        if (xz > 0) {
            const double root = sqrt(xz);
            rho = sv / root;
            rho = rho > 1 ? 1 : rho < -1 ? -1 : rho;
        }
        const double theta = acos(rho);
        if (xz > 0) {
            sp = sqrt(xz) * (sqrt(max(0.0, 1 - rho * rho)) + (kPi - theta) * rho) / kPi;
        }
        const double sd = (kPi - theta) / kPi;
        s[idx] = sp;
        tOut[idx] = sp + sd * tv;
    }
}

__global__ void __launch_bounds__(detail::kThreads)
    convMeanKernel(const double* t, int positions, size_t pairs, double* out) {
    for (size_t pr = detail::globalIndex(); pr < pairs; pr += detail::globalStride()) {
        double acc = 0;
        for (int p = 0; p < positions; p++) acc += t[static_cast<size_t>(p) * pairs + pr];
        out[pr] = acc / positions;
    }
}

}  // namespace

cudaError_t convSquaredNorms(const double* x, int count, int positions, int dim, double scale, double* out,
                             cudaStream_t s) {
    const size_t total = static_cast<size_t>(count) * positions;
    if (total == 0) return cudaSuccess;
    RFM4J_LAUNCH(detail::blocksFor(total), detail::kThreads, 0, s, convSquaredNormsKernel)(x, count, positions, dim,
                                                                                            scale, out);
    return cudaGetLastError();
}

cudaError_t convWindowSum(const double* in, int rows, int cols, int q, size_t width, double* out, cudaStream_t s) {
    const size_t total = static_cast<size_t>(rows - q + 1) * (cols - q + 1) * width;
    if (rows < q || cols < q || total == 0) return cudaSuccess;
    RFM4J_LAUNCH(detail::blocksFor(total), detail::kThreads, 0, s, convWindowSumKernel)(in, rows, cols, q, width, out);
    return cudaGetLastError();
}

cudaError_t convLayer(double* sv, const double* tIn, double* tOut, const double* varA, int na, int i0, int rows,
                      const double* varB, int nb, int positions, cudaStream_t s) {
    const size_t total = static_cast<size_t>(rows) * nb * positions;
    if (total == 0) return cudaSuccess;
    RFM4J_LAUNCH(detail::blocksFor(total), detail::kThreads, 0, s, convLayerKernel)(sv, tIn, tOut, varA, na, i0, rows,
                                                                                     varB, nb, positions);
    return cudaGetLastError();
}

cudaError_t convMean(const double* t, int positions, size_t pairs, double* out, cudaStream_t s) {
    if (pairs == 0) return cudaSuccess;
    RFM4J_LAUNCH(detail::blocksFor(pairs), detail::kThreads, 0, s, convMeanKernel)(t, positions, pairs, out);
    return cudaGetLastError();
}

}  // namespace kernels
}  // namespace rfm4j
