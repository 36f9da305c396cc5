// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

// Kernel launches on the emulated device. A launch's blocks run one after another; from its first
// barrier or shuffle on, every thread of a block runs on a real host thread of its own, so
// __syncthreads is a real barrier and a warp shuffle a real exchange among 32 threads (a block that
// never reaches one runs its threads one after another on one host thread: see Pool). The rules a GPU leaves undefined are errors here, never a
// silent pass: a barrier that not every thread of the block reaches (a thread finished while others
// wait, or arrives after another finished), a shuffle whose mask is not the whole warp, a barrier
// still incomplete after a minute (a deadlock), an exception thrown by kernel code. The failed block's
// threads are unwound, the launch stops, and the error is sticky (cudaErrorLaunchFailure from the next
// synchronisation on), as a faulted kernel leaves a GPU context.
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <climits>
#include <cstdint>
#include <cstring>
#include <ctime>
#include <memory>
#include <exception>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "cuda_runtime.h"
#include "emu_internal.h"
#include "rfm4j_emu.h"

thread_local uint3 threadIdx;
thread_local uint3 blockIdx;
thread_local dim3 blockDim;
thread_local dim3 gridDim;

namespace rfm4j {
namespace emu {
namespace {

constexpr int kBarrierTimeoutSeconds = 60;
constexpr int kWarpSize = 32;
constexpr unsigned int kMaxThreadsPerBlock = 1024;

// Waiting is on Linux futexes: a wake-up costs one system call, and woken threads take no lock
// (a condition variable would make 256 threads queue for its mutex after every barrier).
void futexWait(std::atomic<uint32_t>* word, uint32_t expected, int seconds) {
    struct timespec t = {seconds, 0};
    syscall(SYS_futex, reinterpret_cast<uint32_t*>(word), FUTEX_WAIT_PRIVATE, expected, seconds > 0 ? &t : nullptr,
            nullptr, 0);
}

void futexWakeAll(std::atomic<uint32_t>* word) {
    syscall(SYS_futex, reinterpret_cast<uint32_t*>(word), FUTEX_WAKE_PRIVATE, INT32_MAX, nullptr, nullptr, 0);
}

/** Thrown into a block's threads once the block has failed, to unwind them. */
struct BlockAborted {};

/**
 * A reusable barrier among `expected` threads. `gone` counts threads that have finished: arriving
 * after one finished, or finishing while others wait, is a barrier in divergent code.
 */
struct Barrier {
    int expected = 0;
    std::atomic<int> arrived{0};
    std::atomic<int> gone{0};
    std::atomic<uint32_t> phase{0};

