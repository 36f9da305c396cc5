// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

// The emulated CUDA runtime: one device whose memory is host memory under a budget, synchronous
// streams, CUDA's error model (a per-thread last error, and a sticky error after a failed kernel that
// every later call reports), and strict checks where a GPU would misbehave silently: copies whose
// direction does not match the pointers, frees of pointers that are not live allocations, streams used
// after destruction. Fresh allocations are filled with 0xFF bytes (NaN in float and double), so a
// kernel that reads memory nobody wrote gives NaN instead of a lucky zero.
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>
#include <set>
#include <string>

#include "cuda_runtime_api.h"
#include "emu_internal.h"
#include "rfm4j_emu.h"

struct CUstream_st {
    unsigned int flags;
};

namespace rfm4j {
namespace emu {
namespace {

constexpr uint64_t kDefaultBudget = 2ull << 30;
constexpr int kDriverVersion = 13000;
constexpr int kRuntimeVersion = 13000;

uint64_t budgetFromEnvironment() {
    const char* v = std::getenv("RFM4J_EMU_DEVICE_MEMORY");
    if (v == nullptr || *v == '\0') return kDefaultBudget;
    char* end = nullptr;
    unsigned long long n = std::strtoull(v, &end, 10);
    uint64_t scale = 1;
    if (end != nullptr && *end != '\0') {
        switch (*end) {
            case 'k': case 'K': scale = 1ull << 10; break;
            case 'm': case 'M': scale = 1ull << 20; break;
            case 'g': case 'G': scale = 1ull << 30; break;
            default: scale = 0;
        }
    }
    if (n == 0 || scale == 0) {
        report("RFM4J_EMU_DEVICE_MEMORY='" + std::string(v) + "' is not a size (bytes, or a number with K, M or G): "
               "using 2G");
        return kDefaultBudget;
    }
    return n * scale;
}

struct Memory {
    std::mutex mutex;
    std::map<uintptr_t, size_t> live;  // base address -> bytes
    uint64_t liveBytes = 0;
    uint64_t budget = budgetFromEnvironment();
    std::set<CUstream_st*> streams;
};

Memory& memory() {
    static Memory* m = new Memory();  // never destroyed: threads may still call in at exit
    return *m;
}

thread_local cudaError_t t_lastError = cudaSuccess;
std::atomic<int> g_sticky{cudaSuccess};

/** Records a failed call's error as the thread's last error, and returns it. */
cudaError_t fail(cudaError_t e) {
    t_lastError = e;
    return e;
}

/** The sticky error, when a kernel has failed: every call reports it from then on. */
cudaError_t sticky() { return static_cast<cudaError_t>(g_sticky.load()); }

bool containsLocked(const Memory& m, const void* ptr, size_t bytes) {
    const uintptr_t p = reinterpret_cast<uintptr_t>(ptr);
    auto it = m.live.upper_bound(p);
    if (it == m.live.begin()) return false;
    --it;
    const uintptr_t base = it->first;
    const size_t size = it->second;
    if (p < base || p >= base + size) return false;
    return bytes <= base + size - p;
}

bool streamOk(cudaStream_t s) {
    if (s == nullptr) return true;
    Memory& m = memory();
    std::lock_guard<std::mutex> lock(m.mutex);
    return m.streams.count(s) != 0;
}

}  // namespace

void setSticky(cudaError_t e) {
    int expected = cudaSuccess;
    g_sticky.compare_exchange_strong(expected, static_cast<int>(e));
    t_lastError = e;
}

void setLastError(cudaError_t e) { t_lastError = e; }

cudaError_t stickyError() { return sticky(); }

void report(const std::string& message) { std::fprintf(stderr, "[rfm4j-emu] %s\n", message.c_str()); }

}  // namespace emu
}  // namespace rfm4j

using rfm4j::emu::fail;
using rfm4j::emu::memory;
using rfm4j::emu::report;
using rfm4j::emu::sticky;

