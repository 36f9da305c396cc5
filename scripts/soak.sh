#!/usr/bin/env bash
# Copyright 2026 the rfm4j authors
# SPDX-License-Identifier: Apache-2.0
# Soak: CYCLES fit/predict/save/load cycles in one JVM on every backend present (SoakTest), with the heap
# after a full GC and the backend's free memory printed after the warm-up and at the end, and held to the
# bounds SoakTest states (heap +16 MiB, device memory -8 MiB).
# Usage: scripts/soak.sh [CYCLES]   (default 1000; the normal suite runs 120)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
mvn=${MVN:-mvn}
cycles=${1:-1000}
mkdir -p out
"$mvn" -B -q test-compile -Drfm4j.skipNative=true
"$mvn" -B surefire:test -Drfm4j.skipNative=true -Dtest=SoakTest -Drfm4j.soak.cycles="$cycles" \
  -Dsurefire.failIfNoSpecifiedTests=false > out/soak.log 2>&1 || { tail -40 out/soak.log >&2; exit 1; }
grep '^soak, ' out/soak.log
grep -E 'Tests run: [0-9]+, Failures: 0, Errors: 0' out/soak.log | tail -1
