#!/usr/bin/env bash
# Copyright 2026 the rfm4j authors
# SPDX-License-Identifier: Apache-2.0
# Builds and tests rfm4j-spark (spark/), the RFM tree on Apache Spark. spark/ is a Maven project of its
# own that depends on the core artifact, so the core stays free of Spark: this installs the core jar that
# `mvn -B verify` built (target/rfm4j.jar; built here first when missing) into the local Maven
# repository, then runs `mvn -B verify` in spark/ (its tests start Spark in local[2] mode).
# Result: spark/target/rfm4j-spark.jar, and spark/target/lib/ with the core jar for --jars.
# Usage: scripts/spark-build.sh [-DskipTests]   (extra arguments go to the spark/ build)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
mvn=${MVN:-mvn}
bash scripts/install-core.sh
echo "spark-build: building and testing spark/"
"$mvn" -B -f spark/pom.xml verify "$@"
ls -l spark/target/rfm4j-spark.jar
