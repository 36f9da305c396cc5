#!/usr/bin/env bash
# Copyright 2026 the rfm4j authors
# SPDX-License-Identifier: Apache-2.0
# Lints docker/Dockerfile with dockerfile-utils (the Dockerfile linter of the VS Code Docker language
# server), pinned in docker/lint/package-lock.json and installed by npm into target/dockerfile-lint
# on first use. Any error or warning fails. DockerfileTest (mvn verify) checks what the image is made
# of; this checks the syntax. No Docker engine is needed.
#   scripts/lint-dockerfile.sh [DOCKERFILE]      (default docker/Dockerfile)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
file=${1:-$root/docker/Dockerfile}
command -v npm >/dev/null 2>&1 || { echo "lint-dockerfile.sh: npm not found: install Node.js and npm (apt-get install npm)" >&2; exit 1; }
dir=$root/target/dockerfile-lint
if ! cmp -s "$root/docker/lint/package-lock.json" "$dir/package-lock.json" || [ ! -x "$dir/node_modules/.bin/dockerfile-utils" ]; then
  rm -rf "$dir" && mkdir -p "$dir"
  cp "$root/docker/lint/package.json" "$root/docker/lint/package-lock.json" "$dir/"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
out=$("$dir/node_modules/.bin/dockerfile-utils" lint "$file" 2>&1) || { echo "$out" >&2; echo "lint-dockerfile.sh: FAILED: $file" >&2; exit 1; }
if [ -n "$out" ]; then echo "$out" >&2; echo "lint-dockerfile.sh: FAILED: $file has warnings" >&2; exit 1; fi
echo "lint-dockerfile.sh: $file: no errors or warnings (dockerfile-utils $(node -p "require('$dir/node_modules/dockerfile-utils/package.json').version"))"
