// AGOP batch assembly: derivative weights with the self pair masked by index, the expanded
// weight matrix for the l2 GEMM, the fused Lp gradient, and the accumulations into G.
#include "common.cuh"
#include "kernels.h"

namespace rfm4j {
namespace kernels {
namespace {

using detail::nonNegPow;
using detail::signedPow;

template <class T>
__global__ void derivativeWeightsKernel(T* r, int n, int b, const int* zIndex, T p, T q, T scale) {
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

template <class T>
__global__ void expandWeightsKernel(const T* w, const T* alpha, int n, int b, int c, T* wall) {
    const size_t bc = static_cast<size_t>(b) * c;
    const size_t total = static_cast<size_t>(n) * bc;
    for (size_t idx = detail::globalIndex(); idx < total; idx += detail::globalStride()) {
        const size_t i = idx / bc;
        const size_t rem = idx - i * bc;
        const size_t j = rem / c;
        const size_t k = rem - j * c;
        wall[idx] = w[i * b + j] * alpha[i * c + k];
    }
}

template <class T>
__global__ void addScaledPointsKernel(T* grad, const T* coef, const T* z, int b, int c, int d) {
    const size_t total = static_cast<size_t>(b) * c * d;
    for (size_t idx = detail::globalIndex(); idx < total; idx += detail::globalStride()) {
        const size_t row = idx / d;            // j * c + k
        const size_t a = idx - row * d;
        const size_t j = row / c;
        grad[idx] += coef[row] * z[j * d + a];  // coef is b x c, row-major: coef[j*c + k] == coef[row]
    }
}

constexpr int kOutputsPerPass = 4;

/** One thread per (j, a); kOutputsPerPass outputs per pass over the n training points. */
template <class T>
__global__ void lpGradientsKernel(const T* w, const T* alpha, const T* u, const T* z, int n, int b, int c, int d,
                                  T p, T* grad) {
    const size_t total = static_cast<size_t>(b) * d;
    for (size_t idx = detail::globalIndex(); idx < total; idx += detail::globalStride()) {
        const size_t j = idx / d;
        const size_t a = idx - j * d;
        const T zja = z[j * d + a];
        for (int k0 = 0; k0 < c; k0 += kOutputsPerPass) {
            T acc[kOutputsPerPass];
#pragma unroll
            for (int t = 0; t < kOutputsPerPass; ++t) acc[t] = T(0);
            for (int i = 0; i < n; ++i) {
                const T wij = w[static_cast<size_t>(i) * b + j];
                if (wij == T(0)) continue;
                const T f = wij * signedPow(zja - u[static_cast<size_t>(i) * d + a], p);
                const T* al = alpha + static_cast<size_t>(i) * c;
#pragma unroll
                for (int t = 0; t < kOutputsPerPass; ++t) {
                    if (k0 + t < c) acc[t] += f * al[k0 + t];
                }
            }
#pragma unroll
            for (int t = 0; t < kOutputsPerPass; ++t) {
                if (k0 + t < c) grad[(j * c + k0 + t) * d + a] = acc[t];
            }
        }
    }
}

template <class T>
__global__ void addColumnSquaresKernel(const T* grad, int rows, int d, T* g) {
    for (size_t a = detail::globalIndex(); a < static_cast<size_t>(d); a += detail::globalStride()) {
        T acc = 0;
        for (int r = 0; r < rows; ++r) {
            const T v = grad[static_cast<size_t>(r) * d + a];
            acc += v * v;
        }
        g[a] += acc;
    }
}

template <class T>
__global__ void addJacobianSumsKernel(const T* grad, int b, int c, int d, T* jac) {
    const size_t total = static_cast<size_t>(c) * d;
    for (size_t idx = detail::globalIndex(); idx < total; idx += detail::globalStride()) {
        const size_t k = idx / d;
        const size_t a = idx - k * d;
        T acc = 0;
        for (int j = 0; j < b; ++j) acc += grad[(static_cast<size_t>(j) * c + k) * d + a];
        jac[idx] += acc;
    }
}

template <class T>
__global__ void addSymmetricFromLowerKernel(const T* lower, int d, T* g) {
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

template <class T>
cudaError_t derivativeWeights(T* r, int n, int b, const int* zIndex, KernelParams kp, cudaStream_t s) {
    const size_t total = static_cast<size_t>(n) * b;
    if (total == 0) return cudaSuccess;
    derivativeWeightsKernel<T><<<detail::blocksFor(total), detail::kThreads, 0, s>>>(r, n, b, zIndex, T(kp.p),
                                                                                     T(kp.q), T(kp.scale));
    return cudaGetLastError();
}

template <class T>
cudaError_t expandWeights(const T* w, const T* alpha, int n, int b, int c, T* wall, cudaStream_t s) {
    const size_t total = static_cast<size_t>(n) * b * c;
    if (total == 0) return cudaSuccess;
    expandWeightsKernel<T><<<detail::blocksFor(total), detail::kThreads, 0, s>>>(w, alpha, n, b, c, wall);
    return cudaGetLastError();
}

template <class T>
cudaError_t addScaledPoints(T* grad, const T* coef, const T* z, int b, int c, int d, cudaStream_t s) {
    const size_t total = static_cast<size_t>(b) * c * d;
    if (total == 0) return cudaSuccess;
    addScaledPointsKernel<T><<<detail::blocksFor(total), detail::kThreads, 0, s>>>(grad, coef, z, b, c, d);
    return cudaGetLastError();
}

template <class T>
cudaError_t lpGradients(const T* w, const T* alpha, const T* u, const T* z, int n, int b, int c, int d, double p,
                        T* grad, cudaStream_t s) {
    const size_t total = static_cast<size_t>(b) * d;
    if (total == 0) return cudaSuccess;
    lpGradientsKernel<T><<<detail::blocksFor(total), detail::kThreads, 0, s>>>(w, alpha, u, z, n, b, c, d, T(p),
                                                                               grad);
    return cudaGetLastError();
}

template <class T>
cudaError_t addColumnSquares(const T* grad, int rows, int d, T* g, cudaStream_t s) {
    if (d <= 0) return cudaSuccess;
    addColumnSquaresKernel<T><<<detail::blocksFor(d), detail::kThreads, 0, s>>>(grad, rows, d, g);
    return cudaGetLastError();
}

template <class T>
cudaError_t addJacobianSums(const T* grad, int b, int c, int d, T* jac, cudaStream_t s) {
    const size_t total = static_cast<size_t>(c) * d;
    if (total == 0) return cudaSuccess;
    addJacobianSumsKernel<T><<<detail::blocksFor(total), detail::kThreads, 0, s>>>(grad, b, c, d, jac);
    return cudaGetLastError();
}

template <class T>
cudaError_t addSymmetricFromLower(const T* lower, int d, T* g, cudaStream_t s) {
    const size_t total = static_cast<size_t>(d) * d;
    if (total == 0) return cudaSuccess;
    addSymmetricFromLowerKernel<T><<<detail::blocksFor(total), detail::kThreads, 0, s>>>(lower, d, g);
    return cudaGetLastError();
}

#define RFM4J_INSTANTIATE_AGOP(T)                                                                              \
    template cudaError_t derivativeWeights<T>(T*, int, int, const int*, KernelParams, cudaStream_t);            \
    template cudaError_t expandWeights<T>(const T*, const T*, int, int, int, T*, cudaStream_t);                 \
    template cudaError_t addScaledPoints<T>(T*, const T*, const T*, int, int, int, cudaStream_t);               \
    template cudaError_t lpGradients<T>(const T*, const T*, const T*, const T*, int, int, int, int, double, T*, \
                                        cudaStream_t);                                                          \
    template cudaError_t addColumnSquares<T>(const T*, int, int, T*, cudaStream_t);                             \
    template cudaError_t addJacobianSums<T>(const T*, int, int, int, T*, cudaStream_t);                         \
    template cudaError_t addSymmetricFromLower<T>(const T*, int, T*, cudaStream_t);

RFM4J_INSTANTIATE_AGOP(float)
RFM4J_INSTANTIATE_AGOP(double)

}  // namespace kernels
}  // namespace rfm4j
