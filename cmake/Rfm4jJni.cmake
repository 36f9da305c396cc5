# Copyright 2026 the rfm4j authors
# SPDX-License-Identifier: Apache-2.0

# Locates the JNI headers (jni.h, jni_md.h) and the javac -h generated headers for rfm4j.
#
#   RFM4J_JNI_INCLUDE_DIR  the JDK's include folder (holds jni.h); default: from JAVA_HOME
#                          (CMake variable or environment), else CMake's FindJNI
#   RFM4J_JNI_HEADERS_DIR  folder with org_rfm4j_cuda_*.h made by `javac -h` (the Maven compiler
#                          plugin writes them to target/native-headers)
#
# Defines the INTERFACE target rfm4j::jni_headers. Only headers are needed: a JNI library links
# against nothing of the JVM.

if(NOT RFM4J_JNI_INCLUDE_DIR)
  if(DEFINED JAVA_HOME AND EXISTS "${JAVA_HOME}/include/jni.h")
    set(RFM4J_JNI_INCLUDE_DIR "${JAVA_HOME}/include")
  elseif(DEFINED ENV{JAVA_HOME} AND EXISTS "$ENV{JAVA_HOME}/include/jni.h")
    set(RFM4J_JNI_INCLUDE_DIR "$ENV{JAVA_HOME}/include")
  endif()
endif()

if(RFM4J_JNI_INCLUDE_DIR)
  if(NOT EXISTS "${RFM4J_JNI_INCLUDE_DIR}/jni.h")
    message(FATAL_ERROR "RFM4J_JNI_INCLUDE_DIR=${RFM4J_JNI_INCLUDE_DIR} holds no jni.h: point it at a JDK's include folder")
  endif()
  set(_rfm4j_jni_dirs "${RFM4J_JNI_INCLUDE_DIR}")
  if(EXISTS "${RFM4J_JNI_INCLUDE_DIR}/linux/jni_md.h")
    list(APPEND _rfm4j_jni_dirs "${RFM4J_JNI_INCLUDE_DIR}/linux")
  endif()
else()
  find_package(JNI)
  if(NOT JNI_INCLUDE_DIRS)
    message(FATAL_ERROR "JNI headers not found: set JAVA_HOME to a JDK (not a JRE), or pass -DRFM4J_JNI_INCLUDE_DIR=<jdk>/include")
  endif()
  set(_rfm4j_jni_dirs ${JNI_INCLUDE_DIRS})
endif()

if(NOT RFM4J_JNI_HEADERS_DIR OR NOT EXISTS "${RFM4J_JNI_HEADERS_DIR}/org_rfm4j_cuda_CudaBackend.h")
  message(FATAL_ERROR "RFM4J_JNI_HEADERS_DIR='${RFM4J_JNI_HEADERS_DIR}' holds no org_rfm4j_cuda_CudaBackend.h: "
                      "generate the headers with `javac -h` (mvn compile writes them to target/native-headers; "
                      "scripts/build-native.sh does it for you)")
endif()

add_library(rfm4j_jni_headers INTERFACE)
target_include_directories(rfm4j_jni_headers INTERFACE ${_rfm4j_jni_dirs} "${RFM4J_JNI_HEADERS_DIR}")
add_library(rfm4j::jni_headers ALIAS rfm4j_jni_headers)
message(STATUS "rfm4j: JNI headers from ${_rfm4j_jni_dirs}; generated headers from ${RFM4J_JNI_HEADERS_DIR}")
