#!/usr/bin/env bash
# Copyright 2026 the rfm4j authors
# SPDX-License-Identifier: Apache-2.0
# Coverage-guided fuzzing of every reader of untrusted bytes (src/test/java/org/rfm4j/io/ReadersFuzzTest.java)
# with Jazzer: each target in a JVM of its own (Jazzer fuzzes one target per JVM) for SECONDS seconds, on a
# 768 MiB heap so an allocation sized by a lying header shows up as an OutOfMemoryError finding.
#
# Usage: scripts/fuzz.sh SECONDS [TARGET ...]      (default: every target)
#        scripts/fuzz.sh --seeds                     (rewrite the seed corpus from valid files of each format)
#
# A finding (any exception but RfmException, any error) fails the target; Jazzer writes the input to
# src/test/resources/org/rfm4j/io/ReadersFuzzTestInputs/TARGET/crash-*, where the normal suite replays it
# from then on: fix the reader, keep the file (the committed corpus is the regression test). The inputs
# that grew coverage stay in .cifuzz-corpus/ (ignored by git) and seed the next run.
# Output: one line per target (runs, seconds, result) and out/fuzz/summary.tsv; full logs in out/fuzz/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
mvn=${MVN:-mvn}
targets_all=(modelFile modelFileSealed npy csv idx npmMnistDigits sklearnDigits safetensors json)
inputs=src/test/resources/org/rfm4j/io/ReadersFuzzTestInputs

if [ "${1:-}" = "--seeds" ]; then
  "$mvn" -B -q test-compile -Drfm4j.skipNative=true
  "$mvn" -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/fuzz-classpath.txt
  java --add-modules jdk.incubator.vector -cp "target/test-classes:target/classes:$(cat target/fuzz-classpath.txt)" \
    org.rfm4j.io.FuzzSeeds "$inputs"
  exit 0
fi
seconds=${1:?usage: scripts/fuzz.sh SECONDS [TARGET ...] (targets: ${targets_all[*]})}
shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${targets_all[@]}")

out=out/fuzz
mkdir -p "$out"
"$mvn" -B -q test-compile -Drfm4j.skipNative=true
printf 'target\truns\tseconds\tresult\n' > "$out/summary.tsv"
failed=0
for t in "${targets[@]}"; do
  log="$out/$t.log"
  start=$(date +%s)
  rc=0
  JAZZER_FUZZ=1 "$mvn" -B surefire:test -Drfm4j.skipNative=true -Dtest="ReadersFuzzTest#$t" \
    -Djazzer.max_duration="${seconds}s" -Djazzer.instrument='org.rfm4j.**,de.siegmar.**,com.fasterxml.**' \
    -Drfm4j.test.heap=-Xmx768m -Dsurefire.failIfNoSpecifiedTests=false > "$log" 2>&1 || rc=$?
  took=$(( $(date +%s) - start ))
  runs=$(grep -o 'Done [0-9]* runs' "$log" | tail -1 | grep -o '[0-9]*' || true)
  if [ -z "$runs" ]; then
    result="DID NOT RUN (see $log)"
    failed=1
  elif [ $rc -eq 0 ]; then
    result=clean
  else
    result="FINDING (see $log and $inputs/$t/crash-*)"
    failed=1
  fi
  printf '%s\t%s\t%s\t%s\n' "$t" "${runs:-?}" "$took" "$result" >> "$out/summary.tsv"
  printf 'fuzz %-16s %10s runs in %4ss: %s\n' "$t" "${runs:-?}" "$took" "$result"
done
exit $failed
