-- Dala schema, version 1.
-- Offsets (start_offset, end_offset) are Unicode code point indices into documents.raw_text, half-open,
-- the unit of PostgreSQL's substr(): substr(raw_text, start_offset + 1, end_offset - start_offset) is the span.

CREATE TABLE documents (
    id                 uuid PRIMARY KEY,
    sha256             text NOT NULL,
    raw_text           text NOT NULL,
    title              text,
    source             text,
    language           text,                      -- as declared by the submitter
    detected_language  text,                      -- dominant language found by the analyser
    languages          jsonb NOT NULL DEFAULT '{}',  -- share of text per language
    published          date,
    published_precision text,                     -- year | month | day
    metadata           jsonb NOT NULL DEFAULT '{}',
    char_length        integer NOT NULL,
    received_at        timestamptz NOT NULL DEFAULT now(),
    queued_at          timestamptz,
    enriched_at        timestamptz,
    status             text NOT NULL DEFAULT 'received'
                       CHECK (status IN ('received', 'queued', 'enriched', 'failed')),
    extractor_version  text,
    attempts           integer NOT NULL DEFAULT 0,  -- enrichment attempts; bounds crash loops on poison documents
    error              text,
    analysis           jsonb,                     -- structure, boundaries, keywords, repair stats
    CONSTRAINT documents_sha256_key UNIQUE (sha256)
);
-- Listing newest first with a stable cursor; the outbox sweep finds documents never published.
CREATE INDEX documents_received_idx ON documents (received_at DESC, id DESC);
CREATE INDEX documents_unpublished_idx ON documents (received_at) WHERE status = 'received';
CREATE INDEX documents_status_idx ON documents (status);

CREATE TABLE extraction_runs (
    id                 bigserial PRIMARY KEY,
    document_id        uuid NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    extractor_version  text NOT NULL,
    config_hash        text NOT NULL,
    worker             text,
    started_at         timestamptz NOT NULL,
    finished_at        timestamptz NOT NULL DEFAULT now(),
    duration_ms        double precision NOT NULL,
    stats              jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX extraction_runs_document_idx ON extraction_runs (document_id, finished_at DESC);

-- Canonical entities: from the knowledge base (Wikidata QID or dala: id) or document-local ("local:...").
CREATE TABLE entities (
    id                 text PRIMARY KEY,
    type               text NOT NULL,
    label_en           text,
    label_ru           text,
    label_kk           text,
    aliases            text[] NOT NULL DEFAULT '{}',
    from_kb            boolean NOT NULL DEFAULT false,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX entities_type_idx ON entities (type);
-- Lookup by any label or alias, case-insensitively (entity search by name).
CREATE INDEX entities_names_idx ON entities USING gin (aliases);
CREATE INDEX entities_label_en_idx ON entities (lower(label_en));
CREATE INDEX entities_label_ru_idx ON entities (lower(label_ru));
CREATE INDEX entities_label_kk_idx ON entities (lower(label_kk));

CREATE TABLE sentences (
    document_id        uuid NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    extractor_version  text NOT NULL,
    idx                integer NOT NULL,
    start_offset       integer NOT NULL,
    end_offset         integer NOT NULL,
    language           text NOT NULL,
    confidence         real NOT NULL,
    section            text,
    text               text NOT NULL,
    -- The analyser's own normalised stems (Kazakh has no PostgreSQL configuration), indexed with 'simple'.
    search             tsvector NOT NULL,
    PRIMARY KEY (document_id, extractor_version, idx)
);
CREATE INDEX sentences_search_idx ON sentences USING gin (search);

CREATE TABLE mentions (
    id                 bigserial PRIMARY KEY,
    document_id        uuid NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    extractor_version  text NOT NULL,
    entity_id          text NOT NULL REFERENCES entities (id),
    start_offset       integer NOT NULL,
    end_offset         integer NOT NULL,
    surface            text NOT NULL,
    sentence_index     integer NOT NULL,
    kind               text NOT NULL,             -- name | acronym | adjective | metonymy
    confidence         real NOT NULL,
    alternatives       text[] NOT NULL DEFAULT '{}'
);
-- Entity profile and mentions list (by entity), annotations of a document (by document).
CREATE INDEX mentions_entity_idx ON mentions (entity_id, document_id);
CREATE INDEX mentions_document_idx ON mentions (document_id, extractor_version, start_offset);

CREATE TABLE time_expressions (
    id                 bigserial PRIMARY KEY,
    document_id        uuid NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    extractor_version  text NOT NULL,
    start_offset       integer NOT NULL,
    end_offset         integer NOT NULL,
    surface            text NOT NULL,
    sentence_index     integer NOT NULL,
    value              text,
    range_start        date,
    range_end          date,
    precision          text NOT NULL,
    relative           boolean NOT NULL DEFAULT false
);
CREATE INDEX time_expressions_document_idx ON time_expressions (document_id, extractor_version, start_offset);

CREATE TABLE events (
    id                 uuid PRIMARY KEY,
    document_id        uuid NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    extractor_version  text NOT NULL,
    event_key          text NOT NULL,             -- stable within the document
    type               text NOT NULL,
    cameo              text,
    plover             text,
    modality           text NOT NULL,
    speaker_entity_id  text,
    date_value         text,
    date_start         date,
    date_end           date,
    date_precision     text,
    confidence         real NOT NULL,
    language           text NOT NULL,
    UNIQUE (document_id, extractor_version, event_key)
);
CREATE INDEX events_type_date_idx ON events (type, date_start);
CREATE INDEX events_document_idx ON events (document_id, extractor_version);

CREATE TABLE event_participants (
    event_id           uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    role               text NOT NULL,             -- actor | counterpart | place | speaker
    entity_id          text,                      -- NULL for role-only participants ("the parties")
    surface            text NOT NULL,
    start_offset       integer,
    end_offset         integer
);
CREATE INDEX event_participants_event_idx ON event_participants (event_id);
CREATE INDEX event_participants_entity_idx ON event_participants (entity_id, event_id);

CREATE TABLE event_mentions (
    event_id           uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    sentence_index     integer NOT NULL,
    start_offset       integer NOT NULL,
    end_offset         integer NOT NULL,
    evidence           text NOT NULL,
    trigger            text NOT NULL,
    trigger_start      integer NOT NULL,
    trigger_end        integer NOT NULL,
    confidence         real NOT NULL
);
CREATE INDEX event_mentions_event_idx ON event_mentions (event_id);

CREATE TABLE keywords (
    document_id        uuid NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    extractor_version  text NOT NULL,
    text               text NOT NULL,
    language           text NOT NULL,
    source             text NOT NULL,             -- author | computed
    score              real NOT NULL
);
CREATE INDEX keywords_document_idx ON keywords (document_id);
CREATE INDEX keywords_text_idx ON keywords (lower(text));
