// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

// JNI bridge of org.rfm4j.cuda.CudaMatrix: freeing device memory.
#include "org_rfm4j_cuda_CudaMatrix.h"

#include "rfm4j_jni_util.h"

using namespace rfm4j;

extern "C" JNIEXPORT void JNICALL Java_org_rfm4j_cuda_CudaMatrix_nFree(JNIEnv* env, jclass, jlong ptr) {
    RFM_JNI_GUARD_BEGIN
    RFM_JNI_CHECK(env, release(jni::pointer(ptr)), );
    RFM_JNI_GUARD_END(env, )
}
