// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

// Shared between the emulated runtime's own files (not used by the code under test).
#pragma once
#include <string>

#include "cuda_runtime_api.h"

namespace rfm4j {
namespace emu {

/** Prints "[rfm4j-emu] message" on stderr. */
void report(const std::string& message);
/** The calling host thread's last error (cudaGetLastError returns and clears it). */
void setLastError(cudaError_t e);
/** A failed kernel: every later runtime call reports e (as a GPU context stays broken). */
void setSticky(cudaError_t e);
cudaError_t stickyError();

}  // namespace emu
}  // namespace rfm4j
