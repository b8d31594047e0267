#!/usr/bin/env bash
# Page latency of the web workspace on the 100k-document query load store (issue 15: p95 < 200 ms).
# Builds the store with load.sh (reused when present), starts the release dala-query on it and runs pages.py.
# Environment as run.sh: DALA_BENCH_DB (dala_bench), DALA_BENCH_DOCS (100000), DALA_BENCH_PORT (18090), DALA_PG_DIR/PORT.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
S=deploy/scripts
DB="${DALA_BENCH_DB:-dala_bench}" DOCS="${DALA_BENCH_DOCS:-100000}" PORT="${DALA_BENCH_PORT:-18090}"
export DALA_BENCH_WORK="${DALA_BENCH_WORK:-$ROOT/.local/bench-query}"
$S/pg.sh start >/dev/null
Benchmarks/QueryLoad/load.sh "$DB" "$DOCS"
PG_URL="$($S/pg.sh url | sed "s#/dala\$#/$DB#")"
if curl -s -o /dev/null "http://127.0.0.1:$PORT/healthz"; then echo "[pages] port $PORT is in use (set DALA_BENCH_PORT)" >&2; exit 1; fi
started_broker=0
$S/broker.sh status >/dev/null 2>&1 || { $S/broker.sh start >/dev/null; started_broker=1; }
swift build -c release --product dala-query >/dev/null
.build/release/dala-query --pg-url "$PG_URL" --http-port "$PORT" --kafka-brokers "$($S/broker.sh brokers)" \
  --stats-refresh-seconds 3600 --log-level warning >"$DALA_BENCH_WORK/pages-server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; [ "$started_broker" = 1 ] && $S/broker.sh stop >/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.5; done
python3 Benchmarks/QueryLoad/pages.py "http://127.0.0.1:$PORT" "$DALA_BENCH_WORK/gen" "${DALA_PAGES_ROUNDS:-3}"
