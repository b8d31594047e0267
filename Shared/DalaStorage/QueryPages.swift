import DalaCore
import DalaPostgres
import Foundation

/// Counts of a search's matching sentences per facet value (the first `QueryStore.facetWindow` matches).
public struct SearchFacets: Sendable {
    public struct Value: Sendable, Equatable {
        public var key: String
        public var label: String?
        /// Entity type of an entity value.
        public var type: String?
        public var count: Int
    }
    public var languages: [Value] = []
    public var entities: [Value] = []
    public var entityTypes: [Value] = []
    public var eventTypes: [Value] = []
    public var modalities: [Value] = []
    public var documents: [Value] = []
    public var years: [Value] = []
    public var matches: Int = 0
    public init() {}
}

/// A document that mentions an entity, for the entity page.
public struct EntityDocument: Sendable {
    public var documentID: UUID
    public var title: String?
    public var published: String?
    public var mentions: Int
}

/// Events of one type in one period, for the timeline picture. `year` periods are events dated to a year only.
public struct TimelineCount: Sendable, Equatable {
    /// `YYYY-MM`, or `YYYY` for year-precision (and coarser) events.
    public var period: String
    public var type: String
    public var events: Int
    public init(period: String, type: String, events: Int) { self.period = period; self.type = type; self.events = events }
}

/// An actor→counterpart pair of an event type, for the entity page's dyads.
public struct EventDyad: Sendable {
    public var actorID: String, actorLabel: String?, actorType: String?
    public var targetID: String, targetLabel: String?, targetType: String?
    public var type: String
    public var events: Int
}

/// How often an entity is mentioned (the knowledge-base page).
public struct EntityCounts: Sendable {
    public var mentions: Int
    public var documents: Int
}

extension QueryStore {
    /// Sentences the search page's facets count. On the 100k-document store the first 300 matches of the most
    /// frequent name take ~20 ms to count; the first 1000 took ~160 ms (PostgreSQL switches to a bitmap of every match).
    public static let facetWindow = 300

    /// Facet counts over the first `facetWindow` sentences matching `f`: one statement.
    public func searchFacets(_ f: SearchFilter, labelLanguage: String?) async throws -> SearchFacets {
        let label = Self.labelExpression(labelLanguage, table: "en")
        let q: PostgresQuery = """
            WITH hits AS (\(fragment: Self.matches(f)) LIMIT \(Self.facetWindow)),
            ments AS (SELECT DISTINCT m.entity_id, h.document_id, h.idx
                      FROM hits h JOIN mentions m ON m.document_id = h.document_id AND m.sentence_index = h.idx),
            evs AS (SELECT DISTINCT ev.id, ev.type, ev.modality
                    FROM hits h JOIN events ev ON ev.document_id = h.document_id
                    JOIN event_mentions em ON em.event_id = ev.id AND em.sentence_index = h.idx)
            SELECT 'language' AS facet, language AS key, NULL::text AS label, NULL::text AS type, count(*) AS n
              FROM hits GROUP BY language
            UNION ALL
            SELECT 'entity', x.entity_id, \(unescaped: label), en.type, x.n FROM (
                SELECT entity_id, count(*) AS n FROM ments GROUP BY entity_id ORDER BY n DESC, entity_id LIMIT 15) x
              JOIN entities en ON en.id = x.entity_id
            UNION ALL
            SELECT 'entity_type', en.type, NULL, NULL, count(DISTINCT (mt.document_id, mt.idx))
              FROM ments mt JOIN entities en ON en.id = mt.entity_id GROUP BY en.type
            UNION ALL
            SELECT 'event_type', type, NULL, NULL, count(*) FROM evs GROUP BY type
            UNION ALL
            SELECT 'modality', modality, NULL, NULL, count(*) FROM evs GROUP BY modality
            UNION ALL
            SELECT 'document', x.document_id::text, d.title, NULL, x.n FROM (
                SELECT document_id, count(*) AS n FROM hits GROUP BY document_id ORDER BY n DESC, document_id LIMIT 10) x
              JOIN documents d ON d.id = x.document_id
            UNION ALL
            SELECT 'year', to_char(d.published, 'YYYY'), NULL, NULL, count(*)
              FROM hits h JOIN documents d ON d.id = h.document_id WHERE d.published IS NOT NULL GROUP BY 2
            UNION ALL
            SELECT 'matches', NULL, NULL, NULL, count(*) FROM hits
            """
        var facets = SearchFacets()
        for r in try await client.query(q) {
            let value = SearchFacets.Value(key: r["key"] ?? "", label: r["label"], type: r["type"], count: try r.decode("n", as: Int.self))
            switch r["facet"] {
            case "language": facets.languages.append(value)
            case "entity": facets.entities.append(value)
            case "entity_type": facets.entityTypes.append(value)
            case "event_type": facets.eventTypes.append(value)
            case "modality": facets.modalities.append(value)
            case "document": facets.documents.append(value)
            case "year": facets.years.append(value)
            case "matches": facets.matches = value.count
            default: break
            }
        }
        let byCount: (SearchFacets.Value, SearchFacets.Value) -> Bool = { ($0.count, $1.key) > ($1.count, $0.key) }
        facets.languages.sort(by: byCount); facets.entities.sort(by: byCount); facets.entityTypes.sort(by: byCount)
        facets.eventTypes.sort(by: byCount); facets.modalities.sort(by: byCount); facets.documents.sort(by: byCount)
        facets.years.sort { $0.key < $1.key }
        return facets
    }

