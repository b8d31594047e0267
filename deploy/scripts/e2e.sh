#!/usr/bin/env bash
# End-to-end checks over the real processes (debug build), the test PostgreSQL and a freshly started broker:
# idempotent ingestion, clear 4xx for bad input while the services keep serving, the NDJSON batch, a worker
# SIGKILLed mid-stream that loses no document and duplicates no annotation, and schemathesis against the query API's
# spec. Called by deploy/scripts/test.sh.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
S=deploy/scripts
export DALA_RUN_DIR="$ROOT/.local/e2e-run" DALA_BIN="${DALA_BIN:-$ROOT/.build/debug}"
E2E_BASE="${DALA_E2E_PORT_BASE:-18080}"   # helpers running make test side by side pick their own base
export DALA_INGEST_PORT=$((E2E_BASE + 1)) DALA_QUERY_PORT=$E2E_BASE DALA_ENRICH_PORT=$((E2E_BASE + 2)) DALA_WORKERS=2
export DALA_OPERATOR_TOKEN="e2e-operator-$$"   # so schemathesis reaches POST /v1/reprocess
export DALA_STATS_REFRESH_SECONDS=2           # the web pages' pictures read the derived statistics
rm -rf "$DALA_RUN_DIR"; mkdir -p "$DALA_RUN_DIR"
# A clean broker: messages left by the unit/integration tests must not reach these workers.
$S/broker.sh stop >/dev/null 2>&1 || true
$S/broker.sh start
$S/pg.sh psql -qc "DROP DATABASE IF EXISTS dala_e2e WITH (FORCE)" -c "CREATE DATABASE dala_e2e OWNER dala" >/dev/null
export DALA_PG_URL="postgres://dala@127.0.0.1:${DALA_PG_PORT:-55433}/dala_e2e"
export DALA_KAFKA_BROKERS="$($S/broker.sh brokers)"
trap '$S/services.sh stop >/dev/null 2>&1 || true' EXIT
$S/services.sh start

I="http://127.0.0.1:$DALA_INGEST_PORT"; Q="http://127.0.0.1:$DALA_QUERY_PORT"
passed=0; failed=0
check() {  # check NAME EXPECTED ACTUAL
  if [ "$2" = "$3" ]; then passed=$((passed + 1)); echo "  ok   $1"
  else failed=$((failed + 1)); echo "  FAIL $1: expected [$2], got [$3]"; fi
}
status_of() { curl -s -o "$DALA_RUN_DIR/body" -w '%{http_code}' "$@"; }
sql() { $S/pg.sh psql -d dala_e2e -tAc "$1"; }

doc='{"text":"Қазақстан мен Өзбекстан 2019 жылы Ташкентте келісімге қол қойды.","title":"e2e","language":"kk"}'
check "new document is accepted (202)" 202 "$(status_of -H 'Content-Type: application/json' -d "$doc" "$I/v1/documents")"
id1=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$DALA_RUN_DIR/body")
check "same text again answers 200" 200 "$(status_of -H 'Content-Type: application/json' -d "$doc" "$I/v1/documents")"
id2=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "$DALA_RUN_DIR/body")
check "same text again has the same id" "$id1" "$id2"

