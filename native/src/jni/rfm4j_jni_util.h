// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

// Shared JNI helpers: turning a failed engine Status into a Java org.rfm4j.RfmException, and the
// THROW/CHECK macros that raise it and RETURN AT ONCE (native code never carries on after throwing
// and never calls back into Java except to construct the exception).
#pragma once
#include <jni.h>

#include <string>

#include "engine.h"
#include "rfm4j_status.h"

namespace rfm4j {
namespace jni {

/** Raises org.rfm4j.RfmException(ErrorCode.<code>, message); an already pending exception wins. */
void throwRfm(JNIEnv* env, Code code, const std::string& message);

inline void throwStatus(JNIEnv* env, const Status& s) { throwRfm(env, s.code(), s.message()); }

inline Context* context(jlong handle) { return reinterpret_cast<Context*>(static_cast<intptr_t>(handle)); }
inline void* pointer(jlong handle) { return reinterpret_cast<void*>(static_cast<intptr_t>(handle)); }
inline jlong handle(const void* p) { return static_cast<jlong>(reinterpret_cast<intptr_t>(p)); }
inline DType dtype(jint t) { return static_cast<DType>(t); }
inline KernelParams kernelParams(jdouble p, jdouble q, jdouble scale) { return KernelParams{p, q, scale}; }

/** Copies a Java string to UTF-8 (empty for null). */
std::string utf8(JNIEnv* env, jstring s);

}  // namespace jni
}  // namespace rfm4j

/** Throws RfmException(code, msg) and returns ret (leave ret empty in a void function). */
#define RFM_JNI_THROW(env, code, msg, ret)                      \
    do {                                                        \
        ::rfm4j::jni::throwRfm((env), (code), (msg));           \
        return ret;                                             \
    } while (0)

/** Evaluates an engine call; on failure throws its Status as RfmException and returns ret. */
#define RFM_JNI_CHECK(env, expr, ret)                           \
    do {                                                        \
        ::rfm4j::Status st_ = (expr);                           \
        if (!st_.isOk()) {                                      \
            ::rfm4j::jni::throwStatus((env), st_);              \
            return ret;                                         \
        }                                                       \
    } while (0)

/** Returns ret at once when a Java exception is pending (after a JNI array call, say). */
#define RFM_JNI_RETURN_IF_PENDING(env, ret) \
    do {                                    \
        if ((env)->ExceptionCheck()) {      \
            return ret;                     \
        }                                   \
    } while (0)

/** Wraps a JNI function body so no C++ exception (std::bad_alloc, ...) ever reaches the JVM. */
#define RFM_JNI_GUARD_BEGIN try {
#define RFM_JNI_GUARD_END(env, ret)                                                                          \
    }                                                                                                        \
    catch (const std::bad_alloc&) {                                                                          \
        RFM_JNI_THROW(env, ::rfm4j::Code::OutOfMemory, "host memory exhausted in the rfm4j native library", ret); \
    }                                                                                                        \
    catch (const std::exception& e) {                                                                        \
        RFM_JNI_THROW(env, ::rfm4j::Code::Internal, std::string("rfm4j native library: ") + e.what(), ret);  \
    }                                                                                                        \
    catch (...) {                                                                                            \
        RFM_JNI_THROW(env, ::rfm4j::Code::Internal, "rfm4j native library: unknown C++ exception", ret);     \
    }
