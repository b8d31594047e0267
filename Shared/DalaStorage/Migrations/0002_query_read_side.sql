-- Dala schema, version 2: indexes and derived statistics for the query API (issue 6).
-- Nothing here changes what the write side stores; the enrichment worker's transaction is untouched.
--
-- Per-request queries use indexes only. Aggregates over the whole store (mention and document counts per entity,
-- co-occurrence, timelines, event facets) would scan millions of mention rows per request on a 100k-document
-- store, so they live in materialized views that the query service refreshes CONCURRENTLY (readers are never
-- blocked) when a newer extraction run exists (`QueryStore.refreshDerived`). Every answer built from them says
-- when they were computed (`corpus_totals.refreshed_at`).

-- GET /v1/entities/{id}/mentions: keyset pages (entity_id = $1 AND id > $cursor ORDER BY id) without a sort.
CREATE INDEX mentions_entity_page_idx ON mentions (entity_id, id);

-- GET /v1/events (and the event export): newest events first with a stable keyset. Undated events sort last under
-- a sentinel date, so the key is never NULL and `(date_key, id) < ($1, $2)` walks the index.
CREATE INDEX events_date_key_idx ON events ((coalesce(date_start, DATE '0001-01-01')) DESC, id DESC);
-- GET /v1/events?type=: the same order within one event type.
CREATE INDEX events_type_date_key_idx ON events (type, (coalesce(date_start, DATE '0001-01-01')) DESC, id DESC);

-- POST /v1/reprocess: documents of one (older) extractor version in id order, page by page.
CREATE INDEX documents_extractor_version_idx ON documents (extractor_version, id);

-- Refresh check and GET /v1/stats: the newest extraction run without scanning the runs table.
CREATE INDEX extraction_runs_finished_idx ON extraction_runs (finished_at);

-- GET /v1/entities?name=: case-insensitive match on any stored alias (local entities the knowledge base does not
-- know). 0001's GIN index on `aliases` matches exact case only.
CREATE FUNCTION dala_lower_array(text[]) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT coalesce(array_agg(lower(x)), '{}') FROM unnest($1) AS x $$;
CREATE INDEX entities_aliases_lower_idx ON entities USING gin (dala_lower_array(aliases));

-- Per entity: mentions, documents and sentences that mention it, first/last publication date of those documents,
-- events it takes part in and their date range. Entity profile, lookup ranking and PMI denominators.
CREATE MATERIALIZED VIEW entity_stats AS
WITH per_sentence AS (
    SELECT entity_id, document_id, sentence_index, count(*) AS n FROM mentions GROUP BY 1, 2, 3
), per_document AS (
    SELECT entity_id, document_id, sum(n) AS n, count(*) AS sentences FROM per_sentence GROUP BY 1, 2
), mention_stats AS (
    SELECT p.entity_id, sum(p.n)::bigint AS mentions, count(*)::bigint AS documents, sum(p.sentences)::bigint AS sentences,
           min(d.published) AS first_published, max(d.published) AS last_published
    FROM per_document p JOIN documents d ON d.id = p.document_id
    GROUP BY p.entity_id
), event_stats AS (
    SELECT p.entity_id, count(DISTINCT p.event_id)::bigint AS events, min(e.date_start) AS first_event,
           max(coalesce(e.date_end, e.date_start)) AS last_event
    FROM event_participants p JOIN events e ON e.id = p.event_id
    WHERE p.entity_id IS NOT NULL
    GROUP BY p.entity_id
)
SELECT e.id AS entity_id, coalesce(m.mentions, 0) AS mentions, coalesce(m.documents, 0) AS documents,
       coalesce(m.sentences, 0) AS sentences, m.first_published, m.last_published,
       coalesce(v.events, 0) AS events, v.first_event, v.last_event
FROM entities e
LEFT JOIN mention_stats m ON m.entity_id = e.id
LEFT JOIN event_stats v ON v.entity_id = e.id;
CREATE UNIQUE INDEX entity_stats_pkey ON entity_stats (entity_id);

