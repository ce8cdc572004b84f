#!/usr/bin/env bash
# Start a throw-away Redis server, run the command with REDIS_URL set, and stop Redis afterwards.
set -euo pipefail
command -v redis-server >/dev/null || { echo "redis-server not found; install 'redis-server' (see .ci/run)" >&2; exit 1; }
PORT=${NETRA_REDIS_PORT:-$("$(dirname "$0")/free-port.sh")}
DIR=$(mktemp -d /tmp/netra-redis.XXXXXX)
redis-server --port "$PORT" --bind 127.0.0.1 --save "" --appendonly no --dir "$DIR" --daemonize no >"$DIR/log" 2>&1 &
REDIS_PID=$!
cleanup() { kill "$REDIS_PID" 2>/dev/null || true; wait "$REDIS_PID" 2>/dev/null || true; rm -rf "$DIR"; }
trap cleanup EXIT
for _ in $(seq 1 50); do redis-cli -p "$PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
redis-cli -p "$PORT" ping >/dev/null 2>&1 || { echo "Redis did not start on port $PORT:" >&2; cat "$DIR/log" >&2; exit 1; }
export REDIS_URL="redis://127.0.0.1:$PORT/0"
echo "Redis on port $PORT"
"$@"
