#!/usr/bin/env bash
# Start-up to readiness of the packaged service on the embedded default (production profile).
#
#   bench/startup.sh [starts, default 7]   JVM options after the count, e.g. bench/startup.sh 7 -Xmx256m
#
# Prints one "start N" line per start (milliseconds from the process's start to the first 200 from
# /q/health/ready, and Quarkus's own "started in"), then a "summary" line: the first start (which
# creates the warehouse file) and the median, min and max of the later ones (a restart).
set -euo pipefail
cd "$(dirname "$0")/.."
starts=${1:-7}
shift || true
jar=target/quarkus-app/quarkus-run.jar
[ -f "$jar" ] || ./mvnw -B -q package -DskipTests
java bench/Startup.java "$starts" bench/out/startup "$@"