-- Ordered pairs (both directions) of entities mentioned in the same document / the same sentence.
-- GET /v1/entities/{id}/cooccurrences reads one entity's partners in count order; GET /v1/graph walks it.
CREATE MATERIALIZED VIEW entity_cooccurrence AS
WITH in_document AS (
    SELECT DISTINCT entity_id, document_id FROM mentions
), in_sentence AS (
    SELECT DISTINCT entity_id, document_id, sentence_index FROM mentions
), document_pairs AS (
    SELECT a.entity_id AS a, b.entity_id AS b, count(*)::bigint AS documents
    FROM in_document a JOIN in_document b ON b.document_id = a.document_id AND b.entity_id <> a.entity_id
    GROUP BY 1, 2
), sentence_pairs AS (
    SELECT a.entity_id AS a, b.entity_id AS b, count(*)::bigint AS sentences
    FROM in_sentence a JOIN in_sentence b
         ON b.document_id = a.document_id AND b.sentence_index = a.sentence_index AND b.entity_id <> a.entity_id
    GROUP BY 1, 2
)
SELECT d.a AS entity_id, d.b AS partner_id, d.documents, coalesce(s.sentences, 0) AS sentences
FROM document_pairs d LEFT JOIN sentence_pairs s ON s.a = d.a AND s.b = d.b;
CREATE UNIQUE INDEX entity_cooccurrence_pkey ON entity_cooccurrence (entity_id, partner_id);
CREATE INDEX entity_cooccurrence_documents_idx ON entity_cooccurrence (entity_id, documents DESC, partner_id);
CREATE INDEX entity_cooccurrence_sentences_idx ON entity_cooccurrence (entity_id, sentences DESC, partner_id);

-- Entities taking part in the same event, per event type: the "relations" of an entity profile.
CREATE MATERIALIZED VIEW entity_event_partners AS
SELECT a.entity_id, b.entity_id AS partner_id, e.type, count(DISTINCT e.id)::bigint AS events
FROM event_participants a
JOIN event_participants b ON b.event_id = a.event_id AND b.entity_id <> a.entity_id
JOIN events e ON e.id = a.event_id
WHERE a.entity_id IS NOT NULL AND b.entity_id IS NOT NULL
GROUP BY 1, 2, 3;
CREATE UNIQUE INDEX entity_event_partners_pkey ON entity_event_partners (entity_id, partner_id, type);

-- Events per month and type, per participating entity and for the whole store (entity_id '*'). Undated events
-- are counted under the sentinel month 0001-01-01. GET /v1/timeline sums months into years when asked.
CREATE MATERIALIZED VIEW entity_timeline AS
SELECT p.entity_id, coalesce(date_trunc('month', e.date_start)::date, DATE '0001-01-01') AS month, e.type,
       count(DISTINCT e.id)::bigint AS events
FROM event_participants p JOIN events e ON e.id = p.event_id
WHERE p.entity_id IS NOT NULL
GROUP BY 1, 2, 3
UNION ALL
SELECT '*', coalesce(date_trunc('month', e.date_start)::date, DATE '0001-01-01'), e.type, count(*)::bigint
FROM events e
GROUP BY 2, 3;
CREATE UNIQUE INDEX entity_timeline_pkey ON entity_timeline (entity_id, month, type);

-- Distinct event types, modalities and languages with counts: validation of ?type= / ?modality= and /v1/stats.
CREATE MATERIALIZED VIEW event_facets AS
SELECT 'type' AS facet, type AS value, count(*)::bigint AS events FROM events GROUP BY type
UNION ALL
SELECT 'modality', modality, count(*)::bigint FROM events GROUP BY modality
UNION ALL
SELECT 'language', language, count(*)::bigint FROM events GROUP BY language;
CREATE UNIQUE INDEX event_facets_pkey ON event_facets (facet, value);

-- Store-wide totals (PMI's N) and when the views above were computed.
CREATE MATERIALIZED VIEW corpus_totals AS
SELECT 1 AS id,
       (SELECT count(*) FROM documents WHERE status = 'enriched')::bigint AS documents,
       (SELECT count(*) FROM sentences)::bigint AS sentences,
       (SELECT max(finished_at) FROM extraction_runs) AS last_run,
       now() AS refreshed_at;
CREATE UNIQUE INDEX corpus_totals_pkey ON corpus_totals (id);
