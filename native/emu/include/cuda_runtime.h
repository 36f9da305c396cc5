// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

// rfm4j's emulated CUDA device: what a .cu file of ours sees when it is compiled as host C++ in the
// emulated-device build (CMake option RFM4J_CUDA_EMULATION). It provides the built-in variables
// (threadIdx, blockIdx, blockDim, gridDim), the qualifiers, __syncthreads, the warp shuffles and the
// math functions our kernels use. The semantics that make a kernel right or wrong on a GPU are kept:
// every CUDA thread of a block is a real host thread, so a missing __syncthreads shows up as a wrong
// result and a barrier that not every thread reaches shows up as an error (never as a silent pass);
// blocks run one after another, so __shared__ memory (a static here) belongs to the running block.
// Launches go through RFM4J_LAUNCH (native/src/kernels/common.cuh), which ends in rfm4j_emu.h.
#pragma once
#include <algorithm>
#include <cmath>
#include <cstddef>

#include "cuda_runtime_api.h"
#include "rfm4j_emu.h"

#define __global__
#define __device__
#define __host__
#define __forceinline__ inline
#define __launch_bounds__(...)
// one block runs at a time, and all its threads share a function's statics: block-shared memory
#define __shared__ static

struct uint3 {
    unsigned int x, y, z;
};

struct dim3 {
    unsigned int x, y, z;
    constexpr dim3(unsigned int vx = 1, unsigned int vy = 1, unsigned int vz = 1) : x(vx), y(vy), z(vz) {}
    constexpr dim3(uint3 v) : x(v.x), y(v.y), z(v.z) {}
};

// The built-in variables of the calling CUDA thread (set by the emulator before the kernel body runs).
extern thread_local uint3 threadIdx;
extern thread_local uint3 blockIdx;
extern thread_local dim3 blockDim;
extern thread_local dim3 gridDim;

inline void __syncthreads() { ::rfm4j::emu::syncThreads(); }

/** Shuffle down within a warp: lane l receives var of lane l + delta (its own var past the end). */
template <class T>
inline T __shfl_down_sync(unsigned int mask, T var, unsigned int delta, int width = 32) {
    T out = var;
    ::rfm4j::emu::warpShuffleDown(mask, &var, &out, sizeof(T), delta, width);
    return out;
}

// Device math: CUDA's overloads for float and double are the host's std:: ones here.
using std::acos;
using std::exp;
using std::fabs;
using std::pow;
using std::sqrt;

inline int min(int a, int b) { return a < b ? a : b; }
inline int max(int a, int b) { return a > b ? a : b; }
inline unsigned int min(unsigned int a, unsigned int b) { return a < b ? a : b; }
inline unsigned int max(unsigned int a, unsigned int b) { return a > b ? a : b; }
inline long long min(long long a, long long b) { return a < b ? a : b; }
inline long long max(long long a, long long b) { return a > b ? a : b; }
inline float min(float a, float b) { return std::fmin(a, b); }
inline float max(float a, float b) { return std::fmax(a, b); }
inline double min(double a, double b) { return std::fmin(a, b); }
inline double max(double a, double b) { return std::fmax(a, b); }

namespace rfm4j {
namespace emu {

/**
 * What RFM4J_LAUNCH(grid, block, shmem, stream, kernel)(args...) becomes: the arguments are copied
 * into the kernel's parameter types, as CUDA copies them, and every thread of the grid calls the
 * kernel with that copy.
 */
template <class... P>
class Launch {
public:
    Launch(const char* name, dim3 grid, dim3 block, size_t sharedBytes, cudaStream_t stream, void (*kernel)(P...))
        : name_(name), grid_(grid), block_(block), shared_(sharedBytes), stream_(stream), kernel_(kernel) {}

    template <class... A>
    void operator()(A&&... args) const {
        static_assert(sizeof...(A) == sizeof...(P), "kernel launched with the wrong number of arguments");
        const std::tuple<P...> params(static_cast<P>(args)...);
        void (*kernel)(P...) = kernel_;
        const std::function<void()> body = [&params, kernel]() { std::apply(kernel, params); };
        launchKernel(name_, Geometry{grid_.x, grid_.y, grid_.z, block_.x, block_.y, block_.z}, shared_, stream_,
                     body);
    }

private:
    const char* name_;
    dim3 grid_, block_;
    size_t shared_;
    cudaStream_t stream_;
    void (*kernel_)(P...);
};

template <class... P>
Launch<P...> makeLaunch(const char* name, dim3 grid, dim3 block, size_t sharedBytes, cudaStream_t stream,
                        void (*kernel)(P...)) {
    return Launch<P...>(name, grid, block, sharedBytes, stream, kernel);
}

}  // namespace emu
}  // namespace rfm4j
