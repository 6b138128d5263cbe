# Stand-ins for the official images docker-compose.yml names, for a Docker engine that cannot pull
# them (no registry reachable). `npm run test:containers` builds them from Debian bookworm's
# packages and the jars the local stack already uses, tags them marquee-standin/<name>, and points
# compose at them with compose.yml beside this file; docker-compose.yml itself keeps the official
# images. Each stage behaves as its official image does for what docker-compose.yml asks of it:
# the same environment variables, commands, ports and health-check tools (README.md).
#
# The build context is prepared by scripts/lib/containers/stand-ins.mjs: this folder's scripts,
# plus the Kafka jars (kafka-libs/: the local broker's and kafka-tools, for kafka-topics.sh) and
# Zipkin's server jar (zipkin.jar).
ARG DEBIAN_IMAGE=marquee-standin/debian:bookworm

FROM ${DEBIAN_IMAGE} AS packages
ENV DEBIAN_FRONTEND=noninteractive
RUN apt-get update -q \
  && apt-get install -y -q --no-install-recommends \
    postgresql-15 postgresql-client-15 redis-server redis-tools pgbouncer \
    openjdk-17-jre-headless netcat-openbsd wget ca-certificates \
  && rm -rf /var/lib/apt/lists/* /var/lib/postgresql/15/main /etc/postgresql/15/main

# postgres:16 — Debian bookworm has PostgreSQL 15, which Marquee also runs on locally.
FROM packages AS postgres
COPY postgres-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
ENV PATH=/usr/lib/postgresql/15/bin:$PATH PGDATA=/var/lib/postgresql/data
EXPOSE 5432
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["postgres"]

# redis:7 — Debian's Redis 7.0, listening on every address as the official image does.
FROM packages AS redis
EXPOSE 6379
CMD ["redis-server", "--bind", "0.0.0.0", "--protected-mode", "no", "--save", "", "--appendonly", "no"]

# edoburu/pgbouncer — its entrypoint writes the owner's line of userlist.txt from DB_USER and
# DB_PASSWORD; the mounted pgbouncer.ini does the rest.
FROM packages AS pgbouncer
COPY pgbouncer-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
EXPOSE 6432
ENTRYPOINT ["docker-entrypoint.sh"]

# apache/kafka:3.9.2 — the same jars as the local broker (infra/kafka), configured from KAFKA_*
# variables as the official image's launcher does, with its /opt/kafka/bin tools.
FROM packages AS kafka
COPY kafka-libs/ /opt/kafka/libs/
COPY kafka-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
COPY kafka-bin/ /opt/kafka/bin/
COPY kafka-log4j.properties /opt/kafka/config/log4j.properties
COPY kafka-tools-log4j.properties /opt/kafka/config/tools-log4j.properties
RUN useradd --system --create-home appuser && chown appuser /opt/kafka/config
USER appuser
EXPOSE 9092
ENTRYPOINT ["docker-entrypoint.sh"]

# openzipkin/zipkin:3.5.1 — the server jar from Maven Central (infra/zipkin), with the image's
# docker-healthcheck command.
FROM packages AS zipkin
COPY zipkin.jar /zipkin/zipkin.jar
COPY zipkin-healthcheck.sh /usr/local/bin/docker-healthcheck
RUN useradd --system zipkin
USER zipkin
EXPOSE 9411
CMD ["sh", "-c", "exec java ${JAVA_OPTS} -jar /zipkin/zipkin.jar"]
