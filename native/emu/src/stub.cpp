// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

// A stand-in for a library that the emulated cuBLAS or cuSOLVER needs but rfm4j never calls
// (cuBLASLt, cuSPARSE, nvJitLink): it exists so that the loader's dependency preloading is exercised
// as with the real libraries. RFM4J_EMU_STUB names its one symbol.
#ifndef RFM4J_EMU_STUB
#error "RFM4J_EMU_STUB (the stub's symbol) must be defined"
#endif
extern "C" __attribute__((visibility("default"))) int RFM4J_EMU_STUB(void) { return 0; }
