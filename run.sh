#!/usr/bin/env bash
# Builds and starts the whole rtchat server on its embedded defaults (no MongoDB, S3 or SMTP to install).
# Data lives under ./data (DATA_DIR); every setting can be overridden by environment variables (see docs/configuration.md).
set -euo pipefail
cd "$(dirname "$0")"
mvn -B -q -DskipTests -pl standalone -am package
exec java ${JAVA_OPTS:-} -jar standalone/target/rtchat-standalone.jar
