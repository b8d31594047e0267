#!/usr/bin/env bash
# `make bench-pipeline`: the whole stack (release build, PostgreSQL, broker, ingest, query, N enrichment workers) on
# this machine; generated news-like documents go in through the ingest API in NDJSON batches of 100 and the run
# ends when PostgreSQL shows every one enriched. Prints, per worker count: documents/s, MB/s, freshness, per-stage
# times, worker memory; then a paced run (freshness at a steady rate), long documents (MB/s), and the analysis
# alone on the same texts (`dala bench`, one thread) for the ratio.
#
# Environment: DALA_BENCH_DOCS (2000 news documents of ~3 KB), DALA_BENCH_WORKERS ("1 2": worker counts to run),
# DALA_BENCH_RATE (50 documents/s for the paced run; 0 skips it), DALA_BENCH_PACED_DOCS (500; 0 skips the paced run),
# DALA_BENCH_LONG_DOCS (30 documents of ~DALA_BENCH_LONG_KB, 200 KB; 0 skips), DALA_BENCH_PG_PORT (55436), DALA_BENCH_KAFKA_PORT (59096),
# DALA_BENCH_PORT_BASE (18110: query, +1 ingest, +2… workers), DALA_BENCH_NO_BUILD=1 (use the existing release build),
# DALA_BENCH_BIN (binaries to measure, default .build/release; e.g. a copy of an older build for before/after).
# PostgreSQL lives in .local/pg-bench-pipeline (database dala_pipeline, recreated for every run); the broker is
# restarted for every run, so each starts from empty topics.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
S=deploy/scripts
B=Benchmarks/Pipeline
DOCS="${DALA_BENCH_DOCS:-2000}"
WORKER_COUNTS="${DALA_BENCH_WORKERS:-1 2}"
RATE="${DALA_BENCH_RATE:-50}"
PACED_DOCS="${DALA_BENCH_PACED_DOCS:-500}"
LONG_DOCS="${DALA_BENCH_LONG_DOCS:-30}"
LONG_KB="${DALA_BENCH_LONG_KB:-200}"
BASE="${DALA_BENCH_PORT_BASE:-18110}"
export DALA_PG_DIR="$ROOT/.local/pg-bench-pipeline" DALA_PG_PORT="${DALA_BENCH_PG_PORT:-55436}"
export DALA_KAFKA_PORT="${DALA_BENCH_KAFKA_PORT:-59096}"
export DALA_RUN_DIR="$ROOT/.local/bench-pipeline/run" DALA_BIN="${DALA_BENCH_BIN:-$ROOT/.build/release}"
export DALA_QUERY_PORT=$BASE DALA_INGEST_PORT=$((BASE + 1)) DALA_ENRICH_PORT=$((BASE + 2))
WORK="$ROOT/.local/bench-pipeline"
mkdir -p "$WORK"
log() { printf '\n[bench-pipeline] %s\n' "$*" >&2; }

for port in $BASE $((BASE + 1)) $((BASE + 2)) $((BASE + 3)); do
  if curl -s -o /dev/null "http://127.0.0.1:$port/healthz"; then
    echo "[bench-pipeline] port $port is already in use (set DALA_BENCH_PORT_BASE)" >&2; exit 1
  fi
done
if [ -z "${DALA_BENCH_NO_BUILD:-}" ]; then
  log "building (release)"
  swift build -c release 2>&1 | grep -Ev '^\[[0-9]+/[0-9]+\]' || true
fi
started_pg=0
$S/pg.sh status >/dev/null 2>&1 || { $S/pg.sh start >/dev/null; started_pg=1; }
cleanup() {
  $S/services.sh stop >/dev/null 2>&1 || true
  $S/broker.sh stop >/dev/null 2>&1 || true
  [ "$started_pg" = 1 ] && $S/pg.sh stop >/dev/null 2>&1 || true
}
trap cleanup EXIT

rm -rf "$WORK/news-txt" "$WORK/long-txt"
python3 $B/generate.py --docs "$DOCS" --kind news --seed 17 --run-id news --out "$WORK/news.ndjson" --txt-dir "$WORK/news-txt" >/dev/null
python3 $B/generate.py --docs "$PACED_DOCS" --kind news --seed 18 --run-id paced --out "$WORK/paced.ndjson" >/dev/null
[ "$LONG_DOCS" -gt 0 ] && python3 $B/generate.py --docs "$LONG_DOCS" --kind long --kb "$LONG_KB" --seed 19 --run-id long --out "$WORK/long.ndjson" --txt-dir "$WORK/long-txt" >/dev/null

