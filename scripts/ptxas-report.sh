#!/usr/bin/env bash
# Copyright 2026 the rfm4j authors
# SPDX-License-Identifier: Apache-2.0
# Resource usage of every rfm4j CUDA kernel at sm_90, as ptxas reports it: registers, shared memory,
# stack frame and spills, and the block size each kernel is bounded to (__launch_bounds__, read from
# the PTX). Fails when a kernel spills to local memory, lacks launch bounds, needs more registers
# than a block of its size can have (65536 per block) or more than 48 KiB of static shared memory.
#   scripts/ptxas-report.sh [ARCH]     (default sm_90; needs nvcc; CI prints this table)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
arch=${1:-sm_90}
nvcc=${NVCC:-$(command -v nvcc || true)}
if [ -z "$nvcc" ] && [ -x /usr/local/cuda/bin/nvcc ]; then nvcc=/usr/local/cuda/bin/nvcc; fi
[ -n "$nvcc" ] || { echo "ptxas-report: nvcc not found: nothing to report" >&2; exit 0; }
ptxas=""
for candidate in "$(dirname "$(readlink -f "$nvcc")")/ptxas" ${CUDA_HOME:+"$CUDA_HOME/bin/ptxas"} /usr/local/cuda/bin/ptxas \
                 "$(command -v ptxas || true)"; do
  if [ -x "$candidate" ]; then ptxas=$candidate; break; fi
done
[ -n "$ptxas" ] || { echo "ptxas-report: ptxas not found (beside $nvcc, CUDA_HOME, /usr/local/cuda/bin, PATH)" >&2; exit 1; }
filt=$(command -v c++filt || echo cat)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
flags=(-std=c++17 -arch="$arch" -I"$root/native/include" -I"$root/native/src" -I"$root/native/src/kernels")
for cu in "$root"/native/src/kernels/*.cu; do
  base=$(basename "$cu" .cu)
  # one PTX for both the launch bounds and ptxas: anonymous-namespace names differ between compilations
  "$nvcc" "${flags[@]}" -ptx "$cu" -o "$work/$base.ptx"
  "$ptxas" -v -arch="$arch" "$work/$base.ptx" -o "$work/$base.cubin" >"$work/$base.ptxas" 2>&1
done
ARCH=$arch python3 - "$work" "$filt" <<'PY'
import glob, os, re, subprocess, sys
work, filt = sys.argv[1], sys.argv[2]
bounds = {}
for ptx in glob.glob(os.path.join(work, "*.ptx")):
    text = open(ptx).read()
    for m in re.finditer(r"\.entry\s+(\S+)\s*\((.*?)\)\s*((?:\.\w+[^{]*?)*)\{", text, re.S):
        mx = re.search(r"\.maxntid\s+(\d+),\s*(\d+),\s*(\d+)", m.group(3))
        bounds[m.group(1)] = int(mx.group(1)) * int(mx.group(2)) * int(mx.group(3)) if mx else None
rows, problems = [], []
for log in sorted(glob.glob(os.path.join(work, "*.ptxas"))):
    name = None
    for line in open(log):
        m = re.search(r"Compiling entry function '([^']+)'", line)
        if m:
            name = m.group(1)
            rec = {"name": name, "stack": 0, "spill": 0, "regs": 0, "smem": 0}
            rows.append(rec)
            continue
        m = re.search(r"(\d+) bytes stack frame, (\d+) bytes spill stores, (\d+) bytes spill loads", line)
        if m and name:
            rec["stack"], rec["spill"] = int(m.group(1)), int(m.group(2)) + int(m.group(3))
        m = re.search(r"Used (\d+) registers.*?(?:(\d+) bytes smem)?$", line.strip())
        if m and name:
            rec["regs"], rec["smem"] = int(m.group(1)), int(m.group(2) or 0)
def pretty(mangled):
    if filt == "cat":
        return mangled
    out = subprocess.run([filt, mangled], capture_output=True, text=True).stdout.strip()
    out = re.sub(r"rfm4j::kernels::\(anonymous namespace\)::", "", out)
    return re.sub(r"\(.*\)$", "", out)
print("%-52s %5s %7s %6s %6s %6s %6s" % ("kernel", "regs", "threads", "regs*t", "smem", "stack", "spills"))
for r in rows:
    t = bounds.get(r["name"])
    total = r["regs"] * t if t else None
    print("%-52s %5d %7s %6s %6d %6d %6d" % (pretty(r["name"])[:52], r["regs"], t or "-", total or "-",
                                           r["smem"], r["stack"], r["spill"]))
    if r["spill"] > 0:
        problems.append("%s spills %d bytes to local memory" % (pretty(r["name"]), r["spill"]))
    if t is None:
        problems.append("%s has no __launch_bounds__" % pretty(r["name"]))
    elif total > 65536:
        problems.append("%s needs %d registers x %d threads > 65536" % (pretty(r["name"]), r["regs"], t))
    if r["smem"] > 48 * 1024:
        problems.append("%s uses %d bytes of static shared memory > 48 KiB" % (pretty(r["name"]), r["smem"]))
print("%d kernels (ptxas, %s)" % (len(rows), os.environ.get("ARCH", "")))
if not rows:
    problems.append("ptxas reported no kernel")
for p in problems:
    print("ptxas-report: FAILED: " + p, file=sys.stderr)
sys.exit(1 if problems else 0)
PY
