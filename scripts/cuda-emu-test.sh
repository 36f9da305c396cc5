#!/usr/bin/env bash
# Copyright 2026 the rfm4j authors
# SPDX-License-Identifier: Apache-2.0
# The CUDA path (Java backend -> JNI -> engine -> our kernels -> cuBLAS/cuSOLVER calls) on the emulated
# CUDA device, without a GPU. Builds native/ with -DRFM4J_CUDA_EMULATION=ON (the kernels as host C++,
# one host thread per CUDA thread of a block, emulated cuBLAS/cuSOLVER with their argument checks and
# injectable failures, AddressSanitizer and UBSan) into target/cuda-emu, then runs:
#   1. the emulator's own tests (barriers, shuffles, the errors it must raise; a stress loop), also
#      three times built with ThreadSanitizer, whose slowdown shows the emulator's own races;
#   2. the loader's library-set tests: one consistent CUDA 13 or 12 set, dependencies preloaded from
#      the same folder or a pip-style folder per library, never two cuBLAS majors in one process;
#   3. the emulated runtime's enum values against the toolkit's own headers (where nvcc is installed);
#   4. BackendParityTest, BackendContractTest, ConcurrentUseTest (8 + 8 threads on one backend, one round),
#      SoakTest (10 cycles after 3 of warm-up) and the CUDA backend's tests (org.rfm4j.cuda.*) in Maven
#      Surefire with the emulated library (profile cuda-emu in pom.xml): 0 failures, and no parity or
#      contract case or emulated-device test skipped on CUDA, or this script fails.
#   5. with --gpu-check: scripts/gpu-check.sh, the one-call GPU check, through the same distribution
#      the GPU machine gets (scripts/dist.sh) with the emulated library in it, at small sizes, and a
#      mock of the GPU machine's Python (a virtual environment whose site-packages/nvidia/cu13/lib holds
#      the emulated cuBLAS/cuSOLVER): every step must run, the libraries must be found there, and the
#      results must come back as one archive.
# Usage: scripts/cuda-emu-test.sh [--no-java] [--gpu-check]   (run from anywhere; needs a JDK, Maven,
#        cmake, g++)
# Environment: EMU_STRESS (rounds of the emulator's stress loop, default 20), MVN (default mvn).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
java_tests=1 gpu_check=0
for arg in "$@"; do
  case "$arg" in
    --no-java) java_tests=0 ;;
    --gpu-check) gpu_check=1 ;;
    *) echo "cuda-emu-test: unknown argument '$arg'" >&2; exit 2 ;;
  esac
done
build=$root/target/cuda-emu-build
out=$root/target/cuda-emu
mvn=${MVN:-mvn}
say() { echo "cuda-emu-test: $*"; }
fail() { echo "cuda-emu-test: FAILED: $*" >&2; exit 1; }

if [ -z "${JAVA_HOME:-}" ] || [ ! -f "$JAVA_HOME/include/jni.h" ]; then
  javac_path=$(command -v javac || true)
  [ -n "$javac_path" ] || fail "no JDK found (set JAVA_HOME): jni.h is needed"
  JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$javac_path")")")
  export JAVA_HOME
fi

# classes, test classes and the JNI headers (javac -h) of this checkout
say "compiling the Java sources and tests (JNI headers into target/native-headers)"
"$mvn" -B -q -DskipTests -Drfm4j.skipNative=true test-compile
[ -f target/native-headers/org_rfm4j_cuda_CudaBackend.h ] || fail "javac -h wrote no JNI headers"

say "building the emulated device into $out"
cmake -S native -B "$build" -DRFM4J_CUDA_EMULATION=ON -DCMAKE_BUILD_TYPE=Debug -DRFM4J_EMU_OUTPUT_DIR="$out" \
  -DRFM4J_JNI_HEADERS_DIR="$root/target/native-headers" -DJAVA_HOME="$JAVA_HOME" >"$build.configure.log" 2>&1 \
  || { cat "$build.configure.log" >&2; fail "cmake configure"; }
cmake --build "$build" -j "$(nproc 2>/dev/null || echo 2)" >"$build.log" 2>&1 || { tail -40 "$build.log" >&2; fail "build"; }
grep -E "warning:" "$build.log" && fail "the emulated build has compiler warnings (above)"

