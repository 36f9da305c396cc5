#!/usr/bin/env bash
# Runs the CUDA checks on a machine with a GPU, from a bundle made by ../shared/device/bundle.sh
# (which copies target/**/librfm4j_cuda.so into .bundle/native). Prepared so that one short device
# session is enough:
#   here:    mvn -q -DskipTests package && mvn -q test-compile && ../shared/device/bundle.sh
#   device:  bash scripts/gpu-parity.sh            (writes JUnit XML under $OUT/junit when OUT is set)
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv 2>&1 | head -3
# cuBLAS/cuSOLVER: the toolkit's folder, or the pip wheels (nvidia-cublas, nvidia-cusolver) of a Python install
if [ -z "${RFM4J_CUDA_LIBDIR:-}" ]; then
  dirs=$(find /usr/local/cuda*/lib64 /usr/local/cuda*/targets/*/lib /opt /usr/lib/python3* /usr/local/lib/python3* \
           -maxdepth 8 \( -name 'libcublas.so.1[23]' -o -name 'libcusolver.so.1[12]' -o -name 'libcusparse.so.12' -o -name 'libnvJitLink.so.1[23]' \) 2>/dev/null \
         | xargs -r -n1 dirname | awk '!seen[$0]++' | paste -sd: -)
  export RFM4J_CUDA_LIBDIR="$dirs"
fi
echo "RFM4J_CUDA_LIBDIR=$RFM4J_CUDA_LIBDIR"
"$root/.bundle/run" tests --select-class org.rfm4j.cuda.CudaBackendProviderTest \
  --select-class org.rfm4j.spi.BackendParityTest
