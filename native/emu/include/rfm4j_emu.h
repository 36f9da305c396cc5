// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

// The emulated CUDA device's own interface (librfm4j_cudaemu.so): the kernel launcher behind
// RFM4J_LAUNCH, the block barrier and warp exchange behind __syncthreads and __shfl_down_sync, the
// device-memory table that the emulated cuBLAS/cuSOLVER use to check their arguments, and the test
// controls (failure injection, memory budget, call counters). Used only in the emulated-device build.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <tuple>

#include "cuda_runtime_api.h"

namespace rfm4j {
namespace emu {

/** Grid and block extents of one launch. */
struct Geometry {
    unsigned int gx, gy, gz, bx, by, bz;
};

/**
 * Runs body once per CUDA thread: blocks one after another, the threads of a block each on a real
 * host thread. Validates the configuration first (cudaErrorInvalidConfiguration, returned by the next
 * cudaGetLastError, as on a GPU); a kernel that breaks a barrier or throws leaves a sticky
 * cudaErrorLaunchFailure, reported by the next synchronisation, with the reason on stderr.
 */
void launchKernel(const char* name, const Geometry& g, size_t sharedBytes, cudaStream_t stream,
                  const std::function<void()>& body);

/** __syncthreads(): waits for every thread of the block; a thread that never arrives is an error. */
void syncThreads();

/** __shfl_down_sync for a value of `bytes` bytes; every lane named by mask must take part. */
void warpShuffleDown(unsigned int mask, const void* in, void* out, size_t bytes, unsigned int delta, int width);

}  // namespace emu
}  // namespace rfm4j

extern "C" {

// ---- device memory, for the emulated libraries' argument checks ----
/** 1 when [ptr, ptr + bytes) lies inside one live device allocation. */
int rfm4j_emu_is_device_range(const void* ptr, size_t bytes);
/** 1 when ptr points into a live device allocation (any byte of it). */
int rfm4j_emu_is_device_pointer(const void* ptr);
/** 1 when stream is the default stream (null) or a live stream made by cudaStreamCreateWithFlags. */
int rfm4j_emu_is_stream(cudaStream_t stream);
/** Prints a diagnostic line, prefixed "[rfm4j-emu]", to stderr. */
void rfm4j_emu_report(const char* message);

// ---- test controls ----
/**
 * Makes the call of `function` (an entry point such as "cublasDgemm_v2" or "cudaMalloc") that follows
 * `skip` further calls fail once with `status` (a cublasStatus_t, cusolverStatus_t or cudaError_t).
 */
void rfm4j_emu_inject_failure(const char* function, int status, int skip);
void rfm4j_emu_clear_failures(void);
/** Called by every emulated entry point: counts the call; returns the injected status, or 0. */
int rfm4j_emu_enter(const char* function);
/** Calls of an entry point or launches of a kernel (by the name in RFM4J_LAUNCH) so far. */
uint64_t rfm4j_emu_calls(const char* function);

/** Live device allocations and their bytes. */
uint64_t rfm4j_emu_live_allocations(void);
uint64_t rfm4j_emu_live_bytes(void);
/** The emulated device memory; starts at $RFM4J_EMU_DEVICE_MEMORY bytes (default 2 GiB). */
void rfm4j_emu_set_memory_budget(uint64_t bytes);
uint64_t rfm4j_emu_memory_budget(void);

}  // extern "C"
