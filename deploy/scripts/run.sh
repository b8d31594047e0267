#!/usr/bin/env bash
# `make run`: everything from a fresh clone to a query API answering over the enriched sample documents.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
S=deploy/scripts
log() { printf '\n==> %s\n' "$*" >&2; }

log "installing what is missing (apt packages, librdkafka >= 2.8, the broker)"
$S/install-deps.sh
log "starting PostgreSQL and the broker"
$S/pg.sh start
$S/broker.sh start
export DALA_PG_URL="$($S/pg.sh url)"
export DALA_KAFKA_BROKERS="$($S/broker.sh brokers)"
log "building (release)"
swift build -c release 2>&1 | grep -Ev '^\[[0-9]+/[0-9]+\]' || true
[ -x .build/release/dala ] || { echo "build failed" >&2; exit 1; }
log "migrating"
.build/release/dala migrate --pg-url "$DALA_PG_URL"
log "starting the services"
$S/services.sh start

CORPUS="$ROOT/../shared/corpus"
[ -d "$CORPUS" ] || CORPUS="$ROOT/deploy/demo-corpus"
log "submitting $CORPUS"
.build/release/dala submit --url "http://127.0.0.1:${DALA_INGEST_PORT:-8081}" "$CORPUS"
want=$(find "$CORPUS" -name '*.txt' | wc -l)
log "waiting for enrichment"
for _ in $(seq 1 240); do
  done_count=$($S/pg.sh psql -tAc "SELECT count(*) FROM documents WHERE status IN ('enriched','failed')" 2>/dev/null || echo 0)
  [ "$done_count" -ge "$want" ] && break
  sleep 0.5
done
$S/pg.sh psql -c "SELECT status, count(*) AS documents, sum(char_length) AS characters FROM documents GROUP BY status"
$S/pg.sh psql -c "SELECT e.type, count(DISTINCT e.id) AS entities, count(*) AS mentions FROM mentions m JOIN entities e ON e.id = m.entity_id GROUP BY e.type ORDER BY 3 DESC"
Q="http://127.0.0.1:${DALA_QUERY_PORT:-8080}"
cat <<EOT

Dala is running.
  ingest API  http://127.0.0.1:${DALA_INGEST_PORT:-8081}   (POST /v1/documents, /v1/documents/batch)
  query API   $Q
  logs        .local/run/*.log        stop with: make stop

Try:
  curl -s '$Q/v1/documents?limit=5'
  curl -sG '$Q/v1/entities' --data-urlencode 'name=Қазақстанның'
  curl -sG '$Q/v1/search' --data-urlencode 'q=ШОС' -d limit=3
EOT
