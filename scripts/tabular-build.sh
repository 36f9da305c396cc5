#!/usr/bin/env bash
# Copyright 2026 the rfm4j authors
# SPDX-License-Identifier: Apache-2.0
# Builds and tests rfm4j-tabular (tabular/), the tabular benchmark with its baselines (XGBoost4J, Tribuo).
# tabular/ is a Maven project of its own that depends on the core artifact, so the core jar carries neither
# XGBoost's native library nor a Scala runtime: this installs the core jar that `mvn -B verify` built
# (target/rfm4j.jar; built here first when missing) into the local Maven repository, then runs
# `mvn -B verify` in tabular/ (its tests run a reduced --quick benchmark on data/tabular, written by
# scripts/install-data.sh; without those files the data tests skip).
# Result: tabular/target/rfm4j-tabular.jar with tabular/target/lib/; run it with scripts/tabular.sh.
# Usage: scripts/tabular-build.sh [-DskipTests]   (extra arguments go to the tabular/ build)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
mvn=${MVN:-mvn}
bash scripts/install-core.sh
echo "tabular-build: building and testing tabular/"
"$mvn" -B -f tabular/pom.xml verify "$@"
ls -l tabular/target/rfm4j-tabular.jar
