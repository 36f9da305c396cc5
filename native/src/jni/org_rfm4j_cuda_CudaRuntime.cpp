// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

// JNI bridge of org.rfm4j.cuda.CudaRuntime: handshake, device discovery, math-library loading.
#include "org_rfm4j_cuda_CudaRuntime.h"

#include "dynlib.h"
#include "rfm4j_jni_util.h"
#include "rfm4j_version.h"

namespace rfm4j {
int apiCheckedAgainstToolkitHeaders();
}

using namespace rfm4j;

extern "C" {

JNIEXPORT jint JNICALL Java_org_rfm4j_cuda_CudaRuntime_nativeAbiVersion(JNIEnv*, jclass) {
    return RFM4J_NATIVE_ABI_VERSION;
}

JNIEXPORT jintArray JNICALL Java_org_rfm4j_cuda_CudaRuntime_nativeQueryDevices(JNIEnv* env, jclass) {
    RFM_JNI_GUARD_BEGIN
    DeviceQuery q = queryDevices();
    jint values[5] = {q.driverStatus, q.driverVersion, q.runtimeVersion, q.countStatus, q.deviceCount};
    jintArray out = env->NewIntArray(5);
    if (out == nullptr) return nullptr;
    env->SetIntArrayRegion(out, 0, 5, values);
    return out;
    RFM_JNI_GUARD_END(env, nullptr)
}

JNIEXPORT jstring JNICALL Java_org_rfm4j_cuda_CudaRuntime_nativeErrorText(JNIEnv* env, jclass, jint error) {
    RFM_JNI_GUARD_BEGIN
    return env->NewStringUTF(cudaErrorText(error).c_str());
    RFM_JNI_GUARD_END(env, nullptr)
}

JNIEXPORT jstring JNICALL Java_org_rfm4j_cuda_CudaRuntime_nativeDeviceName(JNIEnv* env, jclass, jint device) {
    RFM_JNI_GUARD_BEGIN
    std::string name;
    long long mem = 0;
    int major = 0, minor = 0, sms = 0;
    RFM_JNI_CHECK(env, deviceProperties(device, &name, &mem, &major, &minor, &sms), nullptr);
    return env->NewStringUTF(name.c_str());
    RFM_JNI_GUARD_END(env, nullptr)
}

JNIEXPORT jlongArray JNICALL Java_org_rfm4j_cuda_CudaRuntime_nativeDeviceNumbers(JNIEnv* env, jclass, jint device) {
    RFM_JNI_GUARD_BEGIN
    std::string name;
    long long mem = 0;
    int major = 0, minor = 0, sms = 0;
    RFM_JNI_CHECK(env, deviceProperties(device, &name, &mem, &major, &minor, &sms), nullptr);
    jlong values[4] = {mem, major, minor, sms};
    jlongArray out = env->NewLongArray(4);
    if (out == nullptr) return nullptr;
    env->SetLongArrayRegion(out, 0, 4, values);
    return out;
    RFM_JNI_GUARD_END(env, nullptr)
}

JNIEXPORT jstring JNICALL Java_org_rfm4j_cuda_CudaRuntime_nativeLoadMathLibraries(JNIEnv* env, jclass,
                                                                                  jstring extraDirs) {
    RFM_JNI_GUARD_BEGIN
    std::string dirs = jni::utf8(env, extraDirs);
    RFM_JNI_RETURN_IF_PENDING(env, nullptr);
    std::string report;
    RFM_JNI_CHECK(env, loadMathLibraries(dirs, &report), nullptr);
    return env->NewStringUTF(report.c_str());
    RFM_JNI_GUARD_END(env, nullptr)
}

JNIEXPORT jint JNICALL Java_org_rfm4j_cuda_CudaRuntime_nativeApiChecked(JNIEnv*, jclass) {
    return apiCheckedAgainstToolkitHeaders();
}

JNIEXPORT jint JNICALL Java_org_rfm4j_cuda_CudaRuntime_nativeIsEmulated(JNIEnv*, jclass) {
#if defined(RFM4J_CUDA_EMULATION)
    return 1;
#else
    return 0;
#endif
}

}  // extern "C"