PSQL="/usr/bin/psql postgres://dala@127.0.0.1:$DALA_PG_PORT/dala_pipeline"
fresh_stack() {  # fresh_stack WORKERS: empty database and broker, services started
  $S/services.sh stop >/dev/null 2>&1 || true
  $S/broker.sh stop >/dev/null 2>&1 || true
  $S/broker.sh start >/dev/null
  $S/pg.sh psql -qc "DROP DATABASE IF EXISTS dala_pipeline WITH (FORCE)" -c "CREATE DATABASE dala_pipeline OWNER dala" >/dev/null
  export DALA_PG_URL="postgres://dala@127.0.0.1:$DALA_PG_PORT/dala_pipeline" DALA_KAFKA_BROKERS="$($S/broker.sh brokers)"
  export DALA_WORKERS="$1" DALA_LOG_LEVEL="${DALA_BENCH_LOG_LEVEL:-info}"
  "$DALA_BIN/dala" migrate --pg-url "$DALA_PG_URL" >/dev/null
  $S/services.sh start 2>/dev/null
}
measure() {  # measure WORKERS FILE SOURCE [bench.py args]
  local workers="$1" file="$2" source="$3"; shift 3
  local metrics=() pids=()
  for i in $(seq 1 "$workers"); do
    metrics+=("http://127.0.0.1:$((DALA_ENRICH_PORT + i - 1))/metrics")
    pids+=("$(cat "$DALA_RUN_DIR/enrichment-$i.pid")")
  done
  local postmaster broker
  postmaster="$(head -n1 "$($S/pg.sh psql -tAc 'SHOW data_directory')/postmaster.pid")"
  broker="$(cat "$ROOT/.local/broker/tansu-$DALA_KAFKA_PORT.pid")"
  echo "load before: $(uptime | sed 's/.*load average/load average/')"
  # The generated lines carry source "bench-pipeline"; give each run its own so the driver counts only its documents.
  sed "s/\"source\": \"bench-pipeline\"/\"source\": \"$source\"/" "$file" >"$WORK/submit.ndjson"
  python3 $B/bench.py --docs "$WORK/submit.ndjson" --ingest "http://127.0.0.1:$DALA_INGEST_PORT" --psql "$PSQL" \
    --source "$source" --metrics "${metrics[@]}" --pids "${pids[@]}" \
    --cpu "ingest=$(cat "$DALA_RUN_DIR/ingest.pid")" "query=$(cat "$DALA_RUN_DIR/query.pid")" \
          "workers=$(IFS=,; echo "${pids[*]}")" "postgres=$postmaster" "broker=$broker" "$@"
  echo "load after:  $(uptime | sed 's/.*load average/load average/')"
}

for w in $WORKER_COUNTS; do
  fresh_stack "$w"
  if [ "$DOCS" -gt 0 ]; then
    log "throughput: $DOCS news documents, $w enrichment worker(s)"
    measure "$w" "$WORK/news.ndjson" "news-$w"
  fi
  if [ "$RATE" != 0 ] && [ "$PACED_DOCS" -gt 0 ]; then
    log "freshness: $PACED_DOCS news documents paced at $RATE/s in batches of 5, $w worker(s) (same store)"
    measure "$w" "$WORK/paced.ndjson" "paced-$w" --rate "$RATE" --batch 5
  fi
done
last="${WORKER_COUNTS##* }"
if [ "$LONG_DOCS" -gt 0 ]; then
  fresh_stack "$last"
  log "long documents: $LONG_DOCS of ~$LONG_KB KB, $last worker(s)"
  measure "$last" "$WORK/long.ndjson" "long-$last" --batch 10
fi
$S/services.sh stop >/dev/null 2>&1 || true

if [ "$DOCS" -gt 0 ]; then
  log "analysis alone (dala bench, one thread) on the same news texts"
  "$DALA_BIN/dala" bench --corpus "$WORK/news-txt" --iterations 1 --speed-only | grep -E 'corpus|full analysis|peak'
fi
if [ "$LONG_DOCS" -gt 0 ]; then
  log "analysis alone on the long documents"
  "$DALA_BIN/dala" bench --corpus "$WORK/long-txt" --iterations 1 --speed-only | grep -E 'corpus|full analysis|peak'
fi
echo "load: $(uptime | sed 's/.*load average/load average/')"
