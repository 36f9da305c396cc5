#!/usr/bin/env bash
# Copyright 2026 the rfm4j authors
# SPDX-License-Identifier: Apache-2.0
# Installs the core jar that `mvn -B verify` built (target/rfm4j.jar; built here first when missing) into
# the local Maven repository as org.rfm4j:rfm4j, for the projects that depend on the artifact: spark/ and
# examples/. (`mvn install` does the same with a fresh build.)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
mvn=${MVN:-mvn}
if [ ! -f target/rfm4j.jar ]; then
  echo "install-core: target/rfm4j.jar missing: building the core (mvn -DskipTests package)"
  "$mvn" -B -q -DskipTests package
fi
echo "install-core: installing target/rfm4j.jar as org.rfm4j:rfm4j in the local Maven repository"
"$mvn" -B -q install:install-file -Dfile=target/rfm4j.jar -DpomFile=pom.xml
