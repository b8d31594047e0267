-- Cheaper annotation writes (issue 17). Every index entry and every per-row check is paid by each COPY of the
-- enrichment write (~225 rows per news document); these three bought nothing a query or the integrity of the store
-- needs in that form.

-- 1. Events by document: the unique constraint (document_id, extractor_version, event_key) has the same leading
--    columns and serves every lookup this one did (a document's events, the rewrite's delete, counts per document).
DROP INDEX IF EXISTS events_document_idx;

-- 2. Keywords by lower(text): no statement reads keywords other than by document (keywords_document_idx).
DROP INDEX IF EXISTS keywords_text_idx;

-- 3. Mentions → entities, checked once per statement instead of once per row. The foreign key ran one
--    `SELECT 1 FROM entities WHERE id = $1 FOR KEY SHARE` per mention (~50 per news document, ~3,300 per write of 64:
--    a third of the COPY into mentions); the trigger below takes the same lock on each distinct entity of the
--    statement's rows (a few hundred per write: every document names the same countries) and fails the statement
--    when one is missing, with the same SQLSTATE (23503). The other side of the constraint stays too: deleting an
--    entity, or changing its id, fails while a mention refers to it. Same guarantee under concurrency: a writer
--    holds KEY SHARE on its entities until it commits, so a delete waits for it and then sees its mentions; a
--    writer that comes after an uncommitted delete waits for it and then finds (locks) fewer rows than it wants.
ALTER TABLE mentions DROP CONSTRAINT IF EXISTS mentions_entity_id_fkey;

CREATE FUNCTION dala_mentions_entities_exist() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    wanted text[] := ARRAY(SELECT DISTINCT entity_id FROM added ORDER BY 1);
    locked integer;
BEGIN
    -- In id order, as the write inserts entities: concurrent statements lock in one order.
    PERFORM 1 FROM entities WHERE id = ANY (wanted) ORDER BY id FOR KEY SHARE;
    GET DIAGNOSTICS locked = ROW_COUNT;
    IF locked < cardinality(wanted) THEN
        RAISE EXCEPTION 'insert or update on table "mentions" violates the reference to "entities"'
            USING ERRCODE = 'foreign_key_violation',
                  DETAIL = format('Key (entity_id)=(%s) is not present in table "entities".',
                                  (SELECT min(w) FROM unnest(wanted) w WHERE NOT EXISTS (SELECT 1 FROM entities e WHERE e.id = w)));
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER mentions_entities_added AFTER INSERT ON mentions REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION dala_mentions_entities_exist();
CREATE TRIGGER mentions_entities_changed AFTER UPDATE ON mentions REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION dala_mentions_entities_exist();

CREATE FUNCTION dala_entities_still_mentioned() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    mentioned text;
BEGIN
    SELECT m.entity_id INTO mentioned FROM mentions m
    WHERE m.entity_id = ANY (ARRAY(SELECT g.id FROM gone g WHERE NOT EXISTS (SELECT 1 FROM entities e WHERE e.id = g.id)))
    LIMIT 1;
    IF mentioned IS NOT NULL THEN
        RAISE EXCEPTION 'update or delete on table "entities" violates the reference from "mentions"'
            USING ERRCODE = 'foreign_key_violation',
                  DETAIL = format('Key (id)=(%s) is still referenced from table "mentions".', mentioned);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER entities_gone AFTER DELETE ON entities REFERENCING OLD TABLE AS gone
    FOR EACH STATEMENT EXECUTE FUNCTION dala_entities_still_mentioned();
CREATE TRIGGER entities_changed AFTER UPDATE ON entities REFERENCING OLD TABLE AS gone
    FOR EACH STATEMENT EXECUTE FUNCTION dala_entities_still_mentioned();
-- TRUNCATE runs no row triggers: refuse it on entities while mentions has rows, as the foreign key did.
CREATE FUNCTION dala_entities_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM mentions) THEN
        RAISE EXCEPTION 'cannot truncate "entities": "mentions" refers to it' USING ERRCODE = 'feature_not_supported';
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER entities_truncated BEFORE TRUNCATE ON entities
    FOR EACH STATEMENT EXECUTE FUNCTION dala_entities_truncated();
