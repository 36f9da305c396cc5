#!/usr/bin/env bash
# Copyright 2026 the rfm4j authors
# SPDX-License-Identifier: Apache-2.0
# Runs the tabular benchmark (rfm4j-tabular): RFM, Laplace kernel ridge, XGBoost and a random forest on every
# data set under the protocol of spec/EXPERIMENTS.md section 5, writing report.json, results.csv, table.md and
# ranks.png to --out (default out/tabular). Builds tabular/ first when its jar is missing (scripts/tabular-build.sh
# -DskipTests); the data come from scripts/install-data.sh.
#   scripts/tabular.sh                         the full run (all data sets; under an hour on 2 cores)
#   scripts/tabular.sh --quick --out out/q     the quick subset (tests, CI)
#   scripts/tabular.sh --list                  the data sets with source and licence
#   scripts/tabular.sh --help                  every option
# RFM4J_JAVA_OPTS adds JVM options (default -Xmx6g). RFM4J_TABULAR_JAR runs another copy of the jar (a copy
# with its lib/ beside it, so that a rebuild during a long run does not change the jar under the running JVM).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
jar=${RFM4J_TABULAR_JAR:-tabular/target/rfm4j-tabular.jar}
if [ ! -f "$jar" ] && [ -z "${RFM4J_TABULAR_JAR:-}" ]; then
  bash scripts/tabular-build.sh -DskipTests -q
fi
# XGBoost's OpenMP threads wait passively (spinning threads starve the JVM's on a shared machine)
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-PASSIVE}
# shellcheck disable=SC2086
exec java ${RFM4J_JAVA_OPTS:--Xmx6g} --add-modules jdk.incubator.vector -jar "$jar" "$@"
