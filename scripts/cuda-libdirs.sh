#!/usr/bin/env bash
# Copyright 2026 the rfm4j authors
# SPDX-License-Identifier: Apache-2.0
# Prints the folders that hold cuBLAS/cuSOLVER (and cuSPARSE, nvJitLink), ':'-separated, for
# RFM4J_CUDA_LIBDIR: the CUDA toolkits under /usr/local, then the NVIDIA wheels of the Python
# installation that has PyTorch (PyTorch's CUDA 13 wheels put them in
# <site-packages>/nvidia/cu13/lib, its CUDA 12 wheels in <site-packages>/nvidia/<library>/lib). The
# site-packages folders come from Python itself, so a virtual environment at any depth is found.
#   scripts/cuda-libdirs.sh [PYTHON...]     (default: $PYTHON, python3, /usr/bin/python3)
set -uo pipefail
names='libcublas.so.1[23]|libcusolver.so.1[12]|libcusparse.so.12|libnvJitLink.so.1[23]'
{
  for d in /usr/local/cuda*/lib64 /usr/local/cuda*/targets/*/lib; do
    [ -d "$d" ] && ls "$d" 2>/dev/null | grep -Eqx "$names" && echo "$d"
  done
  for py in "$@" ${PYTHON:-} python3 /usr/bin/python3; do
    command -v "$py" >/dev/null 2>&1 || continue
    "$py" - "$names" 2>/dev/null <<'PY'
import os, re, site, sys
wanted = re.compile(sys.argv[1])
roots = list(site.getsitepackages()) + [site.getusersitepackages()]
for root in roots:
    top = os.path.join(root, "nvidia")
    for folder, _, files in os.walk(top):
        if any(wanted.fullmatch(f) for f in files):
            print(folder)
PY
  done
} | awk 'NF && !seen[$0]++' | paste -sd: -
