#!/usr/bin/env bash
# Copyright 2026 the rfm4j authors
# SPDX-License-Identifier: Apache-2.0
# Builds the CUDA backend's native library, librfm4j_cuda.so, with CMake (native/, helpers in cmake/).
#
#   scripts/build-native.sh [BUILD_DIR] [OUTPUT_DIR]
#     BUILD_DIR   CMake build folder          (default: target/native-build)
#     OUTPUT_DIR  where the .so is copied to  (default: target/classes/native/linux-x86_64,
#                 which puts it in the jar as /native/linux-x86_64/librfm4j_cuda.so)
#
# Environment: JAVA_HOME (a JDK: jni.h), NVCC (default: nvcc on PATH, else /usr/local/cuda/bin/nvcc),
# RFM4J_JNI_HEADERS_DIR (javac -h output; default target/native-headers, generated here when missing),
# RFM4J_REQUIRE_NATIVE=1 (fail instead of building a CPU-only jar when nvcc or cmake is missing),
# CUDA_ARCHS (overrides CMAKE_CUDA_ARCHITECTURES, e.g. 90-real for a quick local build).
#
# Without nvcc it prints "nvcc not found: building a CPU-only jar" and succeeds. Maven runs it in
# the process-classes phase (profile native-cuda in pom.xml); the Docker image and CI reuse it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/target/native-build}
out=${2:-$root/target/classes/native/linux-x86_64}

cpu_only() {
  echo "rfm4j: $1: building a CPU-only jar (no librfm4j_cuda.so; the CUDA backend will report itself unavailable)"
  if [ "${RFM4J_REQUIRE_NATIVE:-0}" = "1" ]; then
    echo "rfm4j: RFM4J_REQUIRE_NATIVE=1: failing" >&2
    exit 1
  fi
  exit 0
}

nvcc=${NVCC:-$(command -v nvcc || true)}
if [ -z "$nvcc" ] && [ -x /usr/local/cuda/bin/nvcc ]; then nvcc=/usr/local/cuda/bin/nvcc; fi
[ -n "$nvcc" ] || cpu_only "nvcc not found (PATH, /usr/local/cuda/bin)"
command -v cmake >/dev/null 2>&1 || cpu_only "nvcc found at $nvcc but cmake is not installed"

if [ -z "${JAVA_HOME:-}" ] || [ ! -f "$JAVA_HOME/include/jni.h" ]; then
  javac_path=$(command -v javac || true)
  [ -n "$javac_path" ] || { echo "rfm4j: no JDK found (set JAVA_HOME): javac and jni.h are needed" >&2; exit 1; }
  JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$javac_path")")")
fi

headers=${RFM4J_JNI_HEADERS_DIR:-$root/target/native-headers}
# (re)generate when missing or older than a Java source that declares natives
if [ ! -f "$headers/org_rfm4j_cuda_CudaBackend.h" ] || \
   [ -n "$(find "$root/src/main/java/org/rfm4j/cuda" -name '*.java' -newer "$headers/org_rfm4j_cuda_CudaBackend.h" 2>/dev/null)" ]; then
  echo "rfm4j: generating JNI headers with javac -h into $headers"
  mkdir -p "$headers" "$build/javac-h-classes"
  "$JAVA_HOME/bin/javac" -h "$headers" -d "$build/javac-h-classes" -sourcepath "$root/src/main/java" \
    "$root"/src/main/java/org/rfm4j/cuda/*.java
  touch "$headers"/org_rfm4j_cuda_*.h  # javac may leave an unchanged header's date as it was
fi

archs=()
if [ -n "${CUDA_ARCHS:-}" ]; then archs=(-DCMAKE_CUDA_ARCHITECTURES="$CUDA_ARCHS"); fi
echo "rfm4j: building librfm4j_cuda.so with $nvcc (CMake build folder $build)"
mkdir -p "$(dirname "$build")"
cmake -S "$root/native" -B "$build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_CUDA_COMPILER="$nvcc" \
  -DJAVA_HOME="$JAVA_HOME" -DRFM4J_JNI_HEADERS_DIR="$headers" -DRFM4J_OUTPUT_DIR="$out" "${archs[@]}" >"$build.configure.log" 2>&1 \
  || { cat "$build.configure.log" >&2; exit 1; }
grep -E "^-- rfm4j:" "$build.configure.log" || true
cmake --build "$build" -j "$(nproc 2>/dev/null || echo 2)"
echo "rfm4j: built $out/librfm4j_cuda.so"