# the sanitizer runtimes must come first in a process that dlopens instrumented libraries; libstdc++
# too, or AddressSanitizer cannot intercept C++ exceptions thrown in a library loaded later (the JVM)
preload="$(g++ -print-file-name=libasan.so) $(g++ -print-file-name=libstdc++.so.6)"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

say "1. the emulator's own tests (${EMU_STRESS:-20} stress rounds), then three runs under ThreadSanitizer"
emu_log=$build.emulator-test.log
"$out/emu_emulator_test" "${EMU_STRESS:-20}" >"$emu_log" 2>&1 \
  || { grep -v '^ok' "$emu_log" >&2; fail "the emulator's own tests (log: $emu_log)"; }
if [ -x "$out/emu_emulator_test_tsan" ]; then
  for run in 1 2 3; do
    TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1} "$out/emu_emulator_test_tsan" 4 >"$emu_log" 2>&1 \
      || { grep -v '^ok' "$emu_log" | tail -80 >&2; fail "the emulator's own tests under ThreadSanitizer, run $run (log: $emu_log)"; }
  done
else
  say "   (this compiler has no ThreadSanitizer: those runs skipped)"
fi

say "2. the loader's library sets"
scratch=$(mktemp -d); trap 'rm -rf "$scratch"' EXIT
check_load() {  # name, expected pattern, forbidden pattern (or ''), dirs
  local name=$1 want=$2 forbid=$3 dirs=$4 got
  got=$("$out/emu_dynlib_test" "$dirs" 2>&1 || true)
  echo "$got" | grep -Eq "$want" || { echo "$got" >&2; fail "loader, $name: expected /$want/"; }
  if [ -n "$forbid" ] && echo "$got" | grep -Eq "$forbid"; then echo "$got" >&2; fail "loader, $name: found /$forbid/"; fi
  say "   ok: $name"
}
check_load "CUDA 13 set from one folder" '^ok: cuBLAS 13\.0\.0 .*cuSOLVER 12\.0\.0' 'loaded: lib(cublas|cublasLt)\.so\.12' "$out/cuda13"
check_load "CUDA 12 set from one folder" '^ok: cuBLAS 12\.0\.0 .*cuSOLVER 11\.0\.0' 'loaded: lib(cublas|cublasLt)\.so\.13' "$out/cuda12"
mkdir -p "$scratch/both" "$scratch/partial"
ln -s "$out"/cuda12/* "$out"/cuda13/* "$scratch/both/" 2>/dev/null || true
ln -s "$out/librfm4j_cudaemu.so" "$scratch/librfm4j_cudaemu.so"
check_load "both sets in one folder: the newest only" '^ok: cuBLAS 13' 'loaded: libcublas(Lt)?\.so\.12' "$scratch/both"
check_load "the first folder named wins over a newer set in a later one" '^ok: cuBLAS 12' 'loaded: libcublas(Lt)?\.so\.13' \
  "$out/cuda12:$out/cuda13"
cp "$out/cuda13/libcublas.so.13" "$out/cuda13/libcublasLt.so.13" "$scratch/partial/"
check_load "a CUDA 13 cuBLAS without its cuSOLVER: the CUDA 12 set, and no CUDA 13 library loaded" '^ok: cuBLAS 12' \
  'loaded: libcublas(Lt)?\.so\.13' "$scratch/partial:$out/cuda12"
# pip's CUDA 12 wheels: site-packages/nvidia/<library>/lib, one folder per library
for lib in cublas cusolver cusparse nvjitlink; do mkdir -p "$scratch/nvidia/$lib/lib"; done
ln -s "$out/librfm4j_cudaemu.so" "$scratch/nvidia/cublas/librfm4j_cudaemu.so"
ln -s "$out/librfm4j_cudaemu.so" "$scratch/nvidia/cusolver/librfm4j_cudaemu.so"
cp "$out/cuda12/libcublas.so.12" "$out/cuda12/libcublasLt.so.12" "$scratch/nvidia/cublas/lib/"
cp "$out/cuda12/libcusolver.so.11" "$scratch/nvidia/cusolver/lib/"
cp "$out/cuda12/libcusparse.so.12" "$scratch/nvidia/cusparse/lib/"
cp "$out/cuda12/libnvJitLink.so.12" "$scratch/nvidia/nvjitlink/lib/"
pipdirs=$(printf '%s:' "$scratch"/nvidia/*/lib); pipdirs=${pipdirs%:}
check_load "pip-style folders, one per library" '^ok: cuBLAS 12.*nvidia/cublas/lib.*nvidia/cusolver/lib' '' "$pipdirs"
check_load "nothing found: every path tried is listed" '^failed: no complete set.*' '' "$scratch/empty"

