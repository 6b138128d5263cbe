#!/bin/sh
# What docker-compose.yml asks of apache/kafka's launcher: every KAFKA_<NAME> variable becomes the
# property <name> (lower case, "_" as ".", "__" as "_", "___" as "-"), the KRaft storage is
# formatted once with CLUSTER_ID, then the broker runs in the foreground.
set -eu
: "${CLUSTER_ID:?CLUSTER_ID is required}"
props=/opt/kafka/config/server.properties
: > "$props"
env | grep '^KAFKA_' | while IFS='=' read -r name value; do
  case "$name" in KAFKA_HEAP_OPTS | KAFKA_OPTS) continue ;; esac
  key=$(printf '%s' "${name#KAFKA_}" | tr 'A-Z' 'a-z' | sed -e 's/___/-/g' -e 's/__/@/g' -e 's/_/./g' -e 's/@/_/g')
  printf '%s=%s\n' "$key" "$value" >> "$props"
done
classpath='/opt/kafka/libs/*'
logdir=$(sed -n 's/^log\.dirs=//p' "$props")
if [ ! -f "${logdir:-/tmp/kraft-combined-logs}/meta.properties" ]; then
  java -Dlog4j.configuration=file:/opt/kafka/config/tools-log4j.properties -cp "$classpath" kafka.tools.StorageTool format --ignore-formatted -t "$CLUSTER_ID" -c "$props"
fi
# shellcheck disable=SC2086 # the options are words on purpose
exec java ${KAFKA_HEAP_OPTS:--Xms64m -Xmx512m} ${KAFKA_OPTS:-} -Dlog4j.configuration=file:/opt/kafka/config/log4j.properties \
  -cp "$classpath" kafka.Kafka "$props"
