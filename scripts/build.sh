#!/usr/bin/env bash
# Copyright 2026 the rfm4j authors
# SPDX-License-Identifier: Apache-2.0
# The one build of rfm4j's release jar, shared by CI (.ci/run), the Docker image (docker/Dockerfile)
# and the README:
#
#   scripts/build.sh                 mvn -B verify: builds (the native CUDA library too, when nvcc
#                                    exists), runs every test, packages target/rfm4j.jar
#   scripts/build.sh --skip-tests    mvn -B -DskipTests verify (the Docker image's build stage)
#   scripts/build.sh --check-only    no build: only the checks below, on the jar already built
#   scripts/build.sh [...] -- ARGS   extra Maven arguments
#
# Then checks target/rfm4j.jar, the self-contained release jar (maven-shade-plugin in pom.xml):
#   - its manifest names the CLI's main class, and it carries picocli, EJML and XChart but no test code;
#   - it holds native/linux-x86_64/librfm4j_cuda.so whenever nvcc and cmake exist here (found as
#     scripts/build-native.sh finds them), and then the library needs no CUDA shared library;
#   - `java -jar target/rfm4j.jar info` runs and names the CUDA backend's state (unavailable, with
#     the reason, on a machine without a GPU).
# Environment: RFM4J_REQUIRE_NATIVE=1 fails the build when nvcc or cmake is missing (the image sets
# it); NVCC as in build-native.sh; MVN (default: mvn); JAVA (default: $JAVA_HOME/bin/java, else java).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

skip_tests=0 check_only=0 mvn_extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --skip-tests) skip_tests=1 ;;
    --check-only) check_only=1 ;;
    --) shift; mvn_extra=("$@"); break ;;
    -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "build.sh: unknown argument '$1' (see scripts/build.sh --help)" >&2; exit 2 ;;
  esac
  shift
done

fail() { echo "build.sh: FAILED: $*" >&2; exit 1; }

if [ "$check_only" = 0 ]; then
  mvn_cmd=("${MVN:-mvn}" -B)
  [ "$skip_tests" = 1 ] && mvn_cmd+=(-DskipTests)
  mvn_cmd+=("${mvn_extra[@]}" verify)
  echo "build.sh: ${mvn_cmd[*]}"
  "${mvn_cmd[@]}"
fi

jar=target/rfm4j.jar
lib=native/linux-x86_64/librfm4j_cuda.so
[ -f "$jar" ] || fail "$jar was not built"
if [ "$check_only" = 0 ]; then # verify also makes the library's sources and javadoc jars
  for extra in target/rfm4j-sources.jar target/rfm4j-javadoc.jar; do
    [ -s "$extra" ] || fail "$extra was not built (maven-source-plugin / maven-javadoc-plugin in pom.xml)"
  done
fi
if [ -n "${JAVA:-}" ]; then java=$JAVA
elif [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then java=$JAVA_HOME/bin/java
else java=java; fi

# the JDK's jar tool (no unzip in the CUDA images)
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/jar" ]; then jartool=$JAVA_HOME/bin/jar
else jartool=$(command -v jar || true); fi
[ -n "$jartool" ] || fail "no jar tool (a JDK is needed: set JAVA_HOME)"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
listing=$work/listing
"$jartool" tf "$jar" >"$listing" || fail "cannot list $jar"
(cd "$work" && "$jartool" xf "$root/$jar" META-INF/MANIFEST.MF "$lib") || fail "cannot unpack $jar"

# 1. a runnable, self-contained jar
tr -d '\r' <"$work/META-INF/MANIFEST.MF" | grep -qx 'Main-Class: org.rfm4j.cli.RfmCli' \
  || fail "$jar: the manifest has no 'Main-Class: org.rfm4j.cli.RfmCli'"
for cls in org/rfm4j/cli/RfmCli.class picocli/CommandLine.class org/ejml/data/DMatrixRMaj.class \
           org/knowm/xchart/XYChart.class; do
  grep -qx "$cls" "$listing" || fail "$jar lacks $cls (is the maven-shade-plugin step in pom.xml?)"
done
if grep -Eq '^(org/junit/|org/opentest4j/|org/apiguardian/)|Test\.class$' "$listing"; then
  fail "$jar carries test code: $(grep -E '^(org/junit/|org/opentest4j/)|Test\.class$' "$listing" | head -3 | tr '\n' ' ')"
fi
# Apache-2.0 code only: XChart's LGPL vector-export dependency (and PDFBox) stay out (docs/DEPENDENCIES.md)
if grep -Eq '^(de/erichseifert/|org/apache/pdfbox/|de/rototor/)' "$listing"; then
  fail "$jar carries VectorGraphics2D or PDFBox: keep XChart's exclusions in pom.xml"
fi

# 2. the native library, whenever this machine can build it
nvcc=${NVCC:-$(command -v nvcc || true)}
if [ -z "$nvcc" ] && [ -x /usr/local/cuda/bin/nvcc ]; then nvcc=/usr/local/cuda/bin/nvcc; fi
skip_native=0
for a in "${mvn_extra[@]}"; do case "$a" in -Drfm4j.skipNative=true|-Drfm4j.skipNative) skip_native=1 ;; esac; done
if grep -qx "$lib" "$listing"; then
  needed=$(readelf -d "$work/$lib" 2>/dev/null | awk '/NEEDED/ {gsub(/[][]/, "", $5); print $5}' | paste -sd' ' -)
  case " $needed " in
    *" libcudart"*|*" libcublas"*|*" libcusolver"*) fail "$lib links CUDA shared libraries ($needed): the runtime must be static, cuBLAS/cuSOLVER dlopen'd" ;;
  esac
  echo "build.sh: $jar holds $lib (needs: ${needed:-?})"
elif [ "$skip_native" = 0 ] && [ -n "$nvcc" ] && command -v cmake >/dev/null 2>&1 && [ "$(uname -sm)" = "Linux x86_64" ]; then
  fail "nvcc ($nvcc) and cmake exist here, but $jar lacks $lib"
elif [ "${RFM4J_REQUIRE_NATIVE:-0}" = 1 ]; then
  fail "RFM4J_REQUIRE_NATIVE=1, but $jar lacks $lib"
else
  echo "build.sh: $jar is CPU-only (no nvcc/cmake here, or -Drfm4j.skipNative=true)"
fi

# 3. it runs, and says what the CUDA backend is doing
out=$("$java" -Djava.awt.headless=true -jar "$jar" info 2>&1) || { echo "$out" >&2; fail "java -jar $jar info exited non-zero"; }
echo "$out"
echo "$out" | grep -Eq '^ *cuda +(available|unavailable: .+)' || fail "java -jar $jar info names no state for the cuda backend"
echo "build.sh: OK: $jar ($(du -k "$jar" | cut -f1) KiB, $(wc -l <"$listing") entries)"
