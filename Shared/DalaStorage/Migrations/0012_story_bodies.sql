-- The organisations and formats among a story shape's participants (entity types organization and programme): a body
-- meets once a day, so two reports of a meeting of one body on one day are one event (StoryRule, issue 14). Derived
-- from the participants, so it is not part of the shape's key; shapes stored before get it from the entities table.
ALTER TABLE event_story_shapes ADD COLUMN bodies text[] NOT NULL DEFAULT '{}';
UPDATE event_story_shapes s
SET bodies = ARRAY(SELECT e.id FROM entities e WHERE e.id = ANY(s.participants) AND e.type IN ('organization', 'programme')
                   ORDER BY e.id COLLATE "C")
WHERE EXISTS (SELECT 1 FROM entities e WHERE e.id = ANY(s.participants) AND e.type IN ('organization', 'programme'));
