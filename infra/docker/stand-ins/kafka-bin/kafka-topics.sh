#!/bin/sh
# As /opt/kafka/bin/kafka-topics.sh in apache/kafka (docker-compose.yml's kafka-topics job).
exec java -Xmx128m -Dlog4j.configuration=file:/opt/kafka/config/tools-log4j.properties -cp '/opt/kafka/libs/*' org.apache.kafka.tools.TopicCommand "$@"
