#!/usr/bin/env bash
# Start a throw-away PostgreSQL server, run the given command with DATABASE_URL pointing at it,
# and stop the server again whatever the command's outcome.
set -euo pipefail
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
if [ -z "$PG_BIN" ]; then
  echo "PostgreSQL server binaries not found; install the 'postgresql' package (see .ci/run)" >&2
  exit 1
fi
DIR=$(mktemp -d /tmp/netra-pg.XXXXXX)
PORT=${NETRA_PG_PORT:-$("$(dirname "$0")/free-port.sh")}
AS=()
if [ "$(id -u)" = "0" ]; then
  chown postgres "$DIR"
  AS=(runuser -u postgres --)
fi
cleanup() { "${AS[@]}" "$PG_BIN/pg_ctl" -D "$DIR/data" -m fast stop >/dev/null 2>&1 || true; rm -rf "$DIR"; }
trap cleanup EXIT
"${AS[@]}" "$PG_BIN/initdb" -D "$DIR/data" -U netra --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${AS[@]}" "$PG_BIN/pg_ctl" -D "$DIR/data" -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off" -l "$DIR/log" -w start >/dev/null
export DATABASE_URL="postgres://netra@127.0.0.1:$PORT/postgres"
echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on port $PORT"
"$@"