say "3. the emulated runtime's enum values"
toolkit_include=""
for top in ${CUDA_HOME:-} ${CUDA_PATH:-} /usr/local/cuda "$(dirname "$(dirname "$(readlink -f "$(command -v nvcc || echo /nonexistent/bin/nvcc)")")")"; do
  if [ -f "$top/include/cuda_runtime_api.h" ]; then toolkit_include=$top/include; break; fi
done
if [ -n "$toolkit_include" ]; then
  g++ -std=c++17 -I native/emu/include native/emu/test/enum_values.cpp -o "$scratch/enum_emu"
  g++ -std=c++17 -I "$toolkit_include" native/emu/test/enum_values.cpp -o "$scratch/enum_toolkit"
  diff <("$scratch/enum_emu") <("$scratch/enum_toolkit") || fail "the emulated runtime's enum values differ from $toolkit_include"
  say "   ok: $("$scratch/enum_emu" | wc -l) values equal those of $toolkit_include"
else
  say "   skipped: no CUDA toolkit headers here (CUDA_HOME, /usr/local/cuda, beside nvcc)"
fi

[ "$java_tests" = 1 ] || { say "done (Java tests not run: --no-java)"; exit 0; }

say "4. BackendParityTest, BackendContractTest, ConcurrentUseTest, SoakTest, org.rfm4j.cuda.* and JCudaEmulatedTest on the emulated device"
reports=target/cuda-emu-reports
rm -rf "$reports"
"$mvn" -B -Pcuda-emu -Drfm4j.emu.dir="$out" "-Drfm4j.emu.preload=$preload" \
  -Dtest='BackendParityTest,BackendContractTest,ConcurrentUseTest,SoakTest,org.rfm4j.cuda.*Test,JCudaEmulatedTest' -Drfm4j.soak.cycles=10 -Drfm4j.soak.warmup=3 -Drfm4j.concurrent.rounds=1 \
  -Dsurefire.failIfNoSpecifiedTests=false surefire:test \
  | tee "$scratch/surefire.log" | grep -E '^\[(INFO|WARNING|ERROR)\] (Tests run|Running|FAIL)|rfm4j-emu|ERROR\]   |^soak, |^concurrent use, ' || true
grep -Eq '^\[INFO\] BUILD SUCCESS' "$scratch/surefire.log" || { tail -60 "$scratch/surefire.log" >&2; fail "tests failed"; }
totals=$(grep -E '^\[(INFO|WARNING|ERROR)\] Tests run: [0-9]+, Failures' "$scratch/surefire.log" | tail -1)
echo "$totals" | grep -Eq 'Tests run: [1-9]' || fail "no test ran ($totals)"
# every parity case and every emulated-device test must have run (other CUDA tests may skip, e.g. the
# check of the real library's linkage where nvcc never built it)
for cls in org.rfm4j.spi.BackendParityTest org.rfm4j.spi.BackendContractTest org.rfm4j.spi.ConcurrentUseTest \
    org.rfm4j.spi.SoakTest org.rfm4j.cuda.CudaEmulatedDeviceTest org.rfm4j.cuda.CudaConvNtkTest \
    org.rfm4j.jcuda.JCudaEmulatedTest; do
  xml=$reports/TEST-$cls.xml
  [ -f "$xml" ] || fail "$cls did not run (no $xml)"
  skipped=$(grep -o '<testsuite [^>]*' "$xml" | grep -o 'skipped="[0-9]*"' | head -1 | tr -dc '0-9')
  tests=$(grep -o '<testsuite [^>]*' "$xml" | grep -o 'tests="[0-9]*"' | head -1 | tr -dc '0-9')
  [ "${skipped:-x}" = 0 ] || fail "$cls skipped $skipped of $tests tests on the emulated device: see $xml"
  say "   $cls: $tests run, 0 skipped"
