#!/usr/bin/env bash
# The latency scale: the real layout (or generated song files) served by an in-memory S3 endpoint that
# answers every request LATENCY_MS (30) late, staged by the packaged service from there and from the
# folder itself, in one invocation. See bench/S3Latency.java.
#
#   bench/s3-latency.sh capacity|udacity-full|songs-100k
#
#   capacity      the endpoint's own GETs/s and listing time, before anything is measured behind it
#   udacity-full  ../shared/data/udacity-full (SHARED_DATA=... elsewhere), read at run time, never copied
#   songs-100k    100,000 generated song files (bench/out/songs-100k, generated once)
#   compaction    the Redshift engine's compaction of ../shared/data/udacity-full's song and log folders from
#                 the endpoint into a staging prefix on it (target/classes: run ./mvnw compile first)
#
#   LATENCY_MS=30  MAX_CONCURRENCY=  (the service's default)  HEAP=256m  RUNS=2  RUN_PAUSE_MS=0 (before each later run)
#   WARM_RUNS=3   runs of a throw-away service process against the endpoint before anything is timed, so the
#                 endpoint (in this JVM, on the service's cores) is warm, as S3 is; WARM_ENDPOINT=off skips it
#                 (the method before session 11: the endpoint's JIT was paid inside the service's first run)
#   BENCH_JAVA_OPTS="..."  JVM options for every service started
#   BENCH_VARIANTS="name|app dir|JVM options;..."  first stage from the same endpoint with each variant (a copy of
#                 target/quarkus-app, other JVM options; a name starting local- reads the folder); ONLY=variants
#                 then stops before the usual S3 / folder pair
set -euo pipefail
cd "$(dirname "$0")/.."
jar=target/quarkus-app/quarkus-run.jar
[ -f "$jar" ] || ./mvnw -B -q package -DskipTests
scale=${1:-udacity-full}
shared=${SHARED_DATA:-../shared/data}
mode=service
case "$scale" in
  capacity) data=$shared/udacity-full; mode=capacity ;;
  compaction) data=$shared/udacity-full; mode=compaction ;;
  udacity-full) data=$shared/udacity-full ;;
  songs-100k)
    data=bench/out/songs-100k/data
    if [ ! -d "$data/song_data" ]; then
      java -jar "$jar" generate --out "$data" --songs 100000 --events 20000
    fi ;;
  *) echo "unknown scale: $scale" >&2; exit 2 ;;
esac
cp="target/quarkus-app/quarkus-run.jar"
# The file also holds the compaction mode, which compiles against the service's classes.
cp="target/classes:$cp"
jvm=()
if [ "$mode" = compaction ]; then
  # The compaction runs in this JVM (beside the endpoint), with the service's heap settings.
  jvm=(-Xmx"${HEAP:-256m}" -Xms32m -XX:+UseSerialGC -XX:CompileThresholdScaling=4)
fi
java "${jvm[@]}" -Dsun.net.httpserver.nodelay=true -cp "$cp" bench/S3Latency.java \
  "$data" "bench/out/s3-latency-$scale" "$mode"
