#!/usr/bin/env bash
# Benchmarks the packaged service (embedded engine) against DuckDB alone on the same files.
#
#   bench/run.sh tiny|small|large|udacity-subset|udacity-full
#
# The service runs with the JVM options it ships with (Bench.SHIPPED_JVM_OPTIONS: README's java -jar line
# and both images) and, as README's start, the class-data archive the package step wrote
# (target/quarkus-app/app-cds.jsa; without one it starts as before).
#
#   tiny           400 song files,     10,000 events   (generated)
#   small        5,000 song files,    250,000 events   (generated)
#   large      100,000 song files,  1,000,000 events   (generated)
#   udacity-*    the real data in ../shared/data, when present
#
# Two references run in the same invocation, alternating with the service's later runs: "limit", the
# engine's own limit (DuckDB alone, every table created by its query: the staging tables from read_json,
# the star tables from the transform's SELECTs, no keys, preserve_insertion_order = false), and
# "baseline", the reference of sessions 1-8 (the service's DDL, INSERT ... SELECT).
#
# Prints one "service ..." line (first run: reset, ETL, staging and transform times, CPU time, rows/s,
# objects/s, RSS), one "load ..." line (top-songs under 16 concurrent clients, right after the first
# run and again once steady), then a "baseline ..." line
# per DuckDB-alone run, alternating with a "run N" line per later run in the same service process (this
# VM's speed drifts within minutes), and a "summary" line: the service's first run and the median of its
# later runs against the median of the baseline runs, each later run against the baseline run before it
# (paired_later), and both sides' CPU times.
#
#   BENCH_RUNS=3         runs per side (default 3)
#   BENCH_CACHE=warm     keep the page cache; by default it is emptied before every timed load (as root)
#   BENCH_JAVA_OPTS=...  extra JVM options for the service, e.g. a flight recording
#   BENCH_LOAD=off       skip the top-songs load test (ETL times only)
set -euo pipefail
cd "$(dirname "$0")/.."
scale=${1:-small}
jar=target/quarkus-app/quarkus-run.jar
[ -f "$jar" ] || ./mvnw -B -q package -DskipTests

case "$scale" in
  tiny)  songs=400;    events=10000 ;;
  small) songs=5000;   events=250000 ;;
  large) songs=100000; events=1000000 ;;
  udacity-subset|udacity-full) data=../shared/data/$scale ;;
  *) echo "unknown scale: $scale" >&2; exit 2 ;;
esac
work=bench/out/$scale
mkdir -p "$work"
if [ -z "${data:-}" ]; then
  data=$work/data
  if [ ! -d "$data/song_data" ]; then
    start=$(date +%s.%N)
    java -jar "$jar" generate --out "$data" --songs "$songs" --events "$events"
    echo "generate_s=$(echo "$(date +%s.%N) - $start" | bc)"
  fi
fi
echo "scale=$scale data=$data jvm=as-shipped files=$(find "$data" -name '*.json' | wc -l) bytes=$(du -sb "$data" | cut -f1)"
java -cp target/quarkus-app/quarkus-run.jar bench/Bench.java "$data" "$work"