    void reset(int n) {
        expected = n;
        arrived.store(0);
        gone.store(0);
        phase.store(0);
    }
};

struct Warp {
    Barrier barrier;
    unsigned char slots[kWarpSize][8];
};

/** The running block: its barrier, its warps, and why it failed (empty while it has not). */
struct Block {
    Barrier barrier;
    std::vector<Warp> warps;
    std::atomic<bool> failed{false};
    std::mutex failureMutex;
    std::string failure;
};

Block g_block;

/** Marks the block failed (the first reason wins) and wakes every waiting thread. */
void failBlock(const std::string& why) {
    {
        std::lock_guard<std::mutex> lock(g_block.failureMutex);
        if (g_block.failure.empty()) {
            g_block.failure = why;
            report("block failing: " + why);  // at once: a crash while unwinding must not hide it
        }
    }
    g_block.failed.store(true);
    g_block.barrier.phase.fetch_add(1);
    futexWakeAll(&g_block.barrier.phase);
    for (Warp& w : g_block.warps) {
        w.barrier.phase.fetch_add(1);
        futexWakeAll(&w.barrier.phase);
    }
}

std::string here() {
    return "thread (" + std::to_string(threadIdx.x) + "," + std::to_string(threadIdx.y) + "," +
           std::to_string(threadIdx.z) + ")";
}

unsigned int linearThread() { return threadIdx.x + blockDim.x * (threadIdx.y + blockDim.y * threadIdx.z); }

/** True on the host thread that runs a block's CUDA threads one after another, until one waits. */
thread_local bool t_sequential = false;

void startTheRest(int k);

/** Arrives at b and waits for the others; throws BlockAborted when the block fails meanwhile. */
void arriveAndWait(Barrier& b, const char* what) {
    if (g_block.failed.load()) throw BlockAborted();
    if (t_sequential) {  // the first barrier of the block: the CUDA threads not yet run start now
        t_sequential = false;
        startTheRest(static_cast<int>(linearThread()));
    }
    const uint32_t phase = b.phase.load();
    const int count = b.arrived.fetch_add(1) + 1;
    // A finished thread makes this barrier divergent only while this thread's episode is incomplete:
    // between our arrival and this check the others may have completed it and finished (a thread
    // descheduled here once saw its 31 warp-mates gone and reported a divergence that was not there).
    // A finished thread never arrives, so an episode it missed cannot complete: the check is exact.
    if (count != b.expected && b.gone.load() > 0 && b.phase.load() == phase) {
        failBlock(std::string(what) + " reached by " + here() + " after " + std::to_string(b.gone.load()) +
                  " thread(s) had finished: a barrier inside code that not every thread runs");
        throw BlockAborted();
    }
    if (count == b.expected) {
        b.arrived.store(0);
        b.phase.fetch_add(1);
        futexWakeAll(&b.phase);
        return;
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(kBarrierTimeoutSeconds);
    while (b.phase.load() == phase) {
        if (std::chrono::steady_clock::now() > deadline) {
            failBlock(std::string(what) + ": only " + std::to_string(b.arrived.load()) + " of " +
                      std::to_string(b.expected) + " threads arrived within " + std::to_string(kBarrierTimeoutSeconds) +
                      " s (a deadlock)");
            throw BlockAborted();
        }
        futexWait(&b.phase, phase, 1);
    }
    if (g_block.failed.load()) throw BlockAborted();
}

/** A thread has finished: no barrier may still wait for it. */
void leave(Barrier& b, const char* what) {
    b.gone.fetch_add(1);
    const int waiting = b.arrived.load();
    if (waiting > 0) {
        failBlock(here() + " finished while " + std::to_string(waiting) + " thread(s) wait at " + what +
                  ": a barrier inside code that not every thread runs");
    }
}

/**
 * The host threads that play a block's CUDA threads. A block starts on one host thread, which runs its
 * CUDA threads one after another; the first time one of them reaches a barrier or a shuffle, every
 * CUDA thread not yet run starts at once on a host thread of its own (CUDA thread k on worker k), so
 * from then on each has a real thread and the barrier is a real one. A block that never reaches a
 * barrier thus costs one host thread, and one that does behaves as on a GPU: its threads that finished
 * before the barrier make it a divergent barrier, reported as such.
 */
class Pool {
public:
    /** Runs one block of `threads` threads and returns when all have finished. */
    void runBlock(const std::function<void()>& body, uint3 block, dim3 blockDimV, dim3 gridDimV, int threads) {
        if (!sequentialStarted_) {
            std::thread(&Pool::runSequentially, this).detach();
            sequentialStarted_ = true;
        }
        while (workers_ < threads) {
            std::thread(&Pool::work, this, workers_++, generation_.load()).detach();
        }
        body_ = &body;
        block_ = block;
        blockDim_ = blockDimV;
        gridDim_ = gridDimV;
        active_.store(threads);
        firstConcurrent_.store(threads);
        blockSerial_.fetch_add(1);
        remaining_.store(threads);
        done_.store(0);
        sequentialGo_.fetch_add(1);
        futexWakeAll(&sequentialGo_);
        while (done_.load() == 0) futexWait(&done_, 0, 0);
    }

    /** Called on the sequential host thread when CUDA thread k reaches a barrier: k + 1.. start now. */
    void startTheRest(int k) {
        firstConcurrent_.store(k + 1);
        generation_.fetch_add(1);
        futexWakeAll(&generation_);  // one system call wakes the whole block
    }

private:
    void setThread(int k) {
        blockIdx = block_;
        blockDim = blockDim_;
        gridDim = gridDim_;
        threadIdx = uint3{k % blockDim_.x, (k / blockDim_.x) % blockDim_.y, k / (blockDim_.x * blockDim_.y)};
    }

    void finishThread() {
        if (remaining_.fetch_sub(1) == 1) {
            done_.store(1);
            futexWakeAll(&done_);
        }
    }

    void runSequentially() {
        uint32_t seen = 0;
        for (;;) {
            while (sequentialGo_.load() == seen) futexWait(&sequentialGo_, seen, 0);
            seen = sequentialGo_.load();
            t_sequential = true;
            const int threads = active_.load();
            for (int k = 0; k < threads && t_sequential; ++k) {  // a barrier clears t_sequential
                setThread(k);
                runThread(*body_);
                finishThread();
            }
            t_sequential = false;
        }
    }

    void work(int k, uint32_t seen) {
        unsigned long long served = 0;
        for (;;) {
            while (generation_.load() == seen) futexWait(&generation_, seen, 0);
            seen = generation_.load();
            unsigned long long serial;
            int first, active;
            do {  // one block's serial, start and size: a worker woken for one block may look during the next
                serial = blockSerial_.load();
                first = firstConcurrent_.load();
                active = active_.load();
            } while (blockSerial_.load() != serial);
            if (serial == served || k < first || k >= active) continue;
            served = serial;  // at most once per block (a stale serial here ran thread k twice)
            setThread(k);
            runThread(*body_);
            finishThread();
        }
    }

    static void runThread(const std::function<void()>& body) {
        std::string error;
        try {
            body();
        } catch (const BlockAborted&) {
        } catch (const std::exception& e) {
            error = e.what();
        } catch (...) {
            error = "unknown exception";
        }
        if (!error.empty()) failBlock(here() + " threw: " + error);
        leave(g_block.barrier, "__syncthreads");
        leave(g_block.warps[linearThread() / kWarpSize].barrier, "a warp shuffle");
    }

    // written by the launching thread only between blocks, while every host thread of the pool waits
    bool sequentialStarted_ = false;
    int workers_ = 0;
    const std::function<void()>* body_ = nullptr;
    uint3 block_{0, 0, 0};
    dim3 blockDim_, gridDim_;
    std::atomic<int> active_{0};
    std::atomic<int> firstConcurrent_{0};
    std::atomic<unsigned long long> blockSerial_{0};
    std::atomic<int> remaining_{0};
    std::atomic<uint32_t> done_{0};
    std::atomic<uint32_t> sequentialGo_{0};
    std::atomic<uint32_t> generation_{0};
};

Pool& pool() {
    static Pool* p = new Pool();  // never destroyed: its detached threads outlive static destruction
    return *p;
}

void startTheRest(int k) { pool().startTheRest(k); }

std::mutex g_launchMutex;  // one device: one grid at a time

std::string configProblem(const Geometry& g, size_t shared) {
    const unsigned long long threads = 1ull * g.bx * g.by * g.bz;
    if (g.gx == 0 || g.gy == 0 || g.gz == 0 || g.bx == 0 || g.by == 0 || g.bz == 0) return "a zero grid or block extent";
    if (threads > kMaxThreadsPerBlock) return std::to_string(threads) + " threads per block (at most 1024)";
    if (g.bz > 64) return "block z extent " + std::to_string(g.bz) + " (at most 64)";
    if (g.gx > 2147483647u) return "grid x extent above 2^31 - 1";
    if (g.gy > 65535 || g.gz > 65535) return "grid y/z extent above 65535";
    if (shared > 48 * 1024) return "dynamic shared memory above 48 KiB";
    return std::string();
}

}  // namespace

void launchKernel(const char* name, const Geometry& g, size_t sharedBytes, cudaStream_t stream,
                  const std::function<void()>& body) {
    if (int injected = rfm4j_emu_enter(name)) {
        setLastError(static_cast<cudaError_t>(injected));
        return;
    }
    if (stickyError() != cudaSuccess) return;
    const std::string problem = configProblem(g, sharedBytes);
    if (!problem.empty()) {
        report(std::string("launch of ") + name + " refused: " + problem);
        setLastError(cudaErrorInvalidConfiguration);
        return;
    }
    if (!rfm4j_emu_is_stream(stream)) {
        report(std::string("launch of ") + name + " on a stream that is not live");
        setLastError(cudaErrorInvalidResourceHandle);
        return;
    }
    std::lock_guard<std::mutex> launch(g_launchMutex);
    const int threads = static_cast<int>(g.bx * g.by * g.bz);
    const int warps = (threads + kWarpSize - 1) / kWarpSize;
    for (unsigned int z = 0; z < g.gz; ++z) {
        for (unsigned int y = 0; y < g.gy; ++y) {
            for (unsigned int x = 0; x < g.gx; ++x) {
                g_block.barrier.reset(threads);
                if (static_cast<int>(g_block.warps.size()) != warps) g_block.warps = std::vector<Warp>(warps);
                for (int w = 0; w < warps; ++w) g_block.warps[w].barrier.reset(std::min(kWarpSize, threads - w * kWarpSize));
                g_block.failed.store(false);
                g_block.failure.clear();
                pool().runBlock(body, uint3{x, y, z}, dim3(g.bx, g.by, g.bz), dim3(g.gx, g.gy, g.gz), threads);
                if (g_block.failed.load()) {
                    const std::string failure = g_block.failure;
                    report(std::string("kernel ") + name + " failed in block (" + std::to_string(x) + "," +
                           std::to_string(y) + "," + std::to_string(z) + "): " + failure);
                    setSticky(cudaErrorLaunchFailure);
                    return;
                }
            }
        }
    }
}

void syncThreads() { arriveAndWait(g_block.barrier, "__syncthreads"); }

void warpShuffleDown(unsigned int mask, const void* in, void* out, size_t bytes, unsigned int delta, int width) {
    const unsigned int t = linearThread();
    const unsigned int lane = t % kWarpSize;
    Warp& w = g_block.warps[t / kWarpSize];
    const unsigned int lanes = static_cast<unsigned int>(w.barrier.expected);
    const unsigned int whole = lanes == 32 ? 0xffffffffu : ((1u << lanes) - 1u);
    if (mask != whole || width != kWarpSize || bytes > sizeof(w.slots[0])) {
        failBlock("__shfl_down_sync by " + here() + " with mask " + std::to_string(mask) + " and width " +
                   std::to_string(width) + ": the emulator takes only the whole warp (mask " + std::to_string(whole) +
                   ", width 32), and a mask naming lanes that do not exist is undefined on a GPU");
        throw BlockAborted();
    }
    std::memcpy(w.slots[lane], in, bytes);
    arriveAndWait(w.barrier, "a warp shuffle");
    if (lane + delta < static_cast<unsigned int>(kWarpSize) && lane + delta < lanes) {
        std::memcpy(out, w.slots[lane + delta], bytes);
    } else {
        std::memcpy(out, in, bytes);
    }
    arriveAndWait(w.barrier, "a warp shuffle");  // nobody overwrites a slot before all have read
}

}  // namespace emu
}  // namespace rfm4j
