// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

// Prints the CUDA runtime constants the emulated runtime declares, compiled once against
// native/emu/include and once against the toolkit's headers: scripts/cuda-emu-test.sh compares them.
#include <cuda_runtime_api.h>

#include <cstdio>

#define SHOW(name) std::printf("%s=%d\n", #name, static_cast<int>(name))

int main() {
    SHOW(cudaSuccess);
    SHOW(cudaErrorInvalidValue);
    SHOW(cudaErrorMemoryAllocation);
    SHOW(cudaErrorInitializationError);
    SHOW(cudaErrorInvalidConfiguration);
    SHOW(cudaErrorInvalidDevicePointer);
    SHOW(cudaErrorInvalidMemcpyDirection);
    SHOW(cudaErrorInsufficientDriver);
    SHOW(cudaErrorNoDevice);
    SHOW(cudaErrorInvalidDevice);
    SHOW(cudaErrorInvalidResourceHandle);
    SHOW(cudaErrorIllegalAddress);
    SHOW(cudaErrorLaunchOutOfResources);
    SHOW(cudaErrorLaunchTimeout);
    SHOW(cudaErrorHardwareStackError);
    SHOW(cudaErrorIllegalInstruction);
    SHOW(cudaErrorMisalignedAddress);
    SHOW(cudaErrorInvalidPc);
    SHOW(cudaErrorLaunchFailure);
    SHOW(cudaErrorUnknown);
    SHOW(cudaMemcpyHostToHost);
    SHOW(cudaMemcpyHostToDevice);
    SHOW(cudaMemcpyDeviceToHost);
    SHOW(cudaMemcpyDeviceToDevice);
    SHOW(cudaMemcpyDefault);
    SHOW(cudaMemoryTypeUnregistered);
    SHOW(cudaMemoryTypeHost);
    SHOW(cudaMemoryTypeDevice);
    SHOW(cudaMemoryTypeManaged);
    SHOW(cudaStreamDefault);
    SHOW(cudaStreamNonBlocking);
    std::printf("CUDART_VERSION major=%d\n", CUDART_VERSION / 1000);
    return 0;
}
