#!/usr/bin/env bash
# The whole GPU check (issues 3 and 6) in one device call, from the bundle made here by
#   mvn -q -DskipTests package && mvn -q test-compile && ../shared/device/bundle.sh
# and run on the device machine with the bundle carried:
#   bash scripts/gpu-check.sh            (OUT=folder for results; the device tool sets it)
# Steps, each logged to $OUT: 1. card, driver, CUDA libraries; 2. the backend-parity suite on the
# GPU, both precisions; 3. the ceilings (cuBLAS GEMM, cuSOLVER potrf at n = 20000, PyTorch);
# 4. a fit at n = 20000, d = 100; 5. rfm bench for n = 10000, 20000, 50000, d = 100, c = 10,
# float32 and float64, with the PyTorch peer on CUDA in the same run. Plots are drawn back home:
#   java -cp target/rfm4j.jar org.rfm4j.bench.BenchPlots OUT/bench
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${OUT:-$root/gpu-out}
mkdir -p "$out"
py=$(command -v python3)
step() { echo "=== $* ($(date -u +%H:%M:%S))" | tee -a "$out/steps.log"; }

step "1. device"
{ nvidia-smi; nvidia-smi --query-gpu=name,driver_version,memory.total,compute_cap --format=csv;
  "$py" -c 'import torch; print("torch", torch.__version__, "cuda", torch.version.cuda)'; } > "$out/device.txt" 2>&1
cat "$out/device.txt" | head -30

step "2. parity suite"
OUT="$out" timeout 180 bash "$root/scripts/gpu-parity.sh" > "$out/parity.log" 2>&1
tail -25 "$out/parity.log"
"$root/.bundle/run" java org.rfm4j.cli.RfmCli info > "$out/info.txt" 2>&1; cat "$out/info.txt"

step "3. ceilings"
timeout 90 "$py" "$root/bench/peers/gpu_ceilings.py" --n 20000 --repeats 3 > "$out/ceilings.json" 2> "$out/ceilings.err"
cat "$out/ceilings.json"

step "4. fit n = 20000, d = 100"
timeout 90 "$root/.bundle/run" java -Xmx24g org.rfm4j.cli.RfmCli fit --data builtin:lowrank:n=20000,d=100 --backend cuda \
  --seed 0 --report-json "$out/fit-20000.json" > "$out/fit-20000.log" 2>&1
tail -12 "$out/fit-20000.log"

step "5. bench"
timeout 200 "$root/.bundle/run" java -Xmx48g org.rfm4j.cli.RfmCli bench --n 10000,20000,50000 --d 100 --c 10 \
  --kernels laplace --precisions float32,float64 --backends cuda --peers torch --python "$py" \
  --peers-dir "$root/bench/peers" --repeats 3 --no-plots --out "$out/bench" > "$out/bench.log" 2>&1
tail -30 "$out/bench.log"
step "done"
