-- The shapes a story has been told in (issue 17): what the story rule compares, once per distinct shape of a story's
-- reports, with how many reports have it. The linker reads its candidates here instead of re-aggregating every stored
-- report: a story told by a thousand copies of one wire report is one row, so linking a batch costs what the
-- distinct shapes near it cost, not what the whole store costs. A report keeps the key of its shape; when the report
-- goes (reprocessing, a deleted document) the trigger below takes it off its shape's count, and a shape no report
-- has any more is deleted, so a story never matches on what no stored report says.
CREATE TABLE event_story_shapes (
    story_id      uuid NOT NULL,
    -- A digest of the fields below (the linker's own; the backfill below uses md5 of the same fields).
    shape         uuid NOT NULL,
    type          text NOT NULL,
    date_start    date NOT NULL,
    date_end      date NOT NULL,
    date_precision text,
    -- Non-place participants and the speaker; places; counterparts; objects (entity ids, sorted).
    participants  text[] NOT NULL,
    places        text[] NOT NULL,
    counterparts  text[] NOT NULL,
    objects       text[] NOT NULL,
    reports       integer NOT NULL,
    PRIMARY KEY (story_id, shape)
);
CREATE INDEX event_story_shapes_window_idx ON event_story_shapes (type, date_start);

ALTER TABLE event_story_reports ADD COLUMN shape uuid;

CREATE FUNCTION dala_story_report_gone() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.shape IS NOT NULL THEN
        UPDATE event_story_shapes SET reports = reports - 1 WHERE story_id = OLD.story_id AND shape = OLD.shape;
        DELETE FROM event_story_shapes WHERE story_id = OLD.story_id AND shape = OLD.shape AND reports <= 0;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER event_story_reports_gone AFTER DELETE OR UPDATE OF story_id, shape ON event_story_reports
    FOR EACH ROW EXECUTE FUNCTION dala_story_report_gone();

-- Backfill: the shapes of the reports already stored (linkable ones: dated no coarser than a year, a participant).
CREATE TEMPORARY TABLE story_shape_backfill ON COMMIT DROP AS
SELECT r.event_id, r.story_id, e.type, e.date_start,
       CASE WHEN e.date_precision = 'range' THEN e.date_end ELSE coalesce(e.date_end, e.date_start) END AS date_end,
       e.date_precision,
       ARRAY(SELECT x FROM (SELECT DISTINCT x FROM unnest(
                 ARRAY(SELECT p.entity_id FROM event_participants p
                       WHERE p.event_id = e.id AND p.entity_id IS NOT NULL AND p.role <> 'place')
                 || CASE WHEN e.speaker_entity_id IS NULL THEN '{}'::text[] ELSE ARRAY[e.speaker_entity_id] END) AS x) d
             ORDER BY x COLLATE "C") AS participants,
       ARRAY(SELECT x FROM (SELECT DISTINCT p.entity_id AS x FROM event_participants p
                            WHERE p.event_id = e.id AND p.entity_id IS NOT NULL AND p.role = 'place') d
             ORDER BY x COLLATE "C") AS places,
       ARRAY(SELECT x FROM (SELECT DISTINCT p.entity_id AS x FROM event_participants p
                            WHERE p.event_id = e.id AND p.entity_id IS NOT NULL AND p.role = 'counterpart') d
             ORDER BY x COLLATE "C") AS counterparts,
       ARRAY(SELECT x FROM (SELECT DISTINCT p.entity_id AS x FROM event_participants p
                            WHERE p.event_id = e.id AND p.entity_id IS NOT NULL AND p.role = 'object') d
             ORDER BY x COLLATE "C") AS objects
FROM event_story_reports r JOIN events e ON e.id = r.event_id
WHERE e.date_start IS NOT NULL
  AND coalesce(e.date_precision, 'day') IN ('day', 'month', 'year', 'week', 'range');
DELETE FROM story_shape_backfill
WHERE date_end IS NULL OR date_end < date_start OR date_end - date_start > 370
   OR (cardinality(participants) = 0 AND cardinality(places) = 0);
UPDATE story_shape_backfill SET participants = places WHERE cardinality(participants) = 0;

UPDATE event_story_reports r
SET shape = md5(concat_ws(E'\x1e', b.type, b.date_start::text, b.date_end::text, coalesce(b.date_precision, ''),
                          array_to_string(b.participants, E'\x1f'), array_to_string(b.places, E'\x1f'),
                          array_to_string(b.counterparts, E'\x1f'), array_to_string(b.objects, E'\x1f')))::uuid
FROM story_shape_backfill b WHERE b.event_id = r.event_id;

INSERT INTO event_story_shapes (story_id, shape, type, date_start, date_end, date_precision, participants, places,
                                counterparts, objects, reports)
SELECT r.story_id, r.shape, min(b.type), min(b.date_start), min(b.date_end), min(b.date_precision),
       min(b.participants), min(b.places), min(b.counterparts), min(b.objects), count(*)
FROM event_story_reports r JOIN story_shape_backfill b ON b.event_id = r.event_id
GROUP BY r.story_id, r.shape;
