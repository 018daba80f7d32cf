#!/usr/bin/env bash
# Runs every benchmark that docs/benchmarks.md reports, one after the other, and writes each
# output to a results folder (default benchmarks/target/results). Loopback only: a redis-server of
# its own on a free port (stopped by its pid at the end), and the HTTP bench starts another, with
# nginx and varnishd in front of its origin. Needs redis-server, wrk, nginx, varnishd and curl on
# the PATH. Takes about 25 minutes (the HTTP bench with its curves, about 17).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/target/benchmarks.jar"
out="${1:-$here/target/results}"
mkdir -p "$out"
if [[ ! -f "$jar" ]]; then
  (cd "$here/.." && mvn -B -q package -pl benchmarks -am -DskipTests)
fi

{
  date -u
  uptime
  nproc
  free -h
  java -version 2>&1
  redis-server --version
  wrk --version 2>&1 | head -1 || true
  nginx -v 2>&1
  varnishd -V 2>&1 | head -1
} > "$out/machine.txt"

port=""
for candidate in $(shuf -i 20000-60000 -n 20); do
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then
    port=$candidate
    break
  fi
done
[[ -n "$port" ]] || { echo "no free port found" >&2; exit 1; }
redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no > "$out/redis.log" 2>&1 &
redis_pid=$!
trap 'kill "$redis_pid" 2>/dev/null || true' EXIT INT TERM
sleep 0.5

echo "method-cache, paired harness" >&2
java -Dbench.redis.port="$port" -cp "$jar" io.cachelet.bench.method.PairedHarness 60 300 400 \
  > "$out/method-paired.txt" 2> "$out/method-paired.log"

echo "method-cache, JMH" >&2
java -jar "$jar" MethodCacheBenchmark -jvmArgsAppend "-Dbench.redis.port=$port" \
  -rf json -rff "$out/method-jmh.json" > "$out/method-jmh.txt" 2>&1

echo "scale and memory" >&2
java -Xmx256m -cp "$jar" io.cachelet.bench.scale.ScaleBench "$port" 1000000 \
  > "$out/scale.txt" 2> "$out/scale.log"

kill "$redis_pid" 2>/dev/null || true
wait "$redis_pid" 2>/dev/null || true

echo "HTTP scenarios" >&2
java -cp "$jar" io.cachelet.bench.http.HttpBench --check --plot "$out/http-curves.png" > "$out/http.txt" 2>&1 || true

grep -h 'RATIO\|DIFF\|FIGURE\|ERRORS' "$out"/*.txt
