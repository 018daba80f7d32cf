#!/usr/bin/env bash
# Runs every HTTP scenario (wrk against the bench server and a redis-server of its own, both on
# loopback) and prints req/s, p50, p99 and the ratios. Arguments go to HttpBench, e.g. --check.
# Needs wrk and redis-server on the PATH; builds the benchmark jar first unless it is there.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/target/benchmarks.jar"
if [[ ! -f "$jar" ]]; then
  (cd "$here/.." && mvn -B -q package -pl benchmarks -am -DskipTests)
fi
exec java -cp "$jar" io.cachelet.bench.http.HttpBench "$@"
