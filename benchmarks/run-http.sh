#!/usr/bin/env bash
# Runs every HTTP scenario (wrk against the bench server, a redis-server, nginx and varnishd of its
# own, all on loopback) and prints CPU per request, req/s, p50, p99 and the ratios, then measures
# the body-size and connection curves and draws them. Arguments go to HttpBench, except:
#   --check   a smoke run: every scenario for a second, exit 1 on errors, non-2xx answers or a
#             peer that does not cache (too short for the CPU targets, which are not judged)
# Builds the benchmark jar first unless it is there.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/target/benchmarks.jar"

missing=()
need() { # need <command> <debian package>
  command -v "$1" >/dev/null 2>&1 || missing+=("$2")
}
need wrk wrk
need redis-server redis-server
need nginx nginx
need varnishd varnish
need getconf libc-bin
if ((${#missing[@]})); then
  echo "missing on the PATH; on Debian: apt-get install ${missing[*]}" >&2
  exit 2
fi

args=()
for arg in "$@"; do
  if [[ "$arg" == "--check" ]]; then args+=("--smoke"); else args+=("$arg"); fi
done
if [[ ! -f "$jar" ]]; then
  (cd "$here/.." && mvn -B -q package -pl benchmarks -am -DskipTests)
fi
exec java -Djava.awt.headless=true -cp "$jar" io.cachelet.bench.http.HttpBench "${args[@]}"
