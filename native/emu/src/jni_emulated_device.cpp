// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

// The test controls of the emulated CUDA device, for org.rfm4j.cuda.EmulatedDevice (a class of the
// test sources). Only the emulated-device build of librfm4j_cuda.so has these natives.
#include <jni.h>

#include <string>

#include "rfm4j_emu.h"
#include "rfm4j_jni_util.h"

using rfm4j::jni::utf8;

extern "C" {

JNIEXPORT void JNICALL Java_org_rfm4j_cuda_EmulatedDevice_nInjectFailure(JNIEnv* env, jclass, jstring function,
                                                                         jint status, jint skip) {
    rfm4j_emu_inject_failure(utf8(env, function).c_str(), status, skip);
}

JNIEXPORT void JNICALL Java_org_rfm4j_cuda_EmulatedDevice_nClearFailures(JNIEnv*, jclass) {
    rfm4j_emu_clear_failures();
}

JNIEXPORT jlong JNICALL Java_org_rfm4j_cuda_EmulatedDevice_nCalls(JNIEnv* env, jclass, jstring function) {
    return static_cast<jlong>(rfm4j_emu_calls(utf8(env, function).c_str()));
}

JNIEXPORT jlong JNICALL Java_org_rfm4j_cuda_EmulatedDevice_nLiveAllocations(JNIEnv*, jclass) {
    return static_cast<jlong>(rfm4j_emu_live_allocations());
}

JNIEXPORT jlong JNICALL Java_org_rfm4j_cuda_EmulatedDevice_nLiveBytes(JNIEnv*, jclass) {
    return static_cast<jlong>(rfm4j_emu_live_bytes());
}

JNIEXPORT void JNICALL Java_org_rfm4j_cuda_EmulatedDevice_nSetMemoryBudget(JNIEnv*, jclass, jlong bytes) {
    rfm4j_emu_set_memory_budget(static_cast<uint64_t>(bytes));
}

JNIEXPORT jlong JNICALL Java_org_rfm4j_cuda_EmulatedDevice_nMemoryBudget(JNIEnv*, jclass) {
    return static_cast<jlong>(rfm4j_emu_memory_budget());
}

}  // extern "C"
