#!/usr/bin/env bash
# Copyright 2026 the rfm4j authors
# SPDX-License-Identifier: Apache-2.0
# Builds rfm4j's self-contained distribution: one folder with its own Java runtime, to copy to a
# machine that has no Java (a GPU server without Docker, or the lent GPU machine of the developers).
#
#   scripts/dist.sh [--tests] [--native DIR] [--out DIR] [--archive FILE] [--no-build]
#
#   OUT/bin/rfm         the launcher: `OUT/bin/rfm info`, `OUT/bin/rfm fit ...` (as ./rfm, no build)
#   OUT/runtime/        a jlink runtime: java.base, java.logging, java.management, java.xml,
#                       jdk.unsupported, java.desktop (plots) and jdk.incubator.vector (fast CPU kernels)
#   OUT/lib/rfm4j.jar   the release jar (it also holds the CUDA library when nvcc built one)
#   OUT/native/         librfm4j_cuda.so, loaded before the jar's copy (-Drfm4j.native.dir)
#   with --tests:       OUT/bin/rfm-tests (JUnit console: `OUT/bin/rfm-tests --select-class X`),
#                       OUT/lib/test-classes, OUT/lib/junit-console.jar, and the bench peers in OUT/bench/
#
# --native DIR   take the native library folder from DIR instead of the build (e.g. target/cuda-emu, the
#                emulated device, which the tests use; it never passes for a GPU: see docs/BENCHMARKS.md)
# --out DIR      default target/dist/rfm4j
# --archive FILE also pack OUT into FILE (.tar.xz), e.g. .bundle/rfm4j-dist.tar.xz for the GPU machine
# --no-build     use target/ as it is (default: mvn -B -q -DskipTests package first)
# Environment: JAVA_HOME (a JDK with jmods, for jlink), MVN (default mvn).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
tests=0 native="" out=$root/target/dist/rfm4j archive="" build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --tests) tests=1 ;;
    --native) native=$(cd "$2" && pwd); shift ;;
    --out) out=$2; shift ;;
    --archive) archive=$2; shift ;;
    --no-build) build=0 ;;
    -h|--help) sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "dist.sh: unknown argument '$1' (see scripts/dist.sh --help)" >&2; exit 2 ;;
  esac
  shift
done
fail() { echo "dist.sh: FAILED: $*" >&2; exit 1; }
mvn=${MVN:-mvn}
if [ -z "${JAVA_HOME:-}" ] || [ ! -d "$JAVA_HOME/jmods" ]; then
  javac_path=$(command -v javac || true)
  [ -n "$javac_path" ] || fail "no JDK found: set JAVA_HOME to a JDK 17 with jmods (jlink needs them)"
  JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$javac_path")")")
fi
[ -d "$JAVA_HOME/jmods" ] || fail "$JAVA_HOME has no jmods folder: jlink needs a full JDK"

if [ "$build" = 1 ]; then
  echo "dist.sh: building (mvn -DskipTests package)"
  "$mvn" -B -q -DskipTests package
  [ "$tests" = 1 ] && "$mvn" -B -q -DskipTests -Drfm4j.skipNative=true test-compile
fi
[ -f target/rfm4j.jar ] || fail "target/rfm4j.jar is missing: build first (mvn -DskipTests package)"
[ "$tests" = 0 ] || [ -d target/test-classes ] || fail "target/test-classes is missing: mvn test-compile first"

rm -rf "$out"
mkdir -p "$out/bin" "$out/lib" "$out/native"

# 1. the runtime (cached per JDK and module list: jlink takes a while)
modules=java.base,java.logging,java.management,java.xml,jdk.unsupported,java.desktop,jdk.incubator.vector
jdk_id=$("$JAVA_HOME/bin/java" -version 2>&1 | head -1 | tr -dc '0-9._')
cache=${XDG_CACHE_HOME:-$HOME/.cache}/rfm4j/jlink-$jdk_id-$(echo "$modules" | md5sum | cut -c1-8)
if [ ! -x "$cache/bin/java" ]; then
  echo "dist.sh: jlink ($modules)"
  rm -rf "$cache.part"; mkdir -p "$(dirname "$cache")"
  "$JAVA_HOME/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress=2 \
    --output "$cache.part" >/dev/null
  rm -rf "$cache"; mv "$cache.part" "$cache"
