#!/usr/bin/env bash
# `make run`: everything from a fresh clone to the web workspace and the APIs answering over the enriched demo corpus.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
S=deploy/scripts
Q="http://127.0.0.1:${DALA_QUERY_PORT:-8080}"
I="http://127.0.0.1:${DALA_INGEST_PORT:-8081}"
log() { printf '\n==> %s\n' "$*" >&2; }

cat <<EOT
Dala's web workspace will be at  $Q/
(first run: installs Debian packages, builds librdkafka into /usr/local and the Swift code in release mode; 5-10 minutes)
EOT

log "installing what is missing (apt packages, librdkafka >= 2.8 in /usr/local, the broker in .local/bin)"
$S/install-deps.sh
log "starting PostgreSQL (.local/pg) and the broker"
$S/pg.sh start
$S/broker.sh start
export DALA_PG_URL="$($S/pg.sh url)"
export DALA_KAFKA_BROKERS="$($S/broker.sh brokers)"
log "building (release; the counter shows SwiftPM's steps)"
set +e
swift build -c release 2>&1 | while IFS= read -r line; do
  case "$line" in
    \[*/*\]*) printf '\r  %-100.100s' "$line" >&2 ;;          # progress: one line, rewritten
    *warning:*|*note:*|" "*) ;;                              # the dependencies' warnings (and their file lines)
    *) printf '\r%-102s\r%s\n' '' "$line" >&2 ;;
  esac
done
build_status=${PIPESTATUS[0]}
set -e
printf '\n' >&2
[ "$build_status" = 0 ] && [ -x .build/release/dala ] || { echo "build failed (see: swift build -c release)" >&2; exit 1; }
log "migrating"
.build/release/dala migrate --pg-url "$DALA_PG_URL"
log "starting the services (logs in .local/run)"
# Derived statistics (timelines, networks) refresh every 5 s here so the pictures fill in right after loading.
DALA_STATS_REFRESH_SECONDS="${DALA_STATS_REFRESH_SECONDS:-5}" $S/services.sh start

log "submitting the demo corpus (deploy/demo: 36 news-style documents in kk/ru/en, 2010-2025) and the samples"
.build/release/dala submit --url "$I" --index deploy/demo/index.tsv
.build/release/dala submit --url "$I" deploy/demo-corpus
want=$(( $(grep -cv '^#' deploy/demo/index.tsv) + $(find deploy/demo-corpus -name '*.txt' | wc -l) ))
log "waiting for enrichment"
for _ in $(seq 1 480); do
  done_count=$($S/pg.sh psql -tAc "SELECT count(*) FROM documents WHERE status IN ('enriched','failed')" 2>/dev/null || echo 0)
  [ -t 2 ] && printf '\r  %s of at least %s documents enriched' "$done_count" "$want" >&2
  [ "$done_count" -ge "$want" ] && break
  sleep 0.5
done
printf '\n' >&2
$S/pg.sh psql -c "SELECT status, count(*) AS documents, sum(char_length) AS characters FROM documents GROUP BY status"
$S/pg.sh psql -c "SELECT e.type, count(DISTINCT e.id) AS entities, count(*) AS mentions FROM mentions m JOIN entities e ON e.id = m.entity_id GROUP BY e.type ORDER BY 3 DESC"
cat <<EOT

Dala is running.
  web workspace  $Q/          search, documents, entities (timeline, network), events, knowledge base, upload
  query API      $Q/v1/...    (spec: $Q/openapi.json)
  ingest API     $I/v1/documents, /v1/documents/batch
  logs           .local/run/*.log        stop with: make stop

Try:
  $Q/?q=ШОС
  $Q/entities/Q232
  .build/release/dala search 'Евразийский союз'
  .build/release/dala entity Japarov
  .build/release/dala events --entity Kazakhstan --type agreement
EOT
