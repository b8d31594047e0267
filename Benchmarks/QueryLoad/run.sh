#!/usr/bin/env bash
# `make bench`, query part: a 100,000-document store (generated, COPY-loaded, in its own database), the release
# dala-query on it, paced wrk load per endpoint, and the same SQL through pgbench at the same rate for the ratio.
#
# Environment: DALA_BENCH_DB (dala_bench; an existing store with enough documents is reused), DALA_BENCH_DOCS (100000), DALA_BENCH_SECONDS (20 per endpoint and side), DALA_BENCH_ONLY
# (comma-separated endpoint names), DALA_BENCH_SQL_MODE (pgbench protocol for all endpoints; default: the service's
# own per endpoint, prepared for the point lookups), DALA_BENCH_SERVER (a command that serves the API on $DALA_BENCH_PORT over
# $DALA_BENCH_PG_URL instead of the release dala-query), DALA_BENCH_CONNECTIONS (8: wrk connections = pgbench clients), DALA_BENCH_API_ONLY=1 (no pgbench side),
# DALA_BENCH_LATENCY_PROFILE=1 (hold /dev/cpu_dma_latency at 0 while measuring, as tuned's latency-performance
# profile does: idle cores poll instead of halting; needs root), PostgreSQL from deploy/scripts/pg.sh (DALA_PG_DIR/PORT).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
S=deploy/scripts
DB="${DALA_BENCH_DB:-dala_bench}"
DOCS="${DALA_BENCH_DOCS:-100000}"
PORT="${DALA_BENCH_PORT:-18090}"
export DALA_BENCH_WORK="${DALA_BENCH_WORK:-$ROOT/.local/bench-query}"
command -v wrk >/dev/null || apt-get install -y wrk >/dev/null
command -v pgbench >/dev/null || { echo "pgbench is missing (postgresql-client)" >&2; exit 1; }

$S/pg.sh start >/dev/null
Benchmarks/QueryLoad/load.sh "$DB" "$DOCS"
PG_URL="$($S/pg.sh url | sed "s#/dala\$#/$DB#")"
export DALA_BENCH_PG_URL="$PG_URL" DALA_BENCH_PORT="$PORT"

# Something already answering on the port would be measured instead of the server started here.
if curl -s -o /dev/null "http://127.0.0.1:$PORT/healthz"; then
  echo "[bench] port $PORT is already in use (set DALA_BENCH_PORT)" >&2
  exit 1
fi
started_broker=0
if [ -n "${DALA_BENCH_SERVER:-}" ]; then
  bash -c "$DALA_BENCH_SERVER" >"$DALA_BENCH_WORK/server.log" 2>&1 &
else
  # dala-query checks the broker at start-up (topics, librdkafka version), so it needs one running.
  $S/broker.sh status >/dev/null 2>&1 || { $S/broker.sh start >/dev/null; started_broker=1; }
  swift build -c release --product dala-query >/dev/null
  .build/release/dala-query --pg-url "$PG_URL" --http-port "$PORT" --kafka-brokers "$($S/broker.sh brokers)" \
    --stats-refresh-seconds 3600 --log-level warning >"$DALA_BENCH_WORK/server.log" 2>&1 &
fi
server=$!
profile=""
cleanup() {
  [ -n "$profile" ] && kill "$profile" 2>/dev/null || true
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  [ "$started_broker" = 1 ] && $S/broker.sh stop >/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break
  sleep 0.5
done
curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null || { echo "the query service did not start:" >&2; tail -20 "$DALA_BENCH_WORK/server.log" >&2; exit 1; }

latency="default idle states"
if [ "${DALA_BENCH_LATENCY_PROFILE:-0}" = 1 ]; then
  if [ -w /dev/cpu_dma_latency ]; then
    # The request lasts as long as the file stays open.
    python3 -c 'import os, signal, struct; fd = os.open("/dev/cpu_dma_latency", os.O_WRONLY); os.write(fd, struct.pack("i", 0)); signal.pause()' &
    profile=$!
    latency="latency profile (cpu_dma_latency 0)"
  else
    echo "[bench] DALA_BENCH_LATENCY_PROFILE needs write access to /dev/cpu_dma_latency; measuring without it" >&2
  fi
fi
echo "[bench] query API on $DOCS documents, ${DALA_BENCH_SECONDS:-20} s per endpoint and side (wrk paced; pgbench -R, same SQL), ${DALA_BENCH_CONNECTIONS:-8} connections, $latency"
# pgbench reaches the same database as the service.
export PGHOST=127.0.0.1 PGPORT="${DALA_PG_PORT:-55432}" PGUSER=dala
python3 Benchmarks/QueryLoad/bench.py --base "http://127.0.0.1:$PORT" --db "$DB" --work "$DALA_BENCH_WORK" \
  --seconds "${DALA_BENCH_SECONDS:-20}" --connections "${DALA_BENCH_CONNECTIONS:-8}" ${DALA_BENCH_ONLY:+--only "$DALA_BENCH_ONLY"} ${DALA_BENCH_MAX:+--max-throughput} ${DALA_BENCH_API_ONLY:+--api-only} ${DALA_BENCH_SQL_MODE:+--sql-mode "$DALA_BENCH_SQL_MODE"}
