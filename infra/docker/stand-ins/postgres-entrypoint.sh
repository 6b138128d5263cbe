#!/bin/sh
# What docker-compose.yml asks of postgres:16's entrypoint: on an empty data directory, a cluster
# whose superuser is POSTGRES_USER with POSTGRES_PASSWORD (password login over TCP) and a database
# POSTGRES_DB; then the server as the postgres user, with the command's options
# (`postgres -c max_connections=600`).
set -eu
: "${POSTGRES_USER:=postgres}" "${POSTGRES_DB:=$POSTGRES_USER}"
: "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD is required}"
if [ "${1:-}" = postgres ]; then shift; fi
mkdir -p "$PGDATA" /var/run/postgresql
chown postgres:postgres "$PGDATA" /var/run/postgresql
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  pwfile=$(mktemp)
  printf '%s\n' "$POSTGRES_PASSWORD" > "$pwfile"
  chown postgres "$pwfile"
  runuser -u postgres -- initdb -D "$PGDATA" -U "$POSTGRES_USER" --pwfile="$pwfile" \
    --auth-local=trust --auth-host=scram-sha-256 > /dev/null
  rm -f "$pwfile"
  echo "host all all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
  runuser -u postgres -- pg_ctl -D "$PGDATA" -o "-c listen_addresses=''" -w start > /dev/null
  if [ "$POSTGRES_DB" != postgres ]; then
    runuser -u postgres -- psql -q -U "$POSTGRES_USER" -d postgres \
      -c "CREATE DATABASE \"$POSTGRES_DB\""
  fi
  runuser -u postgres -- pg_ctl -D "$PGDATA" -m fast -w stop > /dev/null
  echo "database initialised: $POSTGRES_DB, owner $POSTGRES_USER"
fi
exec runuser -u postgres -- postgres -D "$PGDATA" -c listen_addresses='*' "$@"
