#!/usr/bin/env bash
# Copyright 2026 the rfm4j authors
# SPDX-License-Identifier: Apache-2.0
# rfm4j's own declarations of cuBLAS and cuSOLVER (native/include/rfm4j_cuda_api.h) held against the
# real thing, without a GPU: the headers and libraries of CUDA 11.8 from Debian
# (scripts/install-cuda-reference.sh).
#   1. native/src/api_check.cpp compiled against the real cublas_v2.h and cusolverDn.h: every
#      prototype and enum value rfm4j declares must match (it refuses to compile otherwise);
#   2. the loader (native/src/dynlib.cpp, built against the real runtime header) dlopens the real
#      libcusolver.so.11 and libcublas.so.11 through a folder of links named as it expects for the
#      CUDA 12 set (cuBLAS 11's symbols and sonames are those of 12 where rfm4j is concerned) and
#      resolves every entry point it uses; cublasGetProperty and cusolverGetProperty answer without a GPU.
#   scripts/cuda-reference-check.sh [REFERENCE_DIR]      (default: scripts/install-cuda-reference.sh)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
ref=${1:-$("$root/scripts/install-cuda-reference.sh")}
[ -f "$ref/include/cusolverDn.h" ] || { echo "cuda-reference-check: no headers under $ref/include" >&2; exit 2; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
say() { echo "cuda-reference-check: $*"; }

say "1. api_check.cpp against the CUDA 11.8 headers in $ref/include"
g++ -std=c++17 -fsyntax-only -Wall -DRFM4J_REQUIRE_API_CHECK -I "$root/native/include" -I "$ref/include" \
  "$root/native/src/api_check.cpp"
say "   ok: every prototype and enum value of rfm4j_cuda_api.h matches"

say "2. the loader on the real libraries"
g++ -std=c++17 -O1 -Wall -I "$root/native/include" -I "$root/native/src" -I "$ref/include" \
  "$root/native/test/dynlib_test.cpp" "$root/native/src/dynlib.cpp" -o "$work/loader" -ldl
mkdir -p "$work/links"
ln -s "$ref/lib/libcublas.so.11" "$work/links/libcublas.so.12"
ln -s "$ref/lib/libcublasLt.so.11" "$work/links/libcublasLt.so.12"
ln -s "$ref/lib/libcusparse.so.11" "$work/links/libcusparse.so.12"
ln -s "$ref/lib/libcusolver.so.11" "$work/links/libcusolver.so.11"
got=$("$work/loader" "$work/links" 2>&1) || { echo "$got" >&2; echo "cuda-reference-check: FAILED: the loader could not resolve its symbols in the real libraries" >&2; exit 1; }
echo "$got" | sed 's/^/   /'
echo "$got" | grep -Eq '^ok: cuBLAS 11\.[0-9]+\.[0-9]+ .*cuSOLVER 11\.[0-9]+\.[0-9]+' \
  || { echo "cuda-reference-check: FAILED: unexpected versions" >&2; exit 1; }
say "   ok: every entry point resolved in the real libcublas.so.11 and libcusolver.so.11"
