#!/usr/bin/env bash
# Start-up to readiness of the packaged service on the embedded default (production profile).
#
#   bench/startup.sh [starts, default 7] [extra JVM options, for a variant to compare with]
#   bench/startup.sh 7 --app=DIR_A [options A] --vs --app=DIR_B [options B]
#
# BENCH_FRESH_DATA=true starts every time on an empty data directory (all first starts, no restart).
#
# "--vs" separates variants (each with its own data directory), started alternately A, B, A, B... so that
# the machine's drift falls on each alike; "--app=DIR" starts another packaged service than target/quarkus-app
# (copy target/quarkus-app aside to compare two builds).
#
# The service runs as README's offline start does: the JVM options it ships with (Startup.SHIPPED_JVM_OPTIONS),
# the class-data archive README names when the build's package step wrote one (app-cds.jsa beside
# quarkus-run.jar; the benchmark writes it again for the path it starts the build from, as an archive serves
# only the jar path it was written for), the production profile, sources on a generated local sample given
# through the environment.
# Prints one "start N" line per start (milliseconds from the process's start to the first 200 from
# /q/health/ready, the CPU time used by then in all and on the main thread and the JIT compilers' threads,
# and Quarkus's own "started in"), then a "summary" line per variant: the first start (which creates the
# warehouse file) and the median, min and max of the later ones (a restart).
set -euo pipefail
cd "$(dirname "$0")/.."
starts=${1:-7}
shift || true
jar=target/quarkus-app/quarkus-run.jar
[ -f "$jar" ] || ./mvnw -B -q package -DskipTests
sample=bench/out/startup-sample
[ -d "$sample/song_data" ] || java -jar "$jar" generate --out "$sample" >/dev/null
java bench/Startup.java "$starts" bench/out/startup "$sample" "$@"
