-- Story linking leaves the enrichment write (issue 17): the worker writes a document's events, and a story linker
-- (a consumer of dala.documents.enriched in its own group, `StoryLinks`) links them in batches of hundreds of
-- documents later. `stories_linked_at` says when a document's current events were linked: the enrichment write sets
-- it to NULL (its events have no story yet), the linker to now(). A document is waiting for its stories while it is
-- enriched and this is NULL; the linker reads and locks only those, so a redelivered message links nothing twice.
-- Documents stored before were linked by their write: they get this migration's time. Added with a default and the
-- default dropped, so existing rows take it without a rewrite of the table (PostgreSQL >= 11); new rows start NULL.
ALTER TABLE documents ADD COLUMN stories_linked_at timestamptz DEFAULT now();
ALTER TABLE documents ALTER COLUMN stories_linked_at DROP DEFAULT;
-- The backlog (freshness of stories, the linker's sweep): small, so a partial index keeps counting it cheap.
CREATE INDEX documents_stories_pending_idx ON documents (enriched_at) WHERE status = 'enriched' AND stories_linked_at IS NULL;
