-- One real-world event however many documents report it (issue 14). Every stored event ("report": one document's
-- event with its own offsets, evidence, modality, date and confidence, unchanged in `events` / `event_mentions`) is
-- linked to a story: the cluster of reports of the same event (same type, overlapping participants, compatible dates,
-- no conflicting place). A story is only a label shared by its reports, so a report that disappears (reprocessing,
-- a deleted document) leaves nothing to clean up and conflicting dates or modalities across sources stay visible
-- on the reports. Written by the enrichment worker in the transaction that writes the events (`StoryLinker`).
CREATE TABLE event_story_reports (
    event_id           uuid PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
    story_id           uuid NOT NULL,
    document_id        uuid NOT NULL,
    -- 1 for the report that started the story, otherwise the rule's score against the report it was matched to.
    similarity         real NOT NULL
);
-- The reports of a story (event detail, collapsed lists).
CREATE INDEX event_story_reports_story_idx ON event_story_reports (story_id, document_id);
