#!/usr/bin/env bash
# Times incremental runs beside full runs over the same files (issue 18), in one service process.
#
#   bench/incremental.sh [tiny|small|large] [prepare]     (default large; prepare: only build and generate)
#
# The set is generated as bench/run.sh generates that scale, into its own folder (the increments are copied
# into it, so run.sh's data stays as generated). Each increment is `generate --increment N` with the set's
# options: the next day of events by the same users and one new song in a hundred. The timed part:
#
#   full_load         reset, then a full run over the set
#   increment N       the increment's files copied in, then an incremental run and a full run (ratio = the
#                     incremental run's time / the full run's; goal <= 0.10), and whether their counts agree
#   nothing_new       an incremental run with nothing new
#
#   BENCH_INCREMENTS=2   increments (default 2)
#   BENCH_CACHE=warm     keep the page cache; by default it is emptied before every timed run (as root)
#   BENCH_JAVA_OPTS=...  extra JVM options for the service, e.g. -Dsparkify.duckdb.memory-limit=1GB
#   BENCH_APP=DIR        run the service from another build's quarkus-app folder (paired invocations)
set -euo pipefail
cd "$(dirname "$0")/.."
scale=${1:-large}
jar=target/quarkus-app/quarkus-run.jar
[ -f "$jar" ] || ./mvnw -B -q package -DskipTests

case "$scale" in
  tiny)  songs=400;    events=10000 ;;
  small) songs=5000;   events=250000 ;;
  large) songs=100000; events=1000000 ;;
  *) echo "unknown scale: $scale" >&2; exit 2 ;;
esac
work=bench/out/incremental-$scale
data=$work/data
mkdir -p "$work"
if [ ! -d "$data/song_data" ]; then
  java -jar "$jar" generate --out "$data" --songs "$songs" --events "$events"
fi
increments=()
for n in $(seq 1 "${BENCH_INCREMENTS:-2}"); do
  if [ ! -d "$work/increment-$n/log_data" ]; then
    java -jar "$jar" generate --out "$work/increment-$n" --songs "$songs" --events "$events" --increment "$n"
  fi
  increments+=("$work/increment-$n")
done
[ "${2:-}" = prepare ] && exit 0
echo "scale=$scale data=$data increments=${#increments[@]} $(uptime | sed 's/.*load/load/')"
java -cp target/quarkus-app/quarkus-run.jar bench/Incremental.java "$data" "$work" "${increments[@]}"
echo "after: $(uptime | sed 's/.*load/load/')"
