#!/usr/bin/env bash
# Copyright 2026 the rfm4j authors
# SPDX-License-Identifier: Apache-2.0
# The backend-parity suite and the CUDA backend's tests alone, on a machine with a GPU, from the
# self-contained distribution (scripts/dist.sh --tests; no Java needed there):
#   bash scripts/gpu-parity.sh [DIST]     (DIST: an unpacked distribution, default target/dist/rfm4j;
#                                          JUnit XML under $OUT/junit when OUT is set)
# cuBLAS/cuSOLVER are looked up in the CUDA toolkits and in the NVIDIA wheels of the Python that has
# PyTorch (scripts/cuda-libdirs.sh). On a GPU machine a CUDA backend that cannot start fails every
# parity case: nothing is skipped there. scripts/gpu-check.sh runs this and the rest in one call.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dist=${1:-$root/target/dist/rfm4j}
[ -x "$dist/bin/rfm-tests" ] || { echo "gpu-parity.sh: no $dist/bin/rfm-tests: build it with scripts/dist.sh --tests" >&2; exit 2; }
timeout -k 5 10 nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv 2>&1 | head -3
if [ -z "${RFM4J_CUDA_LIBDIR:-}" ]; then
  RFM4J_CUDA_LIBDIR=$("$root/scripts/cuda-libdirs.sh")
  export RFM4J_CUDA_LIBDIR
fi
echo "RFM4J_CUDA_LIBDIR=$RFM4J_CUDA_LIBDIR"
exec "$dist/bin/rfm-tests" ${OUT:+--reports-dir "$OUT/junit"} --select-class org.rfm4j.spi.BackendParityTest \
  --select-class org.rfm4j.spi.BackendContractTest \
  --select-class org.rfm4j.cuda.CudaBackendProviderTest --select-class org.rfm4j.cuda.CudaEmulatedDeviceTest