done
say "OK: $totals"

[ "$gpu_check" = 1 ] || exit 0
say "5. scripts/gpu-check.sh on the emulated device, through the distribution"
bundle=$scratch/bundle
[ -f target/rfm4j.jar ] || "$mvn" -B -q -DskipTests -Drfm4j.skipNative=true package
scripts/dist.sh --tests --no-build --native "$out" --out "$scratch/dist/rfm4j" --archive "$bundle/.bundle/rfm4j-dist.tar.xz" \
  | tail -2
mkdir -p "$bundle/scripts"
cp scripts/gpu-check.sh scripts/cuda-libdirs.sh "$bundle/scripts/"
# the GPU machine's Python: a virtual environment with the CUDA 13 wheels' layout (no PyTorch here)
python3 -m venv "$scratch/venv" >/dev/null || fail "python3 -m venv"
site=$("$scratch/venv/bin/python3" -c 'import site; print(site.getsitepackages()[0])')
mkdir -p "$site/nvidia/cu13/lib"
cp "$out"/cuda13/*.so.* "$site/nvidia/cu13/lib/"
results=$scratch/results
(cd "$bundle" && LD_PRELOAD="$preload" OUT="$results" PYTHON="$scratch/venv/bin/python3" GPU_CHECK_EMULATED=1 \
  GPU_CHECK_SCALE=small GPU_CHECK_BUDGET=2400 GPU_CHECK_SLOWDOWN=4 bash scripts/gpu-check.sh) > "$scratch/gpu-check.out" 2>&1
echo "   gpu-check exited $?"
grep -E '^=== ' "$scratch/gpu-check.out" | sed 's/^/   /'
files=$(find "$results" -type f | wc -l)
[ -f "$results/gpu-check.tar.gz" ] || { cat "$scratch/gpu-check.out" >&2; fail "gpu-check wrote no archive"; }
[ "$files" -le 8 ] || fail "gpu-check left $files files (the GPU machine returns at most 8)"
mkdir -p "$scratch/unpacked" && tar -C "$scratch/unpacked" -xzf "$results/gpu-check.tar.gz"
u=$scratch/unpacked
grep -q "nvidia/cu13/lib/libcublas.so.13" "$u/info.txt" || { cat "$u/info.txt" >&2; fail "the cuBLAS of the mock site-packages was not found"; }
say "   ok: cuBLAS found in the mock site-packages: $(grep -o '[^ (]*nvidia/cu13/lib/libcublas.so.13' "$u/info.txt")"
grep -Eq '[1-9][0-9]* tests successful' "$u/parity.log" && grep -Eq ' 0 tests failed' "$u/parity.log" \
  || { tail -30 "$u/parity.log" >&2; fail "the parity step did not pass"; }
say "   ok: parity step: $(grep -E 'tests successful' "$u/parity.log" | tr -s ' ')"
[ -s "$u/fit.json" ] || { tail -20 "$u/fit.log" >&2; fail "the fit step wrote no report"; }
for f in device.txt ceilings.err bench-300.log bench-500.log steps.log; do
  [ -f "$u/$f" ] || fail "the archive lacks $f"
done
grep -q '"backend": "cuda"' "$u/fit.json" || fail "the fit did not run on the (emulated) CUDA backend"
grep -q '"solver": "tree"' "$u/tree.json" 2>/dev/null || { tail -20 "$u/tree.log" >&2; fail "the tree step wrote no tree report"; }
grep -q '"solver": "eigenpro"' "$u/eigenpro.json" 2>/dev/null \
  || { tail -20 "$u/eigenpro.log" >&2; fail "the EigenPro step wrote no EigenPro report"; }
grep -q '"task": "star"' "$u/convrfm-cuda/report.json" 2>/dev/null \
  || { tail -20 "$u/convrfm-cuda.log" >&2; fail "the ConvRFM step wrote no report on the (emulated) CUDA backend"; }
say "   ok: every step ran; $files file(s) came back: $(cd "$results" && ls | tr '\n' ' ')"
