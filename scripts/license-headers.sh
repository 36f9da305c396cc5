#!/usr/bin/env bash
# Copyright 2026 the rfm4j authors
# SPDX-License-Identifier: Apache-2.0
# The Apache-2.0 header (two lines: copyright, SPDX identifier) on every source file we wrote:
# Java, C/C++/CUDA, CMake, shell and Python.
#   scripts/license-headers.sh          check: lists the files without it, exit 1 if any
#   scripts/license-headers.sh --fix    adds it where missing (after a #! line, which must stay first)
# Files copied from elsewhere keep their own notices and are not ours to stamp: none in the tree today;
# list them in SKIP when one arrives.
set -euo pipefail
cd "$(dirname "$0")/.."
COPYRIGHT="Copyright 2026 the rfm4j authors"
SPDX="SPDX-License-Identifier: Apache-2.0"
SKIP='^(src/test/resources/|docs/|data/)'
fix=0
[ "${1:-}" = --fix ] && fix=1

comment_of() {  # the line-comment marker for a file, or nothing when the file is not source
  case "$1" in
    *.java|*.c|*.cc|*.cpp|*.cu|*.cuh|*.h|*.hpp) echo "//" ;;
    *.sh|*.py|*.R|*.cmake|*/CMakeLists.txt|CMakeLists.txt|*.toml) echo "#" ;;
    .ci/run|rfm|docker/rfm|scripts/*) [ "$(head -c 2 "$1")" = "#!" ] && echo "#" ;;
  esac
}

missing=0
while IFS= read -r f; do
  [[ "$f" =~ $SKIP ]] && continue
  [ -f "$f" ] || continue
  c=$(comment_of "$f")
  [ -n "$c" ] || continue
  head -5 "$f" | grep -q "$SPDX" && continue
  if [ "$fix" = 1 ]; then
    tmp=$(mktemp)
    if [ "$(head -c 2 "$f")" = "#!" ]; then
      { head -1 "$f"; echo "$c $COPYRIGHT"; echo "$c $SPDX"; tail -n +2 "$f"; } > "$tmp"
    else
      { echo "$c $COPYRIGHT"; echo "$c $SPDX"; echo; cat "$f"; } > "$tmp"
    fi
    chmod --reference="$f" "$tmp" && mv "$tmp" "$f"
    echo "license-headers: added to $f"
  else
    echo "license-headers: no Apache-2.0 header in $f (run scripts/license-headers.sh --fix)"
    missing=$((missing + 1))
  fi
done < <(git ls-files --cached --others --exclude-standard)
[ "$fix" = 1 ] || [ "$missing" = 0 ] || exit 1
[ "$fix" = 1 ] || echo "license-headers: every source file carries the Apache-2.0 header"