fi
cp -a "$cache" "$out/runtime"

# 2. the release jar and the native library
cp target/rfm4j.jar "$out/lib/rfm4j.jar"
if [ -n "$native" ]; then
  cp -a "$native"/. "$out/native/"
  rm -f "$out/native/emu_"*  # the emulator's own test programs
elif [ -f target/classes/native/linux-x86_64/librfm4j_cuda.so ]; then
  cp target/classes/native/linux-x86_64/librfm4j_cuda.so "$out/native/"
fi

cat > "$out/bin/rfm" <<'EOF'
#!/usr/bin/env bash
# rfm4j's command line from this distribution (its own Java runtime; no Maven, no build).
# Environment: RFM_JAVA_OPTS (JVM options; default -Xmx of 3/4 of the RAM and transparent huge pages
# where the kernel offers them).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [ -z "${RFM_JAVA_OPTS:-}" ]; then
  mem_kb=$(awk '/MemTotal/ {print $2}' /proc/meminfo 2>/dev/null || echo 0)
  if [ "$mem_kb" -gt 0 ]; then RFM_JAVA_OPTS="-Xmx$((mem_kb * 3 / 4 / 1024))m"; else RFM_JAVA_OPTS=""; fi
  # Transparent huge pages for the heap where the kernel offers them: a fresh n x n kernel matrix then
  # faults in 2 MB pages instead of 4 KB ones (the n = 8000 kernel phase 0.2-0.3 s instead of up to 1.4 s).
  case "$(cat /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null)" in
    *"[madvise]"*|*"[always]"*) RFM_JAVA_OPTS="$RFM_JAVA_OPTS -XX:+UseTransparentHugePages" ;;
  esac
fi
native=()
[ -f "$here/native/librfm4j_cuda.so" ] && native=(-Drfm4j.native.dir="$here/native")
# shellcheck disable=SC2086
exec "$here/runtime/bin/java" $RFM_JAVA_OPTS --add-modules jdk.incubator.vector -Djava.awt.headless=true \
  "${native[@]}" -cp "$here/lib/rfm4j.jar" org.rfm4j.cli.RfmCli "$@"
EOF
chmod +x "$out/bin/rfm"

# 3. the tests, for a GPU machine
if [ "$tests" = 1 ]; then
  cp -a target/test-classes "$out/lib/test-classes"
  console=org.junit.platform:junit-platform-console-standalone:1.14.1
  "$mvn" -B -q dependency:copy -Dartifact="$console" -DoutputDirectory="$out/lib" -Dmdep.stripVersion=true
  mv "$out/lib/junit-platform-console-standalone.jar" "$out/lib/junit-console.jar"
  mkdir -p "$out/bench"
  cp -a bench/peers "$out/bench/peers"
  cat > "$out/bin/rfm-tests" <<'EOF'
#!/usr/bin/env bash
# rfm4j's tests from this distribution: the JUnit console, e.g.
#   bin/rfm-tests --select-class org.rfm4j.spi.BackendParityTest --reports-dir OUT/junit
# Environment: RFM_JAVA_OPTS (extra JVM options, e.g. -Drfm4j.cuda.libdir=DIR).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
native=()
[ -f "$here/native/librfm4j_cuda.so" ] && native=(-Drfm4j.native.dir="$here/native")
# shellcheck disable=SC2086
exec "$here/runtime/bin/java" -Xmx8g ${RFM_JAVA_OPTS:-} --add-modules jdk.incubator.vector -Djava.awt.headless=true \
  "${native[@]}" -jar "$here/lib/junit-console.jar" execute \
  --class-path "$here/lib/test-classes:$here/lib/rfm4j.jar" --disable-banner --details=summary --details-theme=ascii "$@"
EOF
  chmod +x "$out/bin/rfm-tests"
fi

"$out/bin/rfm" --version >/dev/null || fail "$out/bin/rfm does not run"
echo "dist.sh: $out ($(du -sh "$out" | cut -f1))"
if [ -n "$archive" ]; then
  mkdir -p "$(dirname "$archive")"
  tar -C "$(dirname "$out")" -cJf "$archive.part" "$(basename "$out")" && mv "$archive.part" "$archive"
  echo "dist.sh: $archive ($(du -h "$archive" | cut -f1))"
fi