printf '\xff\xfe\xfa not utf8' >"$DALA_RUN_DIR/bad.txt"
check "invalid UTF-8 is a 400" 400 "$(status_of -H 'Content-Type: text/plain' --data-binary @"$DALA_RUN_DIR/bad.txt" "$I/v1/documents")"
check "its error is problem+json" "Invalid UTF-8" "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["title"])' "$DALA_RUN_DIR/body")"
check "empty body is a 4xx (400)" 400 "$(status_of -H 'Content-Type: application/json' --data-binary '' "$I/v1/documents")"
check "empty text is a 422" 422 "$(status_of -H 'Content-Type: application/json' -d '{"text":"   "}' "$I/v1/documents")"
check "malformed JSON is a 400" 400 "$(status_of -H 'Content-Type: application/json' -d '{"text": "abc' "$I/v1/documents")"
check "wrong JSON shape is a 422" 422 "$(status_of -H 'Content-Type: application/json' -d '{"text": 42}' "$I/v1/documents")"
check "unsupported media type is a 415" 415 "$(status_of -H 'Content-Type: image/png' -d 'x' "$I/v1/documents")"
head -c $((20 * 1024 * 1024)) /dev/zero | tr '\0' 'a' >"$DALA_RUN_DIR/huge.txt"
check "a 20 MB body is a 413" 413 "$(status_of -H 'Content-Type: text/plain' --data-binary @"$DALA_RUN_DIR/huge.txt" "$I/v1/documents")"
# Requests NIO's HTTP parser rejects never reach a route: ServiceHTTP.server still answers problem+json.
status_type_of() { curl -s -o "$DALA_RUN_DIR/body" -w '%{http_code} %{content_type}' "$@"; }
check "ingest: raw UTF-8 in the URL is a 400 problem" "400 application/problem+json" \
  "$(status_type_of --path-as-is -H 'Content-Type: text/plain' --data-binary 'x' "$I/v1/documents?title=$(printf '\xd0\x9a')")"
check "ingest: a 100 KB header is a 431 problem" "431 application/problem+json" \
  "$(status_type_of -H "X-Filler: $(head -c 100000 /dev/zero | tr '\0' a)" "$I/healthz")"
check "enrichment: raw UTF-8 in the URL is a 400 problem" "400 application/problem+json" \
  "$(status_type_of --path-as-is "http://127.0.0.1:$DALA_ENRICH_PORT/healthz?x=$(printf '\xd0\x9a')")"
check "ingest still serves after bad input" 200 "$(status_of "$I/healthz")"

printf '%s\n' '{"text":"Russia and China signed a treaty in 2001."}' 'not json' '{"text":"Russia and China signed a treaty in 2001."}' >"$DALA_RUN_DIR/batch.ndjson"
curl -s -H 'Content-Type: application/x-ndjson' --data-binary @"$DALA_RUN_DIR/batch.ndjson" "$I/v1/documents/batch" >"$DALA_RUN_DIR/batch.out"
check "batch answers one line per input line" 3 "$(wc -l <"$DALA_RUN_DIR/batch.out" | tr -d ' ')"
check "batch reports the bad line" 400 "$(sed -n 2p "$DALA_RUN_DIR/batch.out" | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')"
check "batch: the first of two equal lines is created, the repeat reports its id" "True False True" \
  "$(python3 -c 'import json,sys; a, _, b = [json.loads(l) for l in open(sys.argv[1])]; print(a["created"], b["created"], a["id"] == b["id"])' "$DALA_RUN_DIR/batch.out")"

# Stream 120 documents in, SIGKILL one worker mid-stream, restart it, and expect every document enriched exactly once.
python3 - "$DALA_RUN_DIR/stream.ndjson" deploy/demo-corpus <<'PY'
import json, os, sys
out, corpus = sys.argv[1], sys.argv[2]
texts = [open(os.path.join(corpus, f), encoding="utf-8").read() for f in sorted(os.listdir(corpus)) if f.endswith(".txt")]
with open(out, "w", encoding="utf-8") as f:
    for i in range(120):
        f.write(json.dumps({"text": texts[i % len(texts)] + f"\n\nNo. {i} ({2000 + i % 25})", "title": f"stream {i}"}, ensure_ascii=False) + "\n")
PY
curl -s -H 'Content-Type: application/x-ndjson' --data-binary @"$DALA_RUN_DIR/stream.ndjson" "$I/v1/documents/batch" >/dev/null &
sleep 1
$S/services.sh stop-one enrichment-1 KILL
sleep 2
$S/services.sh start-one enrichment-1
wait
total=$(sql "SELECT count(*) FROM documents")
for _ in $(seq 1 240); do
  [ "$(sql "SELECT count(*) FROM documents WHERE status = 'enriched'")" = "$total" ] && break
  sleep 0.5
