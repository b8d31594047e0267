#!/usr/bin/env bash
# Builds the query load store in its own database: schema from the migrations, generated rows written with COPY,
# derived statistics computed, tables analysed. Idempotent: an existing store with enough documents is kept.
#
#   load.sh DATABASE DOCS      (PostgreSQL from deploy/scripts/pg.sh: DALA_PG_DIR / DALA_PG_PORT)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
HERE="$ROOT/Benchmarks/QueryLoad"
DB="${1:-dala_bench}"
DOCS="${2:-100000}"
PSQL=("$ROOT/deploy/scripts/pg.sh" psql)
WORK="${DALA_BENCH_WORK:-$ROOT/.local/bench-query}"
mkdir -p "$WORK"

have=$("${PSQL[@]}" -d "$DB" -tAc "SELECT count(*) FROM documents" 2>/dev/null || echo 0)
if [ "${have:-0}" -ge "$DOCS" ]; then
  echo "[bench] store $DB already has $have documents"
  if [ ! -s "$WORK/gen/sample-entities.tsv" ]; then
    # The generation folder is gone (another checkout, /tmp cleaned): draw the request samples from the store itself,
    # in the formats generate.py writes (names and ids, 40 documents, the 40 most mentioned entities).
    echo "[bench] writing request samples from the store"
    mkdir -p "$WORK/gen"
    "${PSQL[@]}" -d "$DB" -tA -F $'\t' -c "SELECT DISTINCT n, id FROM entities e, LATERAL unnest(ARRAY[label_en, label_ru, label_kk] || aliases) n WHERE n IS NOT NULL AND n <> '' AND EXISTS (SELECT 1 FROM entity_stats s WHERE s.entity_id = e.id) ORDER BY 1, 2" >"$WORK/gen/names.tsv"
    "${PSQL[@]}" -d "$DB" -tA -c "SELECT id FROM documents ORDER BY received_at, id LIMIT 1000" >"$WORK/gen/sample-documents.txt"
    "${PSQL[@]}" -d "$DB" -tA -F $'\t' -c "SELECT e.id, coalesce(label_en, ''), coalesce(label_ru, ''), coalesce(label_kk, '') FROM entity_stats s JOIN entities e ON e.id = s.entity_id ORDER BY s.mentions DESC, e.id LIMIT 40" >"$WORK/gen/sample-entities.tsv"
  fi
  exit 0
fi
echo "[bench] generating $DOCS documents"
"${PSQL[@]}" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB OWNER dala" >/dev/null
rm -rf "$WORK/gen"
t0=$(date +%s)
python3 "$HERE/generate.py" --docs "$DOCS" --out "$WORK/gen"
t1=$(date +%s)
echo "[bench] generated in $((t1 - t0)) s; loading with COPY"
# The generated rows have the schema of migrations 0001-0005 (entity labels and aliases as columns): the store is
# loaded at that version, then upgraded by the later migrations as a deployed store would be (0006 moves the names
# into entity_names; views created after the load are computed from the loaded rows).
migrations() {  # migrations FIRST LAST: the bundled migrations with FIRST <= version <= LAST, in one transaction
  echo "BEGIN;"
  for f in "$ROOT"/Shared/DalaStorage/Migrations/*.sql; do
    base=$(basename "$f" .sql)
    version=$((10#${base%%_*}))
    [ "$version" -ge "$1" ] && [ "$version" -le "$2" ] || continue
    cat "$f"
    echo ";"
    echo "INSERT INTO schema_migrations (version, name) VALUES ($version, '${base#*_}');"
  done
  echo "COMMIT;"
}
{
  echo "CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());"
  migrations 1 5
  cat <<SQL
\copy entities (id, type, label_en, label_ru, label_kk, aliases, from_kb) FROM '$WORK/gen/entities.csv' WITH (FORMAT csv)
\copy documents (id, sha256, raw_text, title, source, language, detected_language, languages, published, published_precision, metadata, char_length, received_at, enriched_at, status, extractor_version, attempts, analysis) FROM '$WORK/gen/documents.csv' WITH (FORMAT csv)
\copy sentences (document_id, extractor_version, idx, start_offset, end_offset, language, confidence, section, text, search) FROM '$WORK/gen/sentences.csv' WITH (FORMAT csv)
\copy mentions (document_id, extractor_version, entity_id, start_offset, end_offset, surface, sentence_index, kind, confidence, alternatives) FROM '$WORK/gen/mentions.csv' WITH (FORMAT csv)
\copy events (id, document_id, extractor_version, event_key, type, cameo, plover, modality, speaker_entity_id, date_value, date_start, date_end, date_precision, confidence, language) FROM '$WORK/gen/events.csv' WITH (FORMAT csv)
\copy event_participants (event_id, role, entity_id, surface, start_offset, end_offset) FROM '$WORK/gen/event_participants.csv' WITH (FORMAT csv)
\copy event_mentions (event_id, sentence_index, start_offset, end_offset, evidence, trigger, trigger_start, trigger_end, confidence) FROM '$WORK/gen/event_mentions.csv' WITH (FORMAT csv)
\copy extraction_runs (document_id, extractor_version, config_hash, worker, started_at, duration_ms, stats) FROM '$WORK/gen/extraction_runs.csv' WITH (FORMAT csv)
SQL
  migrations 6 9999
  cat <<SQL
SET maintenance_work_mem = '256MB';
SET work_mem = '256MB';
REFRESH MATERIALIZED VIEW entity_stats;
REFRESH MATERIALIZED VIEW entity_cooccurrence;
REFRESH MATERIALIZED VIEW entity_event_partners;
REFRESH MATERIALIZED VIEW entity_timeline;
REFRESH MATERIALIZED VIEW event_facets;
REFRESH MATERIALIZED VIEW corpus_totals;
VACUUM ANALYZE;
SQL
} | "${PSQL[@]}" -d "$DB" -v ON_ERROR_STOP=1 -q
t2=$(date +%s)
echo "[bench] loaded in $((t2 - t1)) s:"
"${PSQL[@]}" -d "$DB" -tAc "SELECT 'documents ' || count(*) FROM documents UNION ALL SELECT 'sentences ' || count(*) FROM sentences UNION ALL SELECT 'mentions ' || count(*) FROM mentions UNION ALL SELECT 'events ' || count(*) FROM events UNION ALL SELECT 'entities ' || count(*) FROM entities" | sed 's/^/[bench]   /'
