// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

// Tests of the emulated device itself: that a kernel which is right on a GPU is right here (block
// barriers, warp shuffles, shared memory, grid-stride loops), and that what a GPU leaves undefined is
// an error here (a divergent barrier, a shuffle mask that is not the whole warp, a bad launch
// configuration). Each failing case runs in a child process, since a failed kernel leaves the device's
// error sticky, as on a GPU.   emu_emulator_test [stress rounds]  (exit 0 when all pass)
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "cuda_runtime.h"

#define LAUNCH(grid, block, kernel) ::rfm4j::emu::makeLaunch(#kernel, (grid), (block), 0, nullptr, &kernel)

namespace {

int g_failures = 0;

void expect(bool ok, const std::string& what) {
    std::printf("%s %s\n", ok ? "ok  " : "FAIL", what.c_str());
    if (!ok) ++g_failures;
}

// ---- kernels that are right on a GPU ----

/** out[i] = sum of row i (cols wide), one warp per row, reduced by shuffles. */
__global__ void rowSums(const float* a, int rows, int cols, float* out) {
    const int lane = threadIdx.x & 31;
    const size_t warp = (static_cast<size_t>(blockIdx.x) * blockDim.x + threadIdx.x) / 32;
    const size_t warps = static_cast<size_t>(gridDim.x) * blockDim.x / 32;
    for (size_t i = warp; i < static_cast<size_t>(rows); i += warps) {
        float acc = 0;
        for (int j = lane; j < cols; j += 32) acc += a[i * cols + j];
        for (int off = 16; off > 0; off >>= 1) acc += __shfl_down_sync(0xffffffffu, acc, off);
        if (lane == 0) out[i] = acc;
    }
}

/** Reverses each block's 256 values through shared memory (needs the barrier). */
__global__ void reverseBlocks(const int* in, int* out) {
    __shared__ int tile[256];
    const int t = threadIdx.x;
    const int base = blockIdx.x * 256;
    tile[t] = in[base + t];
    __syncthreads();
    out[base + t] = tile[255 - t];
}

/** The same without the barrier: thread t reads a slot that thread 255 - t may not have written yet. */
__global__ void reverseBlocksNoBarrier(const int* in, int* out) {
    __shared__ int tile[256];
    const int t = threadIdx.x;
    const int base = blockIdx.x * 256;
    tile[t] = in[base + t];
    out[base + t] = tile[255 - t];
}

/** Many barriers in a loop: a running prefix of 2-D block sums, checked against the host. */
__global__ void barrierLoop(int rounds, int* out) {
    __shared__ int cell[16][16];
    const int x = threadIdx.x, y = threadIdx.y;
    int v = x + 16 * y;
    for (int r = 0; r < rounds; ++r) {
        cell[y][x] = v;
        __syncthreads();
        v = cell[x][y] + 1;  // transpose
        __syncthreads();
    }
    out[(blockIdx.x * 16 + y) * 16 + x] = v;
}

/** Counts each run of each CUDA thread; the low warps of a block (how many: by block) finish before any
 *  barrier, so the emulator's hand-over from one host thread to many comes at a different thread each time. */
__global__ void countRuns(int* runs, int skipWarpsMod, int* sums) {
    const int t = threadIdx.x + blockDim.x * threadIdx.y;
    const int block = blockIdx.x + gridDim.x * blockIdx.y;
    __sync_fetch_and_add(&runs[block * blockDim.x * blockDim.y + t], 1);
    if (skipWarpsMod > 0 && t / 32 < block % skipWarpsMod) return;  // whole warps: valid on a GPU
    int v = t;
    for (int off = 16; off > 0; off >>= 1) v += __shfl_down_sync(0xffffffffu, v, off);
    if ((t & 31) == 0) sums[block * 32 + t / 32] = v;
}

/** One barrier every thread reaches, as the column sums do (32 x 8 threads). */
__global__ void countRunsBarrier(int* runs) {
    __shared__ int cell[8][33];
    const int t = threadIdx.x + blockDim.x * threadIdx.y;
    const int block = blockIdx.x + gridDim.x * blockIdx.y;
    __sync_fetch_and_add(&runs[block * blockDim.x * blockDim.y + t], 1);
    cell[threadIdx.y][threadIdx.x] = t;
    __syncthreads();
    if (threadIdx.y == 0) runs[block * blockDim.x * blockDim.y + t] += cell[7][threadIdx.x] - cell[7][threadIdx.x];
}

// ---- kernels that are wrong on a GPU ----

__global__ void divergentBarrier(int* out) {
    if (threadIdx.x < 64) __syncthreads();
    out[threadIdx.x] = 1;
}

__global__ void partialMask(float* out) {
    float v = 1;
    v += __shfl_down_sync(0x0000ffffu, v, 1);
    out[threadIdx.x] = v;
}

__global__ void noop(int*) {}

/** Runs f in a child process; returns its exit code (or 128 + signal). */
int inChild(const std::function<int()>& f) {
    std::fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) std::_Exit(f());
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

template <class T>
T* device(size_t count) {
    void* p = nullptr;
    if (cudaMalloc(&p, count * sizeof(T)) != cudaSuccess) std::abort();
    return static_cast<T*>(p);
}

void testRowSums() {
    for (int rows : {1, 7, 33, 100}) {
        for (unsigned blocks : {1u, 3u}) {
            const int cols = 45;
            std::vector<float> a(static_cast<size_t>(rows) * cols), out(rows);
            for (size_t i = 0; i < a.size(); ++i) a[i] = static_cast<float>(i % 7);
            float* da = device<float>(a.size());
            float* dout = device<float>(rows);
            cudaMemcpy(da, a.data(), a.size() * 4, cudaMemcpyHostToDevice);
            LAUNCH(dim3(blocks), dim3(128), rowSums)(da, rows, cols, dout);
            cudaMemcpy(out.data(), dout, rows * 4, cudaMemcpyDeviceToHost);
            bool ok = cudaStreamSynchronize(nullptr) == cudaSuccess;
            for (int i = 0; i < rows; ++i) {
                float want = 0;
                for (int j = 0; j < cols; ++j) want += a[static_cast<size_t>(i) * cols + j];
                ok = ok && out[i] == want;
            }
            expect(ok, "warp-shuffle row sums, rows " + std::to_string(rows) + ", " + std::to_string(blocks) + " block(s)");
            cudaFree(da);
            cudaFree(dout);
        }
    }
}

void testSharedMemory() {
    const int blocks = 3, n = blocks * 256;
    std::vector<int> in(n), out(n);
    for (int i = 0; i < n; ++i) in[i] = i;
    int* din = device<int>(n);
    int* dout = device<int>(n);
    cudaMemcpy(din, in.data(), n * 4, cudaMemcpyHostToDevice);
    LAUNCH(dim3(blocks), dim3(256), reverseBlocks)(din, dout);
    cudaMemcpy(out.data(), dout, n * 4, cudaMemcpyDeviceToHost);
    bool ok = true;
    for (int i = 0; i < n; ++i) ok = ok && out[i] == (i / 256) * 256 + 255 - i % 256;
    expect(ok, "__syncthreads makes shared memory written by other threads visible");
    LAUNCH(dim3(blocks), dim3(256), reverseBlocksNoBarrier)(din, dout);
    cudaMemcpy(out.data(), dout, n * 4, cudaMemcpyDeviceToHost);
    int wrong = 0;
    for (int i = 0; i < n; ++i) wrong += out[i] != (i / 256) * 256 + 255 - i % 256;
    expect(wrong > 0, "a missing __syncthreads gives a wrong result (" + std::to_string(wrong) + " of " +
                          std::to_string(n) + " values wrong)");
    cudaFree(din);
    cudaFree(dout);
}

void testBarrierLoop(int rounds) {
    const int blocks = 2;
    int* dout = device<int>(blocks * 256);
    LAUNCH(dim3(blocks), dim3(16, 16), barrierLoop)(rounds, dout);
    std::vector<int> out(blocks * 256);
    cudaMemcpy(out.data(), dout, out.size() * 4, cudaMemcpyDeviceToHost);
    bool ok = cudaStreamSynchronize(nullptr) == cudaSuccess;
    for (int b = 0; b < blocks; ++b) {
        for (int y = 0; y < 16; ++y) {
            for (int x = 0; x < 16; ++x) {
                // each round transposes and adds 1: after an even number of rounds, v = x + 16 y + rounds
                const int want = (rounds % 2 == 0) ? x + 16 * y + rounds : y + 16 * x + rounds;
                ok = ok && out[(b * 16 + y) * 16 + x] == want;
            }
        }
    }
    expect(ok, std::to_string(rounds) + " rounds of two barriers in a 16 x 16 block");
    cudaFree(dout);
}

void testErrors() {
    int code = inChild([] {
        int* d = device<int>(256);
        LAUNCH(dim3(1), dim3(256), divergentBarrier)(d);
        return cudaStreamSynchronize(nullptr) == cudaErrorLaunchFailure && cudaMalloc((void**)&d, 4) == cudaErrorLaunchFailure ? 0 : 1;
    });
    expect(code == 0, "a barrier that only some threads reach fails the launch, and the error is sticky");
    code = inChild([] {
        float* d = device<float>(32);
        LAUNCH(dim3(1), dim3(32), partialMask)(d);
        return cudaStreamSynchronize(nullptr) == cudaErrorLaunchFailure ? 0 : 1;
    });
    expect(code == 0, "a shuffle mask that is not the whole warp fails the launch");
    code = inChild([] {
        LAUNCH(dim3(1), dim3(2048), noop)(nullptr);
        const bool refused = cudaGetLastError() == cudaErrorInvalidConfiguration;
        LAUNCH(dim3(1, 70000), dim3(32), noop)(nullptr);
        return refused && cudaGetLastError() == cudaErrorInvalidConfiguration && cudaGetLastError() == cudaSuccess ? 0 : 1;
    });
    expect(code == 0, "2048 threads per block, or a grid y of 70000, is refused (and the error is not sticky)");
    code = inChild([] {
        int* d = device<int>(4);
        int host[8] = {0};
        const bool over = cudaMemcpy(host, d, 32, cudaMemcpyDeviceToHost) == cudaErrorInvalidValue;
        const bool kind = cudaMemcpy(d, host, 16, cudaMemcpyDeviceToHost) == cudaErrorInvalidValue;
        const bool twice = cudaFree(d) == cudaSuccess && cudaFree(d) == cudaErrorInvalidValue;
        return over && kind && twice ? 0 : 1;
    });
    expect(code == 0, "copies past an allocation or in the wrong direction, and double frees, are refused");
    code = inChild([] {
        rfm4j_emu_set_memory_budget(1000);
        void* a = nullptr;
        void* b = nullptr;
        const bool first = cudaMalloc(&a, 600) == cudaSuccess;
        const bool second = cudaMalloc(&b, 600) == cudaErrorMemoryAllocation;
        size_t freeB = 0, total = 0;
        cudaMemGetInfo(&freeB, &total);
        return first && second && freeB == 400 && total == 1000 && rfm4j_emu_live_allocations() == 1 ? 0 : 1;
    });
    expect(code == 0, "the memory budget is enforced and reported by cudaMemGetInfo");
    code = inChild([] {
        rfm4j_emu_inject_failure("cudaMalloc", cudaErrorMemoryAllocation, 1);
        void* a = nullptr;
        const bool ok1 = cudaMalloc(&a, 8) == cudaSuccess;
        const bool failed = cudaMalloc(&a, 8) == cudaErrorMemoryAllocation;
        const bool ok3 = cudaMalloc(&a, 8) == cudaSuccess;
        return ok1 && failed && ok3 && rfm4j_emu_calls("cudaMalloc") == 3 ? 0 : 1;
    });
    expect(code == 0, "an injected failure hits the call after `skip` calls, once");
}

/** Launches of different block sizes, one after another, each CUDA thread counted: every one runs once. */
bool mixedLaunchesRunEachThreadOnce(int rounds) {
    const int maxThreads = 1024, blocks = 24;
    int* runs = device<int>(static_cast<size_t>(maxThreads) * blocks);
    int* sums = device<int>(32 * blocks);
    std::vector<int> host(static_cast<size_t>(maxThreads) * blocks);
    bool ok = true;
    for (int r = 0; r < rounds && ok; ++r) {
        const int shapes[][3] = {{256, 1, 8}, {32, 8, 0}, {1024, 1, 32}, {64, 1, 2}, {32, 8, -1}, {128, 1, 4}};
        for (const auto& shape : shapes) {
            const int threads = shape[0] * shape[1];
            std::fill(host.begin(), host.end(), 0);
            cudaMemcpy(runs, host.data(), host.size() * sizeof(int), cudaMemcpyHostToDevice);
            if (shape[2] >= 0) {
                LAUNCH(dim3(blocks / 4, 4), dim3(shape[0], shape[1]), countRuns)(runs, shape[2], sums);
            } else {
                LAUNCH(dim3(1, blocks), dim3(shape[0], shape[1]), countRunsBarrier)(runs);
            }
            ok = ok && cudaMemcpy(host.data(), runs, host.size() * sizeof(int), cudaMemcpyDeviceToHost) == cudaSuccess;
            for (int i = 0; i < threads * blocks && ok; ++i) {
                if (host[i] != 1) {
                    std::printf("thread %d of block %d (%d threads) ran %d times\n", i % threads, i / threads, threads, host[i]);
                    ok = false;
                }
            }
        }
    }
    cudaFree(runs);
    cudaFree(sums);
    return ok;
}

}  // namespace

int main(int argc, char** argv) {
    const int stress = argc > 1 ? std::atoi(argv[1]) : 20;
    testErrors();  // first: its child processes must not inherit a pool whose threads fork did not copy
    testRowSums();
    testSharedMemory();
    testBarrierLoop(1);
    testBarrierLoop(7);
    // many launches of barrier and shuffle kernels: a race in the emulator's barriers shows up here
    for (int i = 0; i < stress; ++i) {
        const int before = g_failures;
        testBarrierLoop(3 + i % 5);
        testRowSums();
        if (g_failures != before) break;
    }
    expect(mixedLaunchesRunEachThreadOnce(std::max(1, stress / 4)), "launches of 32 to 1024 threads, hand-over at different threads: every CUDA thread runs once");
    std::printf("%s: %d failure(s)\n", g_failures == 0 ? "emulator tests passed" : "emulator tests FAILED", g_failures);
    return g_failures == 0 ? 0 : 1;
}