done
check "every document enriched after the SIGKILL" "$total" "$(sql "SELECT count(*) FROM documents WHERE status = 'enriched'")"
check "no duplicated mention" 0 "$(sql "SELECT count(*) FROM (SELECT 1 FROM mentions GROUP BY document_id, start_offset, end_offset, entity_id HAVING count(*) > 1) d")"
check "no duplicated sentence" 0 "$(sql "SELECT count(*) FROM (SELECT 1 FROM sentences GROUP BY document_id, idx HAVING count(*) > 1) d")"
check "both workers took part" 2 "$(sql "SELECT count(DISTINCT worker) FROM extraction_runs")"
check "nothing dead-lettered" 0 "$(sql "SELECT count(*) FROM documents WHERE status = 'failed'")"

check "query: document by id" 200 "$(status_of "$Q/v1/documents/$id1?include=mentions")"
check "query: the document has mentions" True "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["mentions"]) > 0)' "$DALA_RUN_DIR/body")"
check "query: unknown id is a 404" 404 "$(status_of "$Q/v1/documents/00000000-0000-0000-0000-000000000000")"
check "query: bad id is a 400" 400 "$(status_of "$Q/v1/documents/not-a-uuid")"
check "query: list documents" 200 "$(status_of "$Q/v1/documents?limit=5")"
check "query: limit too large is a 400" 400 "$(status_of "$Q/v1/documents?limit=100000")"
check "query: entity lookup" 200 "$(status_of "$Q/v1/entities?name=%D0%9A%D0%B0%D0%B7%D0%B0%D1%85%D1%81%D1%82%D0%B0%D0%BD%D0%BE%D0%BC")"
check "query: search" 200 "$(status_of "$Q/v1/search?q=Kazakhstan")"
check "query: search finds documents" True "$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["items"]) > 0)' "$DALA_RUN_DIR/body")"
check "readyz of every service" "200 200 200" "$(status_of "$I/readyz") $(status_of "$Q/readyz") $(status_of "http://127.0.0.1:$DALA_ENRICH_PORT/readyz")"

# The query API against its own OpenAPI spec: schemathesis (installed by install-deps.sh) generates requests from
# openapi.json, valid and invalid, for every operation, over the documents enriched above. Deterministic generation
# (no seed, no example database kept between runs) makes a run repeatable; 60 examples per operation take ~30 s here,
# and `timeout` bounds a hung run (600 s: a loaded 2-core machine once needed over 150 s). Any failure fails the e2e run; the log has a curl line per failure.
ST_DIR="$ROOT/.local/schemathesis"
if [ -x "$ST_DIR/bin/schemathesis" ]; then
  st_started=$(date +%s)
  set +e
  # From the run directory: schemathesis keeps a .schemathesis/ cache in the current directory.
  (cd "$DALA_RUN_DIR" && PYTHONPATH="$ST_DIR" timeout 600 python3 "$ST_DIR/bin/schemathesis" run "$ROOT/openapi.json" --url "$Q" \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance \
    --phases examples,coverage,fuzzing,stateful --max-examples "${DALA_SCHEMATHESIS_EXAMPLES:-60}" \
    --generation-deterministic --workers 2 --request-timeout 10 \
    -H "Authorization: Bearer $DALA_OPERATOR_TOKEN" --no-color >"$DALA_RUN_DIR/schemathesis.log" 2>&1)
  st_status=$?
  set -e
  tail -n 25 "$DALA_RUN_DIR/schemathesis.log" | grep -E 'failure|passed|Test cases|generated|ST[0-9]+' || true
  check "schemathesis: the query API matches openapi.json ($(( $(date +%s) - st_started )) s; log $DALA_RUN_DIR/schemathesis.log)" 0 "$st_status"
else
  check "schemathesis installed (deploy/scripts/install-deps.sh)" yes no
