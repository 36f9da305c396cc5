#!/usr/bin/env bash
# Copyright 2026 the rfm4j authors
# SPDX-License-Identifier: Apache-2.0
# The whole GPU check in one call of at most 600 s on a machine that has a GPU but no Java, from the
# self-contained distribution built here:
#   here:    scripts/dist.sh --tests --archive .bundle/rfm4j-dist.tar.xz
#   GPU:     bash scripts/gpu-check.sh          (the device tool carries .bundle and sets OUT)
# Steps, each under `timeout -k`, their outputs packed into one archive, OUT/gpu-check.tar.gz, with
# OUT/summary.txt beside it (the device tool brings back at most 8 files):
#   1. device: nvidia-smi, the Python that has PyTorch, the cuBLAS/cuSOLVER folders found
#      (scripts/cuda-libdirs.sh asks that Python for its site-packages; exported as RFM4J_CUDA_LIBDIR)
#   2. `rfm info`; stops here, with the probe's reason, when CUDA is not available
#   3. the parity suite, the CUDA backend's tests, 8 threads on one backend and the soak cycles (JUnit XML)
#   4. the ceilings: cuBLAS GEMM and cuSOLVER potrf with PyTorch on the same card
#   5. a fit at n = 20000, d = 100 on the GPU (JSON report)
#   6. rfm bench, n = 10000, 20000, 50000 (one run each, so a timeout keeps the others), with the
#      PyTorch peer on the same GPU
#   7. ConvRFM on the star task (50 train / 2050 test, q = 11, two rounds) on the GPU, then on the CPU of the
#      same machine
#   8. the RFM tree at n = 1,000,000, d = 20 (leaves of at most 60000 rows, one at a time on the GPU)
#   9. EigenPro at n = 200,000, d = 20 (no n x n matrix), with what is left of the budget
# Every step has its own limit, and none may run past GPU_CHECK_BUDGET seconds in all (default 540,
# leaving a 600 s call time to pack the results).
# Environment: OUT (results; default ./gpu-out), RFM4J_DIST (an unpacked distribution; default: unpack
# .bundle/rfm4j-dist.tar.xz), PYTHON (preferred interpreter), GPU_CHECK_SCALE=small (the sizes of a
# run on the emulated device), GPU_CHECK_EMULATED=1 (admit the emulated device: a rehearsal without a
# GPU, see scripts/cuda-emu-test.sh --gpu-check), GPU_CHECK_BUDGET (seconds), GPU_CHECK_SLOWDOWN (every
# step's limit multiplied by it; the rehearsal on the emulated device uses 4).
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${OUT:-$PWD/gpu-out}
mkdir -p "$out"
work=$(mktemp -d "${TMPDIR:-/tmp}/rfm4j-gpu-check.XXXXXX")
log=$work/steps.log
started=$(date +%s)
budget=${GPU_CHECK_BUDGET:-540}
step() { echo "=== $* (t = $(( $(date +%s) - started )) s)" | tee -a "$log"; }
# the step's own limit, cut to what is left of the budget
# (times GPU_CHECK_SLOWDOWN, default 1: the emulated device's rehearsal on a loaded machine needs more)
limit() {
  local want=$(( $1 * ${GPU_CHECK_SLOWDOWN:-1} )) left=$(( budget - ($(date +%s) - started) ))
  [ "$left" -lt "$want" ] && echo $(( left > 1 ? left : 1 )) || echo "$want"
}
finish() {  # pack everything into one archive, and a short summary beside it
  step "done: packing $out/gpu-check.tar.gz"
  tar -C "$work" -czf "$out/gpu-check.tar.gz" . 2>/dev/null
  { cat "$log"; echo; grep -h -E 'tests (successful|failed|skipped|aborted)' "$work/parity.log" 2>/dev/null; } > "$out/summary.txt"
  rm -rf "$work"
  exit "${1:-0}"
}

step "0. the distribution"
dist=${RFM4J_DIST:-}
if [ -z "$dist" ]; then
  [ -f "$root/.bundle/rfm4j-dist.tar.xz" ] || { echo "no .bundle/rfm4j-dist.tar.xz: run scripts/dist.sh --tests --archive .bundle/rfm4j-dist.tar.xz here first" | tee -a "$log"; finish 2; }
  timeout -k 5 "$(limit 45)" tar -C "$work" -xJf "$root/.bundle/rfm4j-dist.tar.xz" || { echo "cannot unpack the distribution" | tee -a "$log"; finish 2; }
  dist=$work/rfm4j
fi
rfm=$dist/bin/rfm
if [ "${GPU_CHECK_SCALE:-full}" = small ]; then
  fit_n=600 fit_d=20 bench_n="300 500" bench_d=10 bench_c=2 ceil_n=500 heap=4g
  tree_data="builtin:lowrank:n=1200,d=10,val=200,test=200" tree_opts="--leaf-size 400"
  star_opts="--n-train 10 --n-test 20 --samples 4"
  ep_data="builtin:lowrank:n=400,d=10,val=100,test=100" ep_opts="--iterations 0 --eigenpro-subsample 200 --eigenpro-epochs 2"
  # the emulated device is about a thousand times slower: one round of threads, 10 soak cycles
  test_opts="-Drfm4j.soak.cycles=10 -Drfm4j.soak.warmup=3 -Drfm4j.concurrent.rounds=1"
else
  fit_n=20000 fit_d=100 bench_n="10000 20000 50000" bench_d=100 bench_c=10 ceil_n=20000 heap=48g
  tree_data="builtin:lowrank:n=1000000,d=20" tree_opts=""
  ep_data="builtin:lowrank:n=200000,d=20" ep_opts=""
  star_opts=""
  test_opts=""
