#!/usr/bin/env bash
# Runs a real PostgreSQL (Debian's) for tests and benchmarks on loopback,
# in the foreground until killed. initdb refuses root, so the cluster is
# made and run as the postgres user, in DIR (which that user must reach).
# Durability is traded for speed (fsync off): the data is thrown away.
#
#   pg-server.sh DIR PORT
#
# The database is `tessera`, its user `tessera` (trust on loopback):
#   postgres://tessera@127.0.0.1:PORT/tessera
set -euo pipefail
dir=$1 port=$2
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as_postgres=()
[ "$(id -u)" -eq 0 ] && as_postgres=(runuser -u postgres --)
mkdir -p "$dir"
[ "$(id -u)" -eq 0 ] && chown postgres "$dir"
chmod 700 "$dir"
if [ ! -f "$dir/data/PG_VERSION" ]; then
  "${as_postgres[@]}" "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --no-locale >/dev/null
  "${as_postgres[@]}" "$bin/postgres" --single -D "$dir/data" postgres >/dev/null 2>&1 <<SQL
CREATE ROLE tessera LOGIN SUPERUSER;
CREATE DATABASE tessera OWNER tessera;
SQL
fi
exec "${as_postgres[@]}" "$bin/postgres" -D "$dir/data" -p "$port" -k "$dir" \
  -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
  -c max_connections=200 -c log_min_messages=warning
