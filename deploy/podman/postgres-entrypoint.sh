#!/bin/bash
# The entry point of the image local-postgres.sh makes, with the interface of the official postgres image
# that the container cluster relies on: POSTGRES_PASSWORD for the user postgres (SCRAM, from any address),
# the data in PGDATA (initialised on first start), port 5432.
set -euo pipefail
: "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD must be set}"
export PGDATA="${PGDATA:-/var/lib/postgresql/data}"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  password_file=$(mktemp)
  printf '%s' "$POSTGRES_PASSWORD" > "$password_file"
  initdb -D "$PGDATA" -U postgres --auth=scram-sha-256 --pwfile="$password_file" -E UTF8 >/dev/null
  rm -f "$password_file"
  echo "host all all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
fi
# The socket goes to /tmp: /run is a fresh tmpfs in a container, without the package's /run/postgresql.
exec postgres -D "$PGDATA" -c listen_addresses='*' -c unix_socket_directories=/tmp "$@"
