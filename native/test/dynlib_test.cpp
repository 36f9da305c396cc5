// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

// The loader (src/dynlib.cpp) on its own: loads the math libraries from the folders given on the
// command line and prints what happened, then every cuBLAS and cuSOLVER object left in the process,
// so scripts/cuda-emu-test.sh can check which set was chosen and that no other major stayed loaded.
//   emu_dynlib_test DIRS        (':'-separated; exit 0 when a set loaded, 3 when none did)
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <link.h>

#include <cstdio>
#include <cstring>
#include <string>

#include "dynlib.h"

namespace {
int printLoaded(struct dl_phdr_info* info, size_t, void*) {
    const char* name = info->dlpi_name;
    if (name == nullptr) return 0;
    const char* base = std::strrchr(name, '/');
    base = base != nullptr ? base + 1 : name;
    if (std::strncmp(base, "libcublas", 9) == 0 || std::strncmp(base, "libcusolver", 11) == 0 ||
        std::strncmp(base, "libcusparse", 11) == 0 || std::strncmp(base, "libnvJitLink", 12) == 0) {
        std::printf("loaded: %s\n", base);
    }
    return 0;
}
}  // namespace

int main(int argc, char** argv) {
    const std::string dirs = argc > 1 ? argv[1] : "";
    std::string report;
    rfm4j::Status st = rfm4j::loadMathLibraries(dirs, &report);
    if (st.isOk()) {
        std::printf("ok: %s\n", report.c_str());
    } else {
        std::printf("failed: %s\n", st.message().c_str());
    }
    dl_iterate_phdr(printLoaded, nullptr);
    return st.isOk() ? 0 : 3;
}
