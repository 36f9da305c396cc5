#!/usr/bin/env bash
# Copyright 2026 the rfm4j authors
# SPDX-License-Identifier: Apache-2.0
# A Spark standalone cluster on loopback (one master, two workers) on this machine, an RFM tree fitted
# on it from CSV files, and the single-machine tree (`rfm fit --solver tree`) on the same rows with the
# same parameters, one after the other; prints both test MSEs and times. Spark comes from Maven Central
# (spark/pom.xml's provided dependencies, copied into a SPARK_HOME of its own): no download at run time
# beyond Maven's, nothing installed system-wide.
# Usage: scripts/spark-cluster.sh [--rows N] [--d D] [--leaf-size L] [--iterations T] [--seed S]
#                                 [--driver-sample-rows N] [--worker-memory M] [--out DIR] [--no-single]
# Defaults: 1,000,000 rows of builtin:lowrank (d = 20), leaf size 4000, 2 iterations, 4g per worker,
# results in out/spark-cluster (data/, logs/, model.rfm, summary.txt). Needs scripts/spark-build.sh first
# (it runs it when spark/target/rfm4j-spark.jar is missing).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
rows=1000000 d=20 leaf=4000 iterations=2 wmem=4g out=out/spark-cluster single=1 seed=0 driver_rows=200000
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows=$2; shift ;;
    --d) d=$2; shift ;;
    --leaf-size) leaf=$2; shift ;;
    --iterations) iterations=$2; shift ;;
    --seed) seed=$2; shift ;;
    --driver-sample-rows) driver_rows=$2; shift ;;
    --worker-memory) wmem=$2; shift ;;
    --out) out=$2; shift ;;
    --no-single) single=0 ;;
    *) echo "spark-cluster: unknown argument '$1'" >&2; exit 2 ;;
  esac
  shift
done
say() { echo "spark-cluster: $*"; }
mvn=${MVN:-mvn}
if [ -z "${JAVA_HOME:-}" ]; then
  JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
fi
export JAVA_HOME
[ -f spark/target/rfm4j-spark.jar ] || scripts/spark-build.sh -DskipTests
mkdir -p "$out/logs" "$out/data"
out=$(cd "$out" && pwd)

# Spark itself, from the local Maven repository, as a SPARK_HOME the workers start executors from
export SPARK_HOME=$root/spark/target/spark-home
if [ ! -d "$SPARK_HOME/jars" ]; then
  say "copying Spark's jars into $SPARK_HOME/jars"
  "$mvn" -B -q -f spark/pom.xml dependency:copy-dependencies -DincludeScope=provided -DoutputDirectory="$SPARK_HOME/jars"
fi
# SPARK_SCALA_VERSION: a SPARK_HOME without a RELEASE build layout must say which Scala its jars are for
export SPARK_LOCAL_IP=127.0.0.1 SPARK_LOG_DIR=$out/logs SPARK_WORKER_DIR=$out/work SPARK_SCALA_VERSION=2.13
jvm=(--add-modules=jdk.incubator.vector --add-opens=java.base/java.lang=ALL-UNNAMED
     --add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
     --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED
     --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED
     --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
     --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
     --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED
     --add-opens=java.base/sun.util.calendar=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false
     -Dio.netty.tryReflectionSetAccessible=true)
cp_spark="$SPARK_HOME/jars/*"

# the data: the rows `rfm fit --data builtin:lowrank:n=...,d=... --seed 0` fits on, as CSV
spec="lowrank:n=$rows,d=$d"
if [ ! -f "$out/data/$rows-$d-s$seed/train.csv" ]; then
  say "writing builtin:$spec (seed $seed) as CSV"
  java -cp "target/rfm4j.jar:spark/target/rfm4j-spark.jar" org.rfm4j.spark.BuiltinCsv "$spec" "$seed" "$out/data/$rows-$d-s$seed"
fi

# the cluster: a master and two workers of one core each, on loopback
port=$((7100 + RANDOM % 500))
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
java "${jvm[@]}" -Xmx512m -cp "$cp_spark" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" \
  --webui-port 0 >"$out/logs/master.log" 2>&1 &
pids+=($!)
for w in 1 2; do
  java "${jvm[@]}" -Xmx512m -cp "$cp_spark" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 1 \
    --memory "$wmem" --webui-port 0 --work-dir "$out/work/worker-$w" "spark://127.0.0.1:$port" \
    >"$out/logs/worker-$w.log" 2>&1 &
  pids+=($!)
done
for _ in $(seq 60); do
  [ "$(grep -l "Successfully registered with master" "$out"/logs/worker-*.log 2>/dev/null | wc -l)" = 2 ] && break
  sleep 1
done
[ "$(grep -l "Successfully registered with master" "$out"/logs/worker-*.log | wc -l)" = 2 ] \
  || { tail -20 "$out"/logs/*.log >&2; echo "spark-cluster: the workers did not register" >&2; exit 1; }
say "cluster up: spark://127.0.0.1:$port, 2 workers x 1 core x $wmem"

# the fit on the cluster (client mode: the driver runs here)
data=$out/data/$rows-$d-s$seed
start=$(date +%s%N)
java "${jvm[@]}" -Xmx4g -cp "$cp_spark" org.apache.spark.deploy.SparkSubmit \
  --master "spark://127.0.0.1:$port" --deploy-mode client --executor-memory "$wmem" --total-executor-cores 2 \
  --conf "spark.executor.extraJavaOptions=--add-modules=jdk.incubator.vector" --conf spark.ui.enabled=false \
  --conf spark.driver.maxResultSize=2g --jars target/rfm4j.jar \
  --class org.rfm4j.spark.RfmSparkFit spark/target/rfm4j-spark.jar \
  --train "$data/train.csv" --validation "$data/validation.csv" --test "$data/test.csv" --label y \
  --leaf-size "$leaf" --iterations "$iterations" --seed "$seed" --driver-sample-rows "$driver_rows" --out "$out/model.rfm" 2>"$out/logs/driver.log" \
  | tee "$out/spark-fit.txt" || { tail -30 "$out/logs/driver.log" >&2; echo "spark-cluster: the Spark fit failed" >&2; exit 1; }
spark_ms=$(( ($(date +%s%N) - start) / 1000000 ))
cleanup
trap - EXIT

{
  echo "rows $rows, d $d, leaf size $leaf, iterations $iterations, seed $seed, driver sample $driver_rows; $(nproc) cores, $(date -u +%F)"
  echo "spark (2 workers x 1 core, standalone on loopback): wall $((spark_ms / 1000)).$(( (spark_ms % 1000) / 100 )) s (submit to exit)"
  grep -E "rfm4j-spark: (fit in|test|validation)" "$out/spark-fit.txt" | sed 's/^/  /'
} >"$out/summary.txt"

if [ "$single" = 1 ]; then
  say "the single-machine tree on the same rows (./rfm fit --solver tree)"
  start=$(date +%s%N)
  RFM_JAVA_OPTS="-Xmx8g" ./rfm fit --data "builtin:$spec" --seed "$seed" --solver tree --leaf-size "$leaf" \
    --iterations "$iterations" | tee "$out/single-fit.txt"
  single_ms=$(( ($(date +%s%N) - start) / 1000000 ))
  {
    echo "single machine (rfm fit --solver tree, $(nproc) cores): wall $((single_ms / 1000)).$(( (single_ms % 1000) / 100 )) s"
    grep -E "^(tree:|validation:|test:)" "$out/single-fit.txt" | sed 's/^/  /'
  } >>"$out/summary.txt"
fi
cat "$out/summary.txt"
