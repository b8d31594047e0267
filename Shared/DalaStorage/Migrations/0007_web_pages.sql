-- Dala schema, version 7: derived statistics for the web workspace's entity page (issue 15). Read-side only, refreshed
-- with the views of 0002 (QueryStore.refreshDerived). On the 100k-document load store the same answers computed per
-- request took 0.2-2 s for the most mentioned entity (92k mentions, 84k events); from these views they are index reads.

-- Events per entity, period and type: months for events dated to the day or month, years for events dated only to a
-- year or coarser (the timeline draws those as whole years). The entity takes part or speaks; '*' is every event.
CREATE MATERIALIZED VIEW entity_timeline_periods AS
WITH involved AS (
    SELECT event_id, entity_id FROM event_participants WHERE entity_id IS NOT NULL
    UNION
    SELECT id, speaker_entity_id FROM events WHERE speaker_entity_id IS NOT NULL
), dated AS (
    SELECT id, type,
           CASE WHEN date_precision IN ('day', 'month') THEN to_char(date_start, 'YYYY-MM') ELSE to_char(date_start, 'YYYY') END AS period
    FROM events WHERE date_start IS NOT NULL
)
SELECT i.entity_id, d.period, d.type, count(*)::bigint AS events
FROM involved i JOIN dated d ON d.id = i.event_id
GROUP BY 1, 2, 3
UNION ALL
SELECT '*', period, type, count(*)::bigint FROM dated GROUP BY 2, 3;
CREATE UNIQUE INDEX entity_timeline_periods_pkey ON entity_timeline_periods (entity_id, period, type);

-- Who acts on whom: actor → counterpart pairs of entities per event type, with the number of events.
CREATE MATERIALIZED VIEW event_dyads AS
SELECT a.entity_id AS actor_id, b.entity_id AS target_id, e.type, count(DISTINCT e.id)::bigint AS events
FROM events e
JOIN event_participants a ON a.event_id = e.id AND a.role = 'actor' AND a.entity_id IS NOT NULL
JOIN event_participants b ON b.event_id = e.id AND b.role = 'counterpart' AND b.entity_id IS NOT NULL
WHERE a.entity_id <> b.entity_id
GROUP BY 1, 2, 3;
CREATE UNIQUE INDEX event_dyads_pkey ON event_dyads (actor_id, target_id, type);
CREATE INDEX event_dyads_target_idx ON event_dyads (target_id);

-- Mentions per entity and document: an entity's documents, most mentioning first, without grouping its mentions.
CREATE MATERIALIZED VIEW entity_documents AS
SELECT entity_id, document_id, count(*)::bigint AS mentions FROM mentions GROUP BY 1, 2;
CREATE UNIQUE INDEX entity_documents_pkey ON entity_documents (entity_id, document_id);
CREATE INDEX entity_documents_rank_idx ON entity_documents (entity_id, mentions DESC, document_id);