    /// The stored document with this content hash: id and status (the upload page follows a submission with it).
    /// A file's hash finds the document made from it.
    public func document(sha256: String) async throws -> (id: UUID, status: String, title: String?)? {
        guard let r = try await client.query("""
            SELECT id::text AS id, \(unescaped: DocumentStatus.shown("")) AS status, title FROM documents
            WHERE sha256 = \(sha256) OR id = (SELECT document_id FROM document_files WHERE sha256 = \(sha256))
            LIMIT 1
            """).first else {
            return nil
        }
        return (try r.decode("id", as: UUID.self), r["status"] ?? "", r["title"])
    }

    /// Documents mentioning an entity, most mentions first (from `entity_documents`, migration 0007).
    public func entityDocuments(_ id: String, limit: Int) async throws -> [EntityDocument] {
        try await client.query("""
            SELECT x.document_id::text AS document_id, x.mentions AS n, d.title, to_char(d.published, 'YYYY-MM-DD') AS published,
                   d.published_precision
            FROM (SELECT document_id, mentions FROM entity_documents WHERE entity_id = \(id)
                  ORDER BY mentions DESC, document_id LIMIT \(limit)) x
            JOIN documents d ON d.id = x.document_id
            ORDER BY x.mentions DESC, d.published DESC NULLS LAST, x.document_id
            """).map { r in
            EntityDocument(documentID: try r.decode("document_id", as: UUID.self), title: r["title"],
                           published: Self.publishedText(r["published"], r["published_precision"]),
                           mentions: try r.decode("n", as: Int.self))
        }
    }

    /// Events an entity takes part in (or speaks in; `*` for all), per type and period: months for events dated to
    /// the day or month, years for events the text dates only to a year or coarser, so a year is never drawn as January.
    /// From `entity_timeline_periods` (migration 0007).
    public func timelineCounts(entity: String) async throws -> [TimelineCount] {
        try await client.query("""
            SELECT period, type, events FROM entity_timeline_periods WHERE entity_id = \(entity) ORDER BY period, type
            """).map { r in
            TimelineCount(period: r["period"] ?? "", type: r["type"] ?? "", events: try r.decode("events", as: Int.self))
        }
    }

    /// Actor → counterpart pairs in which the entity is the actor or the counterpart, most events first
    /// (from `event_dyads`, migration 0007).
    public func eventDyads(entity: String, labelLanguage: String?, limit: Int) async throws -> [EventDyad] {
        let la = Self.labelExpression(labelLanguage, table: "ea"), lb = Self.labelExpression(labelLanguage, table: "eb")
        return try await client.query("""
            SELECT x.actor_id, x.target_id, x.type, x.events, \(unescaped: la) AS actor_label, \(unescaped: lb) AS target_label,
                   ea.type AS actor_type, eb.type AS target_type
            FROM (SELECT * FROM event_dyads WHERE actor_id = \(entity) OR target_id = \(entity)
                  ORDER BY events DESC, actor_id, target_id, type LIMIT \(limit)) x
            JOIN entities ea ON ea.id = x.actor_id JOIN entities eb ON eb.id = x.target_id
            ORDER BY x.events DESC, x.actor_id, x.target_id, x.type
            """).map { r in
            EventDyad(actorID: r["actor_id"] ?? "", actorLabel: r["actor_label"], actorType: r["actor_type"],
                      targetID: r["target_id"] ?? "", targetLabel: r["target_label"], targetType: r["target_type"],
                      type: r["type"] ?? "", events: try r.decode("events", as: Int.self))
        }
    }

    /// Mention and document counts of the stored entities among `ids` (from the derived statistics).
    public func entityCounts(_ ids: [String]) async throws -> [String: EntityCounts] {
        guard !ids.isEmpty else { return [:] }
        var out: [String: EntityCounts] = [:]
        for r in try await client.query("""
            SELECT e.id, coalesce(st.mentions, 0) AS mentions, coalesce(st.documents, 0) AS documents
            FROM entities e LEFT JOIN entity_stats st ON st.entity_id = e.id WHERE e.id = ANY(\(ids)::text[])
            """) {
            out[r["id"] ?? ""] = EntityCounts(mentions: try r.decode("mentions", as: Int.self),
                                              documents: try r.decode("documents", as: Int.self))
        }
        return out
    }

    /// Known values of an event facet (`type`, `modality`) with their event counts, from the derived statistics.
    public func eventFacetValues(_ facet: String) async throws -> [(value: String, events: Int)] {
        try await client.query("SELECT value, events FROM event_facets WHERE facet = \(facet) ORDER BY events DESC, value").map { r in
            (r["value"] ?? "", try r.decode("events", as: Int.self))
        }
    }
}
