#!/usr/bin/env bash
# Start-up to readiness of the packaged service on the embedded default (production profile).
#
#   bench/startup.sh [starts, default 7] [extra JVM options, for a variant to compare with]
#
# The service runs as README's offline start does: the JVM options it ships with (Startup.SHIPPED_JVM_OPTIONS),
# the production profile, sources on a generated local sample given through the environment. With
# -XX:SharedArchiveFile=app-cds.jsa among the extra options it starts from target/quarkus-app, as an AppCDS
# archive needs (package with -Dquarkus.package.jar.appcds.enabled=true to get one; BENCHMARKS.md, session 8).
# Prints one "start N" line per start (milliseconds from the process's start to the first 200 from
# /q/health/ready, and Quarkus's own "started in"), then a "summary" line: the first start (which
# creates the warehouse file) and the median, min and max of the later ones (a restart).
set -euo pipefail
cd "$(dirname "$0")/.."
starts=${1:-7}
shift || true
jar=target/quarkus-app/quarkus-run.jar
[ -f "$jar" ] || ./mvnw -B -q package -DskipTests
sample=bench/out/startup-sample
[ -d "$sample/song_data" ] || java -jar "$jar" generate --out "$sample" >/dev/null
java bench/Startup.java "$starts" bench/out/startup "$sample" "$@"
