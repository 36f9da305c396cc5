// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

// Shared device helpers of the rfm4j kernels, and the launch macro.
#pragma once
#include <cuda_runtime.h>

#include <cstddef>

/**
 * RFM4J_LAUNCH(grid, block, sharedBytes, stream, kernel)(arguments...) launches kernel. With nvcc it
 * is kernel<<<grid, block, sharedBytes, stream>>>(arguments...); in the emulated-device build (the
 * kernels compiled as host C++, native/emu) it hands the kernel to the emulator. The kernel comes
 * last so that a template with several arguments (convertKernel<From, To>) needs no parentheses.
 */
#if defined(RFM4J_CUDA_EMULATION)
#define RFM4J_LAUNCH(grid, block, sharedBytes, stream, ...) \
    ::rfm4j::emu::makeLaunch(#__VA_ARGS__, (grid), (block), (sharedBytes), (stream), &__VA_ARGS__)
#else
#define RFM4J_LAUNCH(grid, block, sharedBytes, stream, ...) __VA_ARGS__<<<(grid), (block), (sharedBytes), (stream)>>>
#endif

namespace rfm4j {
namespace kernels {
namespace detail {

constexpr int kThreads = 256;

#if defined(RFM4J_CUDA_EMULATION)
// On the emulated device every block costs a round of host threads: a few blocks suffice, and the
// grid-stride loops then run many turns per thread, which is what tests them.
constexpr size_t kMaxBlocks = 4;
#else
constexpr size_t kMaxBlocks = size_t(1) << 20;
#endif

/** Blocks for a grid-stride loop over count items (capped: the loop covers the rest). */
inline unsigned int blocksFor(size_t count) {
    size_t b = (count + kThreads - 1) / kThreads;
    if (b < 1) b = 1;
    if (b > kMaxBlocks) b = kMaxBlocks;
    return static_cast<unsigned int>(b);
}

__device__ inline size_t globalIndex() { return static_cast<size_t>(blockIdx.x) * blockDim.x + threadIdx.x; }
__device__ inline size_t globalStride() { return static_cast<size_t>(gridDim.x) * blockDim.x; }

/** |t|^p with fast paths; 0 at t = 0 for every p > 0. */
template <class T>
__device__ inline T absPow(T t, T p) {
    T a = fabs(t);
    if (p == T(2)) return a * a;
    if (p == T(1)) return a;
    if (a == T(0)) return T(0);
    return pow(a, p);
}

/** x^e for x >= 0 with fast paths (x^0 = 1). */
template <class T>
__device__ inline T nonNegPow(T x, T e) {
    if (e == T(1)) return x;
    if (e == T(0.5)) return sqrt(x);
    if (e == T(2)) return x * x;
    if (e == T(0)) return T(1);
    if (e == T(-1)) return T(1) / x;
    return pow(x, e);
}

/** |t|^(p-1) sign(t), 0 at t = 0 (never NaN, also for p < 1). */
template <class T>
__device__ inline T signedPow(T t, T p) {
    if (t == T(0)) return T(0);
    if (p == T(2)) return t;
    T a = (p == T(1)) ? T(1) : pow(fabs(t), p - T(1));
    return t > T(0) ? a : -a;
}

}  // namespace detail
}  // namespace kernels
}  // namespace rfm4j
