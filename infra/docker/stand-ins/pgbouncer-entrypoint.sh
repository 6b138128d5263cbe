#!/bin/sh
# What docker-compose.yml asks of edoburu/pgbouncer's entrypoint: userlist.txt with the line of
# DB_USER (the auth_user through which PgBouncer checks every other role's password), then
# PgBouncer on the mounted /etc/pgbouncer/pgbouncer.ini, as an unprivileged user.
set -eu
: "${DB_USER:?DB_USER is required}" "${DB_PASSWORD:?DB_PASSWORD is required}"
printf '"%s" "%s"\n' "$DB_USER" "$DB_PASSWORD" > /etc/pgbouncer/userlist.txt
chown postgres /etc/pgbouncer/userlist.txt
chmod 600 /etc/pgbouncer/userlist.txt
exec runuser -u postgres -- pgbouncer /etc/pgbouncer/pgbouncer.ini
