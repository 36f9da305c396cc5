// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

// JNI bridge of org.rfm4j.cuda.CudaBackend: each native unpacks handles and calls one engine
// function; shapes were validated in Java. Failures throw RfmException and return at once.
#include "org_rfm4j_cuda_CudaBackend.h"

#include <algorithm>
#include <vector>

#include "rfm4j_jni_util.h"

using namespace rfm4j;
using jni::context;
using jni::dtype;
using jni::pointer;

namespace {
/** Host staging for transfers: large arrays move in pieces of this many elements. */
constexpr size_t kChunk = size_t(1) << 20;
}  // namespace

extern "C" {

JNIEXPORT jlong JNICALL Java_org_rfm4j_cuda_CudaBackend_nCreate(JNIEnv* env, jclass, jint device) {
    RFM_JNI_GUARD_BEGIN
    Context* ctx = nullptr;
    RFM_JNI_CHECK(env, createContext(device, &ctx), 0);
    return jni::handle(ctx);
    RFM_JNI_GUARD_END(env, 0)
}

JNIEXPORT void JNICALL Java_org_rfm4j_cuda_CudaBackend_nDestroy(JNIEnv* env, jclass, jlong ctx) {
    RFM_JNI_GUARD_BEGIN
    destroyContext(context(ctx));
    RFM_JNI_GUARD_END(env, )
}

JNIEXPORT void JNICALL Java_org_rfm4j_cuda_CudaBackend_nMemInfo(JNIEnv* env, jclass, jlong ctx, jlongArray out) {
    RFM_JNI_GUARD_BEGIN
    size_t freeBytes = 0, totalBytes = 0;
    RFM_JNI_CHECK(env, memInfo(context(ctx), &freeBytes, &totalBytes), );
    jlong values[2] = {static_cast<jlong>(freeBytes), static_cast<jlong>(totalBytes)};
    env->SetLongArrayRegion(out, 0, 2, values);
    RFM_JNI_GUARD_END(env, )
}

JNIEXPORT jlong JNICALL Java_org_rfm4j_cuda_CudaBackend_nAlloc(JNIEnv* env, jclass, jlong ctx, jlong bytes) {
    RFM_JNI_GUARD_BEGIN
    void* p = nullptr;
    RFM_JNI_CHECK(env, allocate(context(ctx), static_cast<size_t>(bytes), &p), 0);
    return jni::handle(p);
    RFM_JNI_GUARD_END(env, 0)
}

JNIEXPORT void JNICALL Java_org_rfm4j_cuda_CudaBackend_nZero(JNIEnv* env, jclass, jlong ctx, jlong ptr, jlong bytes) {
    RFM_JNI_GUARD_BEGIN
    RFM_JNI_CHECK(env, zero(context(ctx), pointer(ptr), static_cast<size_t>(bytes)), );
    RFM_JNI_GUARD_END(env, )
}

JNIEXPORT void JNICALL Java_org_rfm4j_cuda_CudaBackend_nUpload(JNIEnv* env, jclass, jlong ctx, jlong ptr, jint t,
                                                               jdoubleArray host, jlong count) {
    RFM_JNI_GUARD_BEGIN
    const size_t total = static_cast<size_t>(count);
    std::vector<double> buf(std::min(total, kChunk));
    for (size_t off = 0; off < total; off += kChunk) {
        const size_t len = std::min(kChunk, total - off);
        env->GetDoubleArrayRegion(host, static_cast<jsize>(off), static_cast<jsize>(len), buf.data());
        RFM_JNI_RETURN_IF_PENDING(env, );
        RFM_JNI_CHECK(env, upload(context(ctx), pointer(ptr), dtype(t), off, buf.data(), len), );
    }
    RFM_JNI_GUARD_END(env, )
}

JNIEXPORT void JNICALL Java_org_rfm4j_cuda_CudaBackend_nDownload(JNIEnv* env, jclass, jlong ctx, jlong ptr, jint t,
                                                                 jdoubleArray host, jlong count) {
    RFM_JNI_GUARD_BEGIN
    const size_t total = static_cast<size_t>(count);
    std::vector<double> buf(std::min(total, kChunk));
    for (size_t off = 0; off < total; off += kChunk) {
        const size_t len = std::min(kChunk, total - off);
        RFM_JNI_CHECK(env, download(context(ctx), pointer(ptr), dtype(t), off, len, buf.data()), );
        env->SetDoubleArrayRegion(host, static_cast<jsize>(off), static_cast<jsize>(len), buf.data());
        RFM_JNI_RETURN_IF_PENDING(env, );
    }
    RFM_JNI_GUARD_END(env, )
}

JNIEXPORT void JNICALL Java_org_rfm4j_cuda_CudaBackend_nGatherRows(JNIEnv* env, jclass, jlong ctx, jint t, jlong src,
                                                                   jint srcRows, jint cols, jintArray index,
                                                                   jlong dst) {
    RFM_JNI_GUARD_BEGIN
    const jsize count = env->GetArrayLength(index);
    std::vector<int> idx(static_cast<size_t>(count));
    env->GetIntArrayRegion(index, 0, count, idx.data());
    RFM_JNI_RETURN_IF_PENDING(env, );
    RFM_JNI_CHECK(env, gatherRows(context(ctx), dtype(t), pointer(src), srcRows, cols, idx.data(), count, pointer(dst)),
                  );
    RFM_JNI_GUARD_END(env, )
}

JNIEXPORT void JNICALL Java_org_rfm4j_cuda_CudaBackend_nGemm(JNIEnv* env, jclass, jlong ctx, jint t, jboolean transA,
                                                             jboolean transB, jint m, jint n, jint k, jdouble alpha,
                                                             jlong a, jint lda, jlong b, jint ldb, jdouble beta,
                                                             jlong c, jint ldc) {
    RFM_JNI_GUARD_BEGIN
    RFM_JNI_CHECK(env, gemm(context(ctx), dtype(t), transA == JNI_TRUE, transB == JNI_TRUE, m, n, k, alpha, pointer(a),
                            lda, pointer(b), ldb, beta, pointer(c), ldc), );
    RFM_JNI_GUARD_END(env, )
}

JNIEXPORT void JNICALL Java_org_rfm4j_cuda_CudaBackend_nScaleColumns(JNIEnv* env, jclass, jlong ctx, jint t, jlong a,
                                                                     jint rows, jint cols, jdoubleArray s, jlong out) {
    RFM_JNI_GUARD_BEGIN
    std::vector<double> scale(static_cast<size_t>(cols));
    env->GetDoubleArrayRegion(s, 0, cols, scale.data());
    RFM_JNI_RETURN_IF_PENDING(env, );
    RFM_JNI_CHECK(env, scaleColumns(context(ctx), dtype(t), pointer(a), rows, cols, scale.data(), pointer(out)), );
    RFM_JNI_GUARD_END(env, )
}

JNIEXPORT void JNICALL Java_org_rfm4j_cuda_CudaBackend_nAddDiagonal(JNIEnv* env, jclass, jlong ctx, jint t, jlong k,
                                                                    jint rows, jint cols, jdouble value) {
    RFM_JNI_GUARD_BEGIN
    RFM_JNI_CHECK(env, addDiagonal(context(ctx), dtype(t), pointer(k), rows, cols, value), );
    RFM_JNI_GUARD_END(env, )
}

JNIEXPORT jdouble JNICALL Java_org_rfm4j_cuda_CudaBackend_nMaxAbsRowSum(JNIEnv* env, jclass, jlong ctx, jint t,
                                                                        jlong k, jint rows, jint cols) {
    RFM_JNI_GUARD_BEGIN
    double result = 0;
    RFM_JNI_CHECK(env, maxAbsRowSum(context(ctx), dtype(t), pointer(k), rows, cols, &result), 0);
    return result;
    RFM_JNI_GUARD_END(env, 0)
}

JNIEXPORT jint JNICALL Java_org_rfm4j_cuda_CudaBackend_nCholeskyFactor(JNIEnv* env, jclass, jlong ctx, jint t,
                                                                       jlong k, jint n) {
    RFM_JNI_GUARD_BEGIN
    int info = 0;
    RFM_JNI_CHECK(env, choleskyFactor(context(ctx), dtype(t), pointer(k), n, &info), 0);
    return info;
    RFM_JNI_GUARD_END(env, 0)
}

JNIEXPORT void JNICALL Java_org_rfm4j_cuda_CudaBackend_nCholeskySolve(JNIEnv* env, jclass, jlong ctx, jint t,
                                                                      jlong factor, jint n, jlong b, jint c) {
    RFM_JNI_GUARD_BEGIN
    RFM_JNI_CHECK(env, choleskySolve(context(ctx), dtype(t), pointer(factor), n, pointer(b), c), );
    RFM_JNI_GUARD_END(env, )
}

JNIEXPORT void JNICALL Java_org_rfm4j_cuda_CudaBackend_nPsdPower(JNIEnv* env, jclass, jlong ctx, jint t, jlong sym,
                                                                 jint d, jdouble exponent, jlong out) {
    RFM_JNI_GUARD_BEGIN
    RFM_JNI_CHECK(env, psdPower(context(ctx), dtype(t), pointer(sym), d, exponent, pointer(out)), );
    RFM_JNI_GUARD_END(env, )
}

JNIEXPORT void JNICALL Java_org_rfm4j_cuda_CudaBackend_nPairwiseDistances(JNIEnv* env, jclass, jlong ctx, jint t,
                                                                          jdouble p, jlong a, jint m, jlong b, jint n,
                                                                          jint d, jlong out) {
    RFM_JNI_GUARD_BEGIN
    RFM_JNI_CHECK(env, pairwiseDistances(context(ctx), dtype(t), p, pointer(a), m, pointer(b), n, d, pointer(out)), );
    RFM_JNI_GUARD_END(env, )
}

JNIEXPORT void JNICALL Java_org_rfm4j_cuda_CudaBackend_nKernelMatrix(JNIEnv* env, jclass, jlong ctx, jint t, jdouble p,
                                                                     jdouble q, jdouble scale, jlong a, jint m,
                                                                     jlong b, jint n, jint d, jlong out) {
    RFM_JNI_GUARD_BEGIN
    RFM_JNI_CHECK(env, kernelMatrix(context(ctx), dtype(t), jni::kernelParams(p, q, scale), pointer(a), m, pointer(b),
                                    n, d, pointer(out)), );
    RFM_JNI_GUARD_END(env, )
}

JNIEXPORT void JNICALL Java_org_rfm4j_cuda_CudaBackend_nPredict(JNIEnv* env, jclass, jlong ctx, jint t, jdouble p,
                                                                jdouble q, jdouble scale, jlong u, jint n, jint d,
                                                                jlong alpha, jint c, jlong query, jint m, jlong out,
                                                                jint batchRows) {
    RFM_JNI_GUARD_BEGIN
    RFM_JNI_CHECK(env, predict(context(ctx), dtype(t), jni::kernelParams(p, q, scale), pointer(u), n, d, pointer(alpha),
                               c, pointer(query), m, pointer(out), batchRows), );
    RFM_JNI_GUARD_END(env, )
}

JNIEXPORT void JNICALL Java_org_rfm4j_cuda_CudaBackend_nAgop(JNIEnv* env, jclass, jlong ctx, jint t, jdouble p,
                                                             jdouble q, jdouble scale, jlong u, jint n, jint d,
                                                             jlong alpha, jint c, jlong z, jint rows, jintArray zIndex,
                                                             jlong g, jboolean diagonal, jlong jac, jint batchRows) {
    RFM_JNI_GUARD_BEGIN
    std::vector<int> index;
    if (zIndex != nullptr) {
        index.resize(static_cast<size_t>(rows));
        env->GetIntArrayRegion(zIndex, 0, rows, index.data());
        RFM_JNI_RETURN_IF_PENDING(env, );
    }
    RFM_JNI_CHECK(env, agopAccumulate(context(ctx), dtype(t), jni::kernelParams(p, q, scale), pointer(u), n, d,
                                      pointer(alpha), c, pointer(z), rows, zIndex != nullptr ? index.data() : nullptr,
                                      pointer(g), diagonal == JNI_TRUE, jac == 0 ? nullptr : pointer(jac), batchRows),
                  );
    RFM_JNI_GUARD_END(env, )
}

JNIEXPORT void JNICALL Java_org_rfm4j_cuda_CudaBackend_nConvNtkMatrix(JNIEnv* env, jclass, jlong ctx, jint depth,
                                                                       jint q, jint gridRows, jint gridCols,
                                                                       jdouble inputScale, jlong a, jint na, jlong b,
                                                                       jint nb, jint dim, jlong out, jint tileRows) {
    RFM_JNI_GUARD_BEGIN
    RFM_JNI_CHECK(env, convNtkMatrix(context(ctx), ConvShape{depth, q, gridRows, gridCols, inputScale}, pointer(a), na,
                                     pointer(b), nb, dim, pointer(out), tileRows), );
    RFM_JNI_GUARD_END(env, )
}

JNIEXPORT void JNICALL Java_org_rfm4j_cuda_CudaBackend_nPointerInfo(JNIEnv* env, jclass, jlong ctx, jlong ptr,
                                                                    jintArray out) {
    RFM_JNI_GUARD_BEGIN
    int memoryType = 0, device = -1;
    RFM_JNI_CHECK(env, pointerInfo(context(ctx), pointer(ptr), &memoryType, &device), );
    jint values[2] = {memoryType, device};
    env->SetIntArrayRegion(out, 0, 2, values);
    RFM_JNI_GUARD_END(env, )
}

JNIEXPORT void JNICALL Java_org_rfm4j_cuda_CudaBackend_nCopyDeviceToDevice(JNIEnv* env, jclass, jlong ctx, jlong dst,
                                                                           jlong src, jlong bytes) {
    RFM_JNI_GUARD_BEGIN
    RFM_JNI_CHECK(env, copyDeviceToDevice(context(ctx), pointer(dst), pointer(src), static_cast<size_t>(bytes)), );
    RFM_JNI_GUARD_END(env, )
}

JNIEXPORT void JNICALL Java_org_rfm4j_cuda_CudaBackend_nSynchronizeDevice(JNIEnv* env, jclass, jlong ctx) {
    RFM_JNI_GUARD_BEGIN
    RFM_JNI_CHECK(env, synchronizeDevice(context(ctx)), );
    RFM_JNI_GUARD_END(env, )
}

}  // extern "C"