extern "C" {

const char* cudaGetErrorName(cudaError_t e) {
    switch (e) {
        case cudaSuccess: return "cudaSuccess";
        case cudaErrorInvalidValue: return "cudaErrorInvalidValue";
        case cudaErrorMemoryAllocation: return "cudaErrorMemoryAllocation";
        case cudaErrorInitializationError: return "cudaErrorInitializationError";
        case cudaErrorInvalidConfiguration: return "cudaErrorInvalidConfiguration";
        case cudaErrorInvalidDevicePointer: return "cudaErrorInvalidDevicePointer";
        case cudaErrorInvalidMemcpyDirection: return "cudaErrorInvalidMemcpyDirection";
        case cudaErrorInsufficientDriver: return "cudaErrorInsufficientDriver";
        case cudaErrorNoDevice: return "cudaErrorNoDevice";
        case cudaErrorInvalidDevice: return "cudaErrorInvalidDevice";
        case cudaErrorInvalidResourceHandle: return "cudaErrorInvalidResourceHandle";
        case cudaErrorIllegalAddress: return "cudaErrorIllegalAddress";
        case cudaErrorLaunchOutOfResources: return "cudaErrorLaunchOutOfResources";
        case cudaErrorLaunchTimeout: return "cudaErrorLaunchTimeout";
        case cudaErrorHardwareStackError: return "cudaErrorHardwareStackError";
        case cudaErrorIllegalInstruction: return "cudaErrorIllegalInstruction";
        case cudaErrorMisalignedAddress: return "cudaErrorMisalignedAddress";
        case cudaErrorInvalidPc: return "cudaErrorInvalidPc";
        case cudaErrorLaunchFailure: return "cudaErrorLaunchFailure";
        default: return "cudaErrorUnknown";
    }
}

const char* cudaGetErrorString(cudaError_t e) {
    switch (e) {
        case cudaSuccess: return "no error";
        case cudaErrorInvalidValue: return "invalid argument";
        case cudaErrorMemoryAllocation: return "out of memory (emulated device budget)";
        case cudaErrorInvalidConfiguration: return "invalid configuration argument";
        case cudaErrorInvalidDevicePointer: return "invalid device pointer";
        case cudaErrorInvalidDevice: return "invalid device ordinal";
        case cudaErrorInvalidResourceHandle: return "invalid resource handle";
        case cudaErrorLaunchFailure: return "unspecified launch failure (emulated kernel failed: see [rfm4j-emu] on stderr)";
        default: return "emulated CUDA error";
    }
}

cudaError_t cudaGetLastError(void) {
    if (sticky() != cudaSuccess) return sticky();
    cudaError_t e = rfm4j::emu::t_lastError;
    rfm4j::emu::t_lastError = cudaSuccess;
    return e;
}

cudaError_t cudaPeekAtLastError(void) {
    if (sticky() != cudaSuccess) return sticky();
    return rfm4j::emu::t_lastError;
}

cudaError_t cudaDriverGetVersion(int* v) {
    if (v == nullptr) return fail(cudaErrorInvalidValue);
    *v = rfm4j::emu::kDriverVersion;
    return cudaSuccess;
}

cudaError_t cudaRuntimeGetVersion(int* v) {
    if (v == nullptr) return fail(cudaErrorInvalidValue);
    *v = rfm4j::emu::kRuntimeVersion;
    return cudaSuccess;
}

cudaError_t cudaGetDeviceCount(int* count) {
    if (count == nullptr) return fail(cudaErrorInvalidValue);
    *count = 1;
    return cudaSuccess;
}

cudaError_t cudaGetDeviceProperties(struct cudaDeviceProp* prop, int device) {
    if (prop == nullptr) return fail(cudaErrorInvalidValue);
    if (device != 0) return fail(cudaErrorInvalidDevice);
    std::memset(prop, 0, sizeof(*prop));
    std::snprintf(prop->name, sizeof(prop->name), "%s", "rfm4j emulated CUDA device (host CPU threads, for tests; not a GPU)");
    prop->totalGlobalMem = static_cast<size_t>(rfm4j_emu_memory_budget());
    prop->major = 9;
    prop->minor = 0;
    prop->multiProcessorCount = 1;
    prop->maxThreadsPerBlock = 1024;
    prop->warpSize = 32;
    return cudaSuccess;
}

cudaError_t cudaSetDevice(int device) {
    if (sticky() != cudaSuccess) return sticky();
    return device == 0 ? cudaSuccess : fail(cudaErrorInvalidDevice);
}

cudaError_t cudaGetDevice(int* device) {
    if (device == nullptr) return fail(cudaErrorInvalidValue);
    *device = 0;
    return cudaSuccess;
}

cudaError_t cudaDeviceSynchronize(void) { return sticky(); }

cudaError_t cudaMalloc(void** devPtr, size_t size) {
    if (int injected = rfm4j_emu_enter("cudaMalloc")) return fail(static_cast<cudaError_t>(injected));
    if (sticky() != cudaSuccess) return sticky();
    if (devPtr == nullptr) return fail(cudaErrorInvalidValue);
    *devPtr = nullptr;
    if (size == 0) return cudaSuccess;
    auto& m = memory();
    {
        std::lock_guard<std::mutex> lock(m.mutex);
        if (m.liveBytes + size > m.budget) return fail(cudaErrorMemoryAllocation);
    }
    void* p = nullptr;
    if (posix_memalign(&p, 256, size) != 0 || p == nullptr) return fail(cudaErrorMemoryAllocation);
    std::memset(p, 0xFF, size);  // "uninitialised" device memory reads as NaN
    std::lock_guard<std::mutex> lock(m.mutex);
    m.live[reinterpret_cast<uintptr_t>(p)] = size;
    m.liveBytes += size;
    *devPtr = p;
    return cudaSuccess;
}

cudaError_t cudaFree(void* devPtr) {
    if (devPtr == nullptr) return cudaSuccess;
    auto& m = memory();
    {
        std::lock_guard<std::mutex> lock(m.mutex);
        auto it = m.live.find(reinterpret_cast<uintptr_t>(devPtr));
        if (it == m.live.end()) {
            report("cudaFree(" + std::to_string(reinterpret_cast<uintptr_t>(devPtr)) +
                   "): not the start of a live device allocation (freed twice, or never allocated)");
            return fail(cudaErrorInvalidValue);
        }
        m.liveBytes -= it->second;
        m.live.erase(it);
    }
    std::free(devPtr);
    return sticky();
}

cudaError_t cudaMemGetInfo(size_t* freeBytes, size_t* totalBytes) {
    if (sticky() != cudaSuccess) return sticky();
    if (freeBytes == nullptr || totalBytes == nullptr) return fail(cudaErrorInvalidValue);
    auto& m = memory();
    std::lock_guard<std::mutex> lock(m.mutex);
    *totalBytes = static_cast<size_t>(m.budget);
    *freeBytes = static_cast<size_t>(m.budget > m.liveBytes ? m.budget - m.liveBytes : 0);
    return cudaSuccess;
}

cudaError_t cudaPointerGetAttributes(struct cudaPointerAttributes* attributes, const void* ptr) {
    if (sticky() != cudaSuccess) return sticky();
    if (attributes == nullptr) return fail(cudaErrorInvalidValue);
    // CUDA 11 and later: any address answers; one inside a live allocation is device memory of device 0,
    // anything else unregistered host memory (device -2, as the toolkit reports it)
    const bool dev = rfm4j_emu_is_device_pointer(ptr) != 0;
    attributes->type = dev ? cudaMemoryTypeDevice : cudaMemoryTypeUnregistered;
    attributes->device = dev ? 0 : -2;
    attributes->devicePointer = dev ? const_cast<void*>(ptr) : nullptr;
    attributes->hostPointer = dev ? nullptr : const_cast<void*>(ptr);
    return cudaSuccess;
}

cudaError_t cudaMemcpyAsync(void* dst, const void* src, size_t count, cudaMemcpyKind kind, cudaStream_t stream) {
    if (int injected = rfm4j_emu_enter("cudaMemcpyAsync")) return fail(static_cast<cudaError_t>(injected));
    if (sticky() != cudaSuccess) return sticky();
    if (!rfm4j::emu::streamOk(stream)) {
        report("cudaMemcpyAsync on a stream that is not live");
        return fail(cudaErrorInvalidResourceHandle);
    }
    if (count == 0) return cudaSuccess;
    if (dst == nullptr || src == nullptr) return fail(cudaErrorInvalidValue);
    const bool dstDev = rfm4j_emu_is_device_range(dst, count) != 0;
    const bool srcDev = rfm4j_emu_is_device_range(src, count) != 0;
    const bool dstTouches = rfm4j_emu_is_device_pointer(dst) != 0;
    const bool srcTouches = rfm4j_emu_is_device_pointer(src) != 0;
    bool ok = false;
    switch (kind) {
        case cudaMemcpyHostToDevice: ok = dstDev && !srcTouches; break;
        case cudaMemcpyDeviceToHost: ok = srcDev && !dstTouches; break;
        case cudaMemcpyDeviceToDevice: ok = dstDev && srcDev; break;
        case cudaMemcpyHostToHost: ok = !dstTouches && !srcTouches; break;
        case cudaMemcpyDefault: ok = (dstDev || !dstTouches) && (srcDev || !srcTouches); break;
        default: return fail(cudaErrorInvalidMemcpyDirection);
    }
    if (!ok) {
        report("cudaMemcpyAsync of " + std::to_string(count) + " bytes, kind " + std::to_string(kind) +
               ": the pointers do not match the direction (destination " +
               (dstDev ? "in device memory" : dstTouches ? "overruns a device allocation" : "in host memory") +
               ", source " + (srcDev ? "in device memory" : srcTouches ? "overruns a device allocation" : "in host memory") +
               ")");
        return fail(cudaErrorInvalidValue);
    }
    std::memmove(dst, src, count);
    return cudaSuccess;
}

cudaError_t cudaMemcpy(void* dst, const void* src, size_t count, cudaMemcpyKind kind) {
    return cudaMemcpyAsync(dst, src, count, kind, nullptr);
}

cudaError_t cudaMemsetAsync(void* devPtr, int value, size_t count, cudaStream_t stream) {
    if (sticky() != cudaSuccess) return sticky();
    if (!rfm4j::emu::streamOk(stream)) return fail(cudaErrorInvalidResourceHandle);
    if (count == 0) return cudaSuccess;
    if (!rfm4j_emu_is_device_range(devPtr, count)) {
        report("cudaMemsetAsync of " + std::to_string(count) + " bytes outside a live device allocation");
        return fail(cudaErrorInvalidValue);
    }
    std::memset(devPtr, value, count);
    return cudaSuccess;
}

cudaError_t cudaStreamCreateWithFlags(cudaStream_t* stream, unsigned int flags) {
    if (sticky() != cudaSuccess) return sticky();
    if (stream == nullptr || flags > 1) return fail(cudaErrorInvalidValue);
    auto* s = new CUstream_st{flags};
    auto& m = memory();
    std::lock_guard<std::mutex> lock(m.mutex);
    m.streams.insert(s);
    *stream = s;
    return cudaSuccess;
}

cudaError_t cudaStreamDestroy(cudaStream_t stream) {
    auto& m = memory();
    {
        std::lock_guard<std::mutex> lock(m.mutex);
        if (stream == nullptr || m.streams.erase(stream) == 0) {
            report("cudaStreamDestroy of a stream that is not live");
            return fail(cudaErrorInvalidResourceHandle);
        }
    }
    delete stream;
    return cudaSuccess;
}

cudaError_t cudaStreamSynchronize(cudaStream_t stream) {
    if (!rfm4j::emu::streamOk(stream)) return fail(cudaErrorInvalidResourceHandle);
    return sticky();  // work ran when it was enqueued; a failed kernel's error is reported here
}

// ---- the emulator's own interface ----

int rfm4j_emu_is_device_range(const void* ptr, size_t bytes) {
    auto& m = memory();
    std::lock_guard<std::mutex> lock(m.mutex);
    return rfm4j::emu::containsLocked(m, ptr, bytes) ? 1 : 0;
}

int rfm4j_emu_is_device_pointer(const void* ptr) { return rfm4j_emu_is_device_range(ptr, 1); }

int rfm4j_emu_is_stream(cudaStream_t stream) { return rfm4j::emu::streamOk(stream) ? 1 : 0; }

void rfm4j_emu_report(const char* message) { report(message); }

uint64_t rfm4j_emu_live_allocations(void) {
    auto& m = memory();
    std::lock_guard<std::mutex> lock(m.mutex);
    return m.live.size();
}

uint64_t rfm4j_emu_live_bytes(void) {
    auto& m = memory();
    std::lock_guard<std::mutex> lock(m.mutex);
    return m.liveBytes;
}

void rfm4j_emu_set_memory_budget(uint64_t bytes) {
    auto& m = memory();
    std::lock_guard<std::mutex> lock(m.mutex);
    m.budget = bytes;
}

uint64_t rfm4j_emu_memory_budget(void) {
    auto& m = memory();
    std::lock_guard<std::mutex> lock(m.mutex);
    return m.budget;
}

}  // extern "C"
