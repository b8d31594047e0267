-- The annotation tables are written only by the enrichment transaction, which locks its documents first and writes
-- rows for those documents and for the events it inserts itself. Their per-row foreign-key checks (one `SELECT …
-- FOR KEY SHARE` per row: ~300 for a news document) were a third of the COPY time (issue 17). The checks go; what
-- they did on delete stays, as one set-based statement per table: deleting documents deletes their annotations,
-- deleting events (a rewrite replaces a document's events) deletes their participants, evidence and story reports.
-- Mentions keep their reference to entities (entities are shared between workers and documents).
ALTER TABLE sentences DROP CONSTRAINT IF EXISTS sentences_document_id_fkey;
ALTER TABLE mentions DROP CONSTRAINT IF EXISTS mentions_document_id_fkey;
ALTER TABLE time_expressions DROP CONSTRAINT IF EXISTS time_expressions_document_id_fkey;
ALTER TABLE events DROP CONSTRAINT IF EXISTS events_document_id_fkey;
ALTER TABLE keywords DROP CONSTRAINT IF EXISTS keywords_document_id_fkey;
ALTER TABLE event_participants DROP CONSTRAINT IF EXISTS event_participants_event_id_fkey;
ALTER TABLE event_mentions DROP CONSTRAINT IF EXISTS event_mentions_event_id_fkey;
ALTER TABLE event_story_reports DROP CONSTRAINT IF EXISTS event_story_reports_event_id_fkey;

-- `= ANY (ARRAY(…))`, not `IN (SELECT …)`: the planner cannot know how many rows a transition table holds and chose a
-- sequential scan of the child table (30 ms on 35,000 participants for a rewrite that deleted nothing, growing with
-- the store); an array is probed through the child's index, one lookup per deleted row.
CREATE FUNCTION dala_documents_gone() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM events WHERE document_id = ANY (ARRAY(SELECT id FROM gone));
    DELETE FROM mentions WHERE document_id = ANY (ARRAY(SELECT id FROM gone));
    DELETE FROM sentences WHERE document_id = ANY (ARRAY(SELECT id FROM gone));
    DELETE FROM time_expressions WHERE document_id = ANY (ARRAY(SELECT id FROM gone));
    DELETE FROM keywords WHERE document_id = ANY (ARRAY(SELECT id FROM gone));
    RETURN NULL;
END $$;
CREATE TRIGGER documents_gone AFTER DELETE ON documents REFERENCING OLD TABLE AS gone
    FOR EACH STATEMENT EXECUTE FUNCTION dala_documents_gone();

CREATE FUNCTION dala_events_gone() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM event_participants WHERE event_id = ANY (ARRAY(SELECT id FROM gone));
    DELETE FROM event_mentions WHERE event_id = ANY (ARRAY(SELECT id FROM gone));
    DELETE FROM event_story_reports WHERE event_id = ANY (ARRAY(SELECT id FROM gone));
    RETURN NULL;
END $$;
CREATE TRIGGER events_gone AFTER DELETE ON events REFERENCING OLD TABLE AS gone
    FOR EACH STATEMENT EXECUTE FUNCTION dala_events_gone();