fi

step "1. device"
{
  timeout -k 5 10 nvidia-smi || echo "nvidia-smi: not available"
  timeout -k 5 10 nvidia-smi --query-gpu=name,driver_version,memory.total,compute_cap --format=csv
} > "$work/device.txt" 2>&1
# the interpreter with PyTorch (the peers and the ceilings need it; its site-packages hold the CUDA wheels)
py="" tries=0
for candidate in ${PYTHON:-} python3 /usr/bin/python3 /opt/*/bin/python3 /opt/*/*/bin/python3; do
  command -v "$candidate" >/dev/null 2>&1 || continue
  [ -z "$py" ] && py=$candidate
  [ "$tries" -ge 3 ] && break
  tries=$((tries + 1))
  if timeout -k 5 20 "$candidate" -c 'import torch; print("torch", torch.__version__, "cuda", torch.version.cuda, "available", torch.cuda.is_available())' >> "$work/device.txt" 2>&1; then
    py=$candidate
    break
  fi
done
echo "python: ${py:-none}" >> "$work/device.txt"
RFM4J_CUDA_LIBDIR=$("$root/scripts/cuda-libdirs.sh" ${py:+"$py"})
export RFM4J_CUDA_LIBDIR
echo "RFM4J_CUDA_LIBDIR=$RFM4J_CUDA_LIBDIR" | tee -a "$work/device.txt"
head -30 "$work/device.txt"

java_opts=${RFM_JAVA_OPTS:-}
[ "${GPU_CHECK_EMULATED:-0}" = 1 ] && java_opts="$java_opts -Drfm4j.test.emulatedCuda=true"
export RFM_JAVA_OPTS="-Xmx$heap $java_opts"

step "2. rfm info"
timeout -k 5 "$(limit 45)" "$rfm" info > "$work/info.txt" 2>&1
cat "$work/info.txt"
if ! grep -Eq '^ *cuda +available' "$work/info.txt"; then
  echo "CUDA is not available, so nothing else can run: $(grep -E '^ *cuda ' "$work/info.txt")" | tee -a "$log"
  finish 3
fi

step "3. parity suite and CUDA tests"
RFM_JAVA_OPTS="$java_opts $test_opts" timeout -k 10 "$(limit 140)" "$dist/bin/rfm-tests" --reports-dir "$work/junit" \
  --select-class org.rfm4j.spi.BackendParityTest --select-class org.rfm4j.spi.BackendContractTest \
  --select-class org.rfm4j.cuda.CudaBackendProviderTest \
  --select-class org.rfm4j.cuda.CudaEmulatedDeviceTest --select-class org.rfm4j.cuda.CudaConvNtkTest \
  --select-class org.rfm4j.spi.ConcurrentUseTest --select-class org.rfm4j.spi.SoakTest > "$work/parity.log" 2>&1
echo "exit $?" >> "$work/parity.log"
grep -E '^(soak|concurrent use), ' "$work/parity.log" || true
tail -22 "$work/parity.log"

step "4. ceilings (PyTorch, same card)"
if [ -n "$py" ]; then
  timeout -k 10 "$(limit 45)" "$py" "$dist/bench/peers/gpu_ceilings.py" --n "$ceil_n" --repeats 3 > "$work/ceilings.json" 2> "$work/ceilings.err"
  cat "$work/ceilings.json"
else
  echo "no Python: ceilings skipped" | tee "$work/ceilings.err"
fi

step "5. fit n = $fit_n, d = $fit_d"
timeout -k 10 "$(limit 60)" "$rfm" fit --data "builtin:lowrank:n=$fit_n,d=$fit_d" --backend cuda --seed 0 \
  --report-json "$work/fit.json" > "$work/fit.log" 2>&1
echo "exit $?" >> "$work/fit.log"
tail -12 "$work/fit.log"

for n in $bench_n; do
  step "6. bench n = $n"
  timeout -k 10 "$(limit 45)" "$rfm" bench --n "$n" --d "$bench_d" --c "$bench_c" --kernels laplace \
    --precisions float32,float64 --backends cuda --peers torch --python "${py:-python3}" \
    --peers-dir "$dist/bench/peers" --repeats 2 --no-plots --out "$work/bench-$n" > "$work/bench-$n.log" 2>&1
  echo "exit $?" >> "$work/bench-$n.log"
  tail -8 "$work/bench-$n.log"
done

for be in cuda cpu; do
  step "7. ConvRFM star on $be"
  timeout -k 10 "$(limit 60)" "$rfm" experiment convrfm --task star --iterations 2 $star_opts --backend "$be" \
    --out "$work/convrfm-$be" > "$work/convrfm-$be.log" 2>&1
  echo "exit $?" >> "$work/convrfm-$be.log"
  tail -6 "$work/convrfm-$be.log"
done

step "8. tree, $tree_data"
timeout -k 10 "$(limit 300)" "$rfm" fit --data "$tree_data" --backend cuda --seed 0 --solver tree $tree_opts \
  --report-json "$work/tree.json" > "$work/tree.log" 2>&1
echo "exit $?" >> "$work/tree.log"
tail -8 "$work/tree.log"

step "9. EigenPro, $ep_data"
timeout -k 10 "$(limit 300)" "$rfm" fit --data "$ep_data" --backend cuda --seed 0 --solver eigenpro $ep_opts \
  --report-json "$work/eigenpro.json" > "$work/eigenpro.log" 2>&1
echo "exit $?" >> "$work/eigenpro.log"
tail -8 "$work/eigenpro.log"

finish 0
