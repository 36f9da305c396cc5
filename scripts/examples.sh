#!/usr/bin/env bash
# Copyright 2026 the rfm4j authors
# SPDX-License-Identifier: Apache-2.0
# Builds and runs the example projects under examples/ against the installed rfm4j artifact, as a user's
# project would use it (scripts/install-core.sh first). Fails if an example fails.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
mvn=${MVN:-mvn}
bash scripts/install-core.sh
for pom in examples/*/pom.xml; do
  echo "examples: $(dirname "$pom")"
  "$mvn" -B -q -f "$pom" package exec:java
done
