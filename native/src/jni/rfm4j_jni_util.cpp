// Copyright 2026 the rfm4j authors
// SPDX-License-Identifier: Apache-2.0

#include "rfm4j_jni_util.h"

namespace rfm4j {
namespace jni {

void throwRfm(JNIEnv* env, Code code, const std::string& message) {
    if (env->ExceptionCheck()) return;  // keep the first failure
    jclass codeClass = env->FindClass("org/rfm4j/ErrorCode");
    if (codeClass == nullptr) return;  // NoClassDefFoundError is pending
    jfieldID field = env->GetStaticFieldID(codeClass, codeName(code), "Lorg/rfm4j/ErrorCode;");
    if (field == nullptr) {  // a code this Java version lacks: fall back to UNKNOWN
        env->ExceptionClear();
        field = env->GetStaticFieldID(codeClass, "UNKNOWN", "Lorg/rfm4j/ErrorCode;");
        if (field == nullptr) return;
    }
    jobject codeValue = env->GetStaticObjectField(codeClass, field);
    jclass exClass = env->FindClass("org/rfm4j/RfmException");
    if (exClass == nullptr) return;
    jmethodID ctor = env->GetMethodID(exClass, "<init>", "(Lorg/rfm4j/ErrorCode;Ljava/lang/String;)V");
    if (ctor == nullptr) return;
    jstring text = env->NewStringUTF(message.c_str());
    if (text == nullptr) return;  // OutOfMemoryError is pending
    jobject ex = env->NewObject(exClass, ctor, codeValue, text);
    if (ex == nullptr) return;
    env->Throw(static_cast<jthrowable>(ex));
}

std::string utf8(JNIEnv* env, jstring s) {
    if (s == nullptr) return std::string();
    const char* chars = env->GetStringUTFChars(s, nullptr);
    if (chars == nullptr) return std::string();
    std::string out(chars);
    env->ReleaseStringUTFChars(s, chars);
    return out;
}

}  // namespace jni
}  // namespace rfm4j
