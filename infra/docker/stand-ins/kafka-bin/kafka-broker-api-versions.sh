#!/bin/sh
# As /opt/kafka/bin/kafka-broker-api-versions.sh in apache/kafka (docker-compose.yml's health check).
exec java -Xmx64m -Dlog4j.configuration=file:/opt/kafka/config/tools-log4j.properties -cp '/opt/kafka/libs/*' kafka.admin.BrokerApiVersionsCommand "$@"