fi
check "query still serves after schemathesis" 200 "$(status_of "$Q/healthz")"

# ---- Issue 15: the first hour as the README tells it, and the web workspace in a browser ---------------------------
# The demo corpus goes in through the CLI, then the README's "Using it" commands run as written (ports and the build
# directory rewritten, nothing else), then Debian's headless Chromium loads every page (screenshots in .local/screenshots).
echo "==> web workspace: demo corpus, README examples, upload through Kafka, pages in Chromium"
check "demo corpus submitted (dala submit --index)" 0 \
  "$(DALA_INGEST_URL="$I" "$DALA_BIN/dala" submit --index deploy/demo/index.tsv >/dev/null 2>&1; echo $?)"
wait_enriched() {
  for _ in $(seq 1 480); do
    [ "$(sql "SELECT count(*) FROM documents WHERE status NOT IN ('enriched', 'failed')")" = 0 ] && break
    sleep 0.5
  done
  sleep 5   # one refresh of the derived statistics (every 2 s here) after the last run
}
wait_enriched
check "demo corpus enriched" 36 "$(sql "SELECT count(*) FROM documents WHERE status = 'enriched' AND source LIKE 'file:%-20%'")"
check "titles come from the texts" "Tajikistan and Kyrgyzstan sign border treaty" \
  "$(sql "SELECT title FROM documents WHERE source = 'file:en-2025-tajik-kyrgyz-border-treaty.txt'")"
check "an empty NDJSON batch is a 400" 400 "$(status_of -H 'Content-Type: application/x-ndjson' --data-binary '' "$I/v1/documents/batch")"
set +e
python3 $S/readme-examples.py README.md "$DALA_QUERY_PORT" "$DALA_INGEST_PORT" "$DALA_BIN"
readme_status=$?
set -e
check "every README example runs as written" 0 "$readme_status"
printf 'Upload\n\nASTANA, 2 June 2025. Kazakhstan and Uzbekistan signed a water agreement in Astana (%s).\n' "$$" >"$DALA_RUN_DIR/upload.txt"
location=$(curl -s -o /dev/null -w '%{redirect_url}' -H "Origin: $Q" -F "files=@$DALA_RUN_DIR/upload.txt;type=text/plain" -F published=2025-06-02 "$Q/upload")
check "upload page answers with the page that follows the documents" yes "$(case "$location" in *"/upload?sha="*) echo yes;; *) echo "no: $location";; esac)"
for _ in $(seq 1 120); do
  curl -s "$location" | grep -q 'badge">enriched' && break
  sleep 0.5
done
check "an uploaded file reaches ingest through dala.documents.submit and is enriched" 1 "$(curl -s "$location" | grep -c 'badge">enriched')"
printf '<!DOCTYPE html><html><head><title>Water talks</title></head><body><p>ASTANA, 3 June 2025. Kazakhstan and Kyrgyzstan signed a transit agreement in Bishkek (%s).</p></body></html>\n' "$$" >"$DALA_RUN_DIR/page-$$"
check "dala submit sends an HTML file (sniffed, no extension) raw" 0 \
  "$(DALA_INGEST_URL="$I" "$DALA_BIN/dala" submit --published 2025-06-03 "$DALA_RUN_DIR/page-$$" >/dev/null 2>&1; echo $?)"
wait_enriched
set +e
python3 $S/browser-check.py "$Q" "$ROOT/.local/screenshots"
browser_status=$?
set -e
check "the web pages in headless Chromium (screenshots in .local/screenshots)" 0 "$browser_status"
check "the submitted HTML file is enriched, with its own title" "enriched|Water talks" \
  "$(sql "SELECT d.status || '|' || d.title FROM documents d JOIN document_files f ON f.document_id = d.id WHERE d.source = 'file:page-$$' AND f.media_type = 'text/html'")"

echo "e2e: $passed passed, $failed failed"
[ "$failed" = 0 ]
