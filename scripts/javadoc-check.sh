#!/usr/bin/env bash
# Copyright 2026 the rfm4j authors
# SPDX-License-Identifier: Apache-2.0
# Checks that rfm4j's public API is documented: runs the javadoc tool with -Xdoclint:all over
# src/main/java and fails when any public or protected type, constructor, method, field or record
# component in the packages org.rfm4j (root files only), org.rfm4j.api, org.rfm4j.data, org.rfm4j.spi
# or org.rfm4j.io has no doc comment ("warning: no comment"). Other doclint warnings ("no @param",
# "no @return", ...) and the other packages are counted but not checked.
#
#   scripts/javadoc-check.sh
#
# The dependency classpath comes from `mvn dependency:build-classpath`, offline first, then online.
# Environment: MVN (default: mvn); JAVADOC (default: $JAVA_HOME/bin/javadoc, else javadoc on PATH);
# RFM4J_JAVADOC_CP, a classpath to use instead of asking Maven.
# Exit status: 0 when every public type and member in scope has a comment, 1 when some lack one
# (the offending lines are printed), 2 when the classpath or the javadoc run itself fails.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

mvn=${MVN:-mvn}
if [ -n "${JAVADOC:-}" ]; then
  javadoc=$JAVADOC
elif [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javadoc" ]; then
  javadoc=$JAVA_HOME/bin/javadoc
else
  javadoc=javadoc
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/rfm4j-javadoc-check.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# Source files of the checked packages: the root package's own files, and api, data, spi, io.
scope='^src/main/java/org/rfm4j/((api|data|spi|io)/|[A-Za-z0-9_]+\.java:)'

if [ -n "${RFM4J_JAVADOC_CP:-}" ]; then
  cp=$RFM4J_JAVADOC_CP
else
  if ! "$mvn" -q -B -o dependency:build-classpath -Dmdep.outputFile="$tmp/cp.txt" >"$tmp/mvn.log" 2>&1; then
    if ! "$mvn" -q -B dependency:build-classpath -Dmdep.outputFile="$tmp/cp.txt" >"$tmp/mvn.log" 2>&1; then
      echo "javadoc-check: cannot compute the classpath with $mvn dependency:build-classpath:" >&2
      cat "$tmp/mvn.log" >&2
      exit 2
    fi
  fi
  cp=$(cat "$tmp/cp.txt")
fi

status=0
"$javadoc" -Xdoclint:all -Xmaxwarns 100000 -quiet --add-modules jdk.incubator.vector -d "$tmp/out" \
  -cp "$cp" -sourcepath src/main/java -subpackages org.rfm4j >"$tmp/javadoc.log" 2>&1 || status=$?
if [ "$status" -ne 0 ]; then
  echo "javadoc-check: javadoc failed (exit $status):" >&2
  grep -E ': error: |^error: ' "$tmp/javadoc.log" >&2 || tail -n 40 "$tmp/javadoc.log" >&2
  exit 2
fi

missing=$(grep -E ': warning: no comment$' "$tmp/javadoc.log" | grep -E "$scope" | sort -t: -k1,1 -k2,2n || true)
all_warnings=$(grep -cE ': warning: ' "$tmp/javadoc.log" || true)
if [ -n "$missing" ]; then
  count=$(printf '%s\n' "$missing" | wc -l | tr -d ' ')
  echo "javadoc-check: $count public type(s) or member(s) in org.rfm4j, api, data, spi, io have no doc comment:" >&2
  # each warning with the source line javadoc quotes under it
  printf '%s\n' "$missing" | while IFS=: read -r file line _; do
    printf '%s:%s: %s\n' "$file" "$line" "$(sed -n "${line}p" "$file" | sed 's/^[[:space:]]*//')" >&2
  done
  exit 1
fi
echo "javadoc-check: public API (org.rfm4j, api, data, spi, io): every public type and member has a comment" \
  "($all_warnings doc warnings elsewhere / of other kinds not checked)"
