#!/usr/bin/env bash
# Builds and starts the whole rtchat server on its embedded defaults (no MongoDB, S3 or SMTP to install).
# Data lives under ./data (DATA_DIR); every setting can be overridden by environment variables (see docs/configuration.md).
set -euo pipefail
cd "$(dirname "$0")"
mvn -B -q -DskipTests -pl standalone -am package
# A pause-time goal keeps G1's pauses inside a chat's latency budget on a small machine; the embedded store keeps
# every document in the heap, so what survives a collection is mostly stored data, promoted after two (see docs/benchmark.md).
exec java ${JAVA_OPTS:--XX:+UseG1GC -XX:MaxGCPauseMillis=15 -XX:MaxTenuringThreshold=2} -jar standalone/target/rtchat-standalone.jar
