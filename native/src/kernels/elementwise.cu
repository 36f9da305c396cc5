// Small element-wise and reduction kernels: diagonal add, column scaling, row sums, gathers,
// transposes, precision conversion, eigenvector scaling.
#include "common.cuh"
#include "kernels.h"

namespace rfm4j {
namespace kernels {
namespace {

template <class T>
__global__ void addDiagonalKernel(T* k, int rows, int cols, T value) {
    const size_t count = static_cast<size_t>(rows < cols ? rows : cols);
    for (size_t i = detail::globalIndex(); i < count; i += detail::globalStride()) k[i * cols + i] += value;
}

template <class T>
__global__ void scaleColumnsKernel(const T* a, const T* scale, int rows, int cols, T* out) {
    const size_t total = static_cast<size_t>(rows) * cols;
    for (size_t idx = detail::globalIndex(); idx < total; idx += detail::globalStride()) {
        out[idx] = a[idx] * scale[idx % cols];
    }
}

template <class T>
__global__ void absRowSumsKernel(const T* k, int rows, int cols, T* out) {
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
__global__ void gatherRowsKernel(const T* src, const int* index, int count, int cols, T* dst) {
    const size_t total = static_cast<size_t>(count) * cols;
    for (size_t idx = detail::globalIndex(); idx < total; idx += detail::globalStride()) {
        const size_t r = idx / cols;
        const size_t c = idx - r * cols;
        dst[idx] = src[static_cast<size_t>(index[r]) * cols + c];
    }
}

template <class T>
__global__ void transposeKernel(const T* in, int rows, int cols, T* out) {
    const size_t total = static_cast<size_t>(rows) * cols;
    for (size_t idx = detail::globalIndex(); idx < total; idx += detail::globalStride()) {
        const size_t r = idx / cols;
        const size_t c = idx - r * cols;
        out[c * rows + r] = in[idx];
    }
}

template <class From, class To>
__global__ void convertKernel(const From* in, size_t count, To* out) {
    for (size_t i = detail::globalIndex(); i < count; i += detail::globalStride()) out[i] = static_cast<To>(in[i]);
}

__global__ void scaleEigenvectorsKernel(double* v, const double* lambda, int d, double exponent) {
    const size_t total = static_cast<size_t>(d) * d;
    for (size_t idx = detail::globalIndex(); idx < total; idx += detail::globalStride()) {
        const size_t col = idx / d;  // column-major: column col holds eigenvector col
        // eigenvalues <= 0 (or NaN) drop out, as on the CPU: pow(0, e) would be 1 for e = 0, inf for e < 0
        const double l = lambda[col];
        v[idx] = l > 0.0 ? v[idx] * pow(l, exponent) : 0.0;
    }
}

/** a = (a + a^T) / 2 in place (d x d): one thread per pair below the diagonal. */
__global__ void symmetrizeKernel(double* a, int d) {
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
    addDiagonalKernel<T><<<detail::blocksFor(count), detail::kThreads, 0, s>>>(k, rows, cols, T(value));
    return cudaGetLastError();
}

template <class T>
cudaError_t scaleColumns(const T* a, const T* scale, int rows, int cols, T* out, cudaStream_t s) {
    const size_t total = static_cast<size_t>(rows) * cols;
    if (total == 0) return cudaSuccess;
    scaleColumnsKernel<T><<<detail::blocksFor(total), detail::kThreads, 0, s>>>(a, scale, rows, cols, out);
    return cudaGetLastError();
}

template <class T>
cudaError_t absRowSums(const T* k, int rows, int cols, T* out, cudaStream_t s) {
    if (rows <= 0) return cudaSuccess;
    absRowSumsKernel<T><<<detail::blocksFor(static_cast<size_t>(rows) * 32), detail::kThreads, 0, s>>>(k, rows, cols,
                                                                                                      out);
    return cudaGetLastError();
}

template <class T>
cudaError_t gatherRows(const T* src, const int* index, int count, int cols, T* dst, cudaStream_t s) {
    const size_t total = static_cast<size_t>(count) * cols;
    if (total == 0) return cudaSuccess;
    gatherRowsKernel<T><<<detail::blocksFor(total), detail::kThreads, 0, s>>>(src, index, count, cols, dst);
    return cudaGetLastError();
}

template <class T>
cudaError_t transpose(const T* in, int rows, int cols, T* out, cudaStream_t s) {
    const size_t total = static_cast<size_t>(rows) * cols;
    if (total == 0) return cudaSuccess;
    transposeKernel<T><<<detail::blocksFor(total), detail::kThreads, 0, s>>>(in, rows, cols, out);
    return cudaGetLastError();
}

template <class From, class To>
cudaError_t convert(const From* in, size_t count, To* out, cudaStream_t s) {
    if (count == 0) return cudaSuccess;
    convertKernel<From, To><<<detail::blocksFor(count), detail::kThreads, 0, s>>>(in, count, out);
    return cudaGetLastError();
}

cudaError_t scaleEigenvectors(double* v, const double* lambda, int d, double exponent, cudaStream_t s) {
    const size_t total = static_cast<size_t>(d) * d;
    if (total == 0) return cudaSuccess;
    scaleEigenvectorsKernel<<<detail::blocksFor(total), detail::kThreads, 0, s>>>(v, lambda, d, exponent);
    return cudaGetLastError();
}

cudaError_t symmetrize(double* a, int d, cudaStream_t s) {
    const size_t total = static_cast<size_t>(d) * d;
    if (total == 0) return cudaSuccess;
    symmetrizeKernel<<<detail::blocksFor(total), detail::kThreads, 0, s>>>(a, d);
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
