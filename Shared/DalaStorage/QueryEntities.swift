import DalaCore
import DalaPostgres
import Foundation

/// How co-occurrence partners are counted and ranked.
public enum CooccurrenceWindow: String, Sendable, CaseIterable {
    case document, sentence
}

public enum CooccurrenceSort: String, Sendable, CaseIterable {
    case count, pmi
}

/// Co-occurrence partners plus the numbers their PMI is computed from.
public struct CooccurrenceResult: Sendable {
    /// Units of the window in the store (enriched documents, or sentences): PMI's N.
    public var total: Int
    /// Units mentioning the entity itself.
    public var entityCount: Int
    public var page: Page<CooccurrenceView>
}

extension QueryStore {
    /// Entities by id (resolved by the analyser's knowledge base) or by label/alias (any case), most mentioned first.
    /// Counts come from `entity_stats` (see migration 0002). Cursor: the last item's (mention count, id).
    public func entities(ids: [String], name: String?, type: String?, labelLanguage: String? = nil, limit: Int,
                         cursor: [String]? = nil) async throws -> Page<EntityView> {
        var q: PostgresQuery = """
            SELECT e.id, e.type, \(unescaped: Self.namesColumns("e")), e.from_kb,
                   coalesce(st.mentions, 0) AS mention_count, coalesce(st.documents, 0) AS document_count
            FROM entities e LEFT JOIN entity_stats st ON st.entity_id = e.id WHERE true
            """
        if name != nil || !ids.isEmpty {
            q.append(" AND (e.id = ANY(\(ids)::text[])")
            if let name {
                let lower = name.lowercased()
                q.append("""
                     OR e.id IN (SELECT n.entity_id FROM entity_names n WHERE lower(n.name) = \(lower))
                    """)
            }
            q.append(")")
        }
        if let type { q.append(" AND e.type = \(type)") }
        if let lang = labelLanguage {
            q.append(" AND EXISTS (SELECT 1 FROM entity_names n WHERE n.entity_id = e.id AND n.kind = 'label' AND n.lang = \(lang))")
        }
        if let c = cursor {
            q.append(" AND (coalesce(st.mentions, 0) < \(c[0])::bigint OR (coalesce(st.mentions, 0) = \(c[0])::bigint AND e.id > \(c[1])))")
        }
        q.append(" ORDER BY mention_count DESC, e.id LIMIT \(limit + 1)")
        let rows = try await client.query(q.prepared())
        let items = try rows.prefix(limit).map { try Self.entityView($0) }
        let next = rows.count > limit ? items.last.map { Cursor.encode([String($0.mentionCount), $0.id]) } : nil
        return Page(items: items, nextCursor: next)
    }

    /// Compatibility form: the first page as an array.
    public func entities(ids: [String], name: String?, type: String?, limit: Int) async throws -> [EntityView] {
        try await entities(ids: ids, name: name, type: type, labelLanguage: nil, limit: limit, cursor: nil).items
    }

    /// An entity's profile (one round trip); nil when no document ever mentioned it.
    public func entityProfile(_ id: String, labelLanguage: String? = nil, partners: Int = 10) async throws -> EntityProfile? {
        let label = Self.labelExpression(labelLanguage, table: "p")
        return try await snapshot { conn -> EntityProfile? in
            guard let row = try conn.query("""
                SELECT e.id, e.type, \(unescaped: Self.namesColumns("e")), e.from_kb,
                       coalesce(st.mentions, 0) AS mention_count, coalesce(st.documents, 0) AS document_count,
                       coalesce(st.sentences, 0) AS sentence_count, coalesce(st.events, 0) AS event_count,
                       to_char(st.first_published, 'YYYY-MM-DD') AS first_published,
                       to_char(st.last_published, 'YYYY-MM-DD') AS last_published,
                       to_char(st.first_event, 'YYYY-MM-DD') AS first_event, to_char(st.last_event, 'YYYY-MM-DD') AS last_event,
                       (SELECT \(unescaped: Self.timestamp("refreshed_at")) FROM corpus_totals) AS refreshed_at
                FROM entities e LEFT JOIN entity_stats st ON st.entity_id = e.id
                WHERE e.id = \(id)
                """).first else { return nil }
            let cooccurring = try conn.query("""
                SELECT c.partner_id, p.type, \(unescaped: label) AS label, c.documents
                FROM entity_cooccurrence c JOIN entities p ON p.id = c.partner_id
                WHERE c.entity_id = \(id) ORDER BY c.documents DESC, c.partner_id LIMIT \(partners)
                """).map { r in
                EntityProfile.Partner(id: r["partner_id"] ?? "", type: r["type"], label: r["label"],
                                      documents: try r.decode("documents", as: Int.self))
            }
            let eventPartners = try conn.query("""
                SELECT x.partner_id, p.type, \(unescaped: label) AS label, x.type AS event_type, x.events
                FROM entity_event_partners x JOIN entities p ON p.id = x.partner_id
                WHERE x.entity_id = \(id) ORDER BY x.events DESC, x.partner_id, x.type LIMIT \(partners * 2)
                """).map { r in
                EntityProfile.EventPartner(id: r["partner_id"] ?? "", type: r["type"], label: r["label"],
                                           eventType: r["event_type"] ?? "", events: try r.decode("events", as: Int.self))
            }
            return EntityProfile(entity: try Self.entityView(row), sentenceCount: try row.decode("sentence_count", as: Int.self),
                                 eventCount: try row.decode("event_count", as: Int.self),
                                 firstPublished: row["first_published"], lastPublished: row["last_published"],
                                 firstEvent: row["first_event"], lastEvent: row["last_event"],
                                 cooccurring: cooccurring, eventPartners: eventPartners, knowledge: [],
                                 statisticsAsOf: row["refreshed_at"])
        }
    }

    /// True when the entity is stored.
    public func entityExists(_ id: String) async throws -> Bool {
        let q: PostgresQuery = "SELECT 1 FROM entities WHERE id = \(id)"
        return !(try await client.query(q.prepared()).isEmpty)
    }

    /// Mentions of an entity with their documents and evidence sentences, in storage order. Cursor: the last mention id.
    public func entityMentions(_ id: String, language: String?, limit: Int, after: Int?) async throws -> Page<EntityMentionView> {
        var q: PostgresQuery = """
            SELECT m.id, m.document_id::text AS document_id, d.title, to_char(d.published, 'YYYY-MM-DD') AS published,
                   d.published_precision, m.start_offset, m.end_offset, m.surface, m.kind, m.confidence, m.sentence_index,
                   s.text AS sentence, s.language
            FROM mentions m
            JOIN documents d ON d.id = m.document_id
            LEFT JOIN sentences s ON s.document_id = m.document_id AND s.extractor_version = m.extractor_version
                                 AND s.idx = m.sentence_index
            WHERE m.entity_id = \(id)
            """
        if let after { q.append(" AND m.id > \(after)") }
        if let language { q.append(" AND s.language = \(language)") }
        q.append(" ORDER BY m.id LIMIT \(limit + 1)")
        let rows = try await client.query(q)
        let items = try rows.prefix(limit).map { r in
            EntityMentionView(id: try r.decode("id", as: Int.self), documentID: try r.decode("document_id", as: UUID.self),
                              documentTitle: r["title"], published: Self.publishedText(r["published"], r["published_precision"]),
                              start: try r.decode("start_offset", as: Int.self), end: try r.decode("end_offset", as: Int.self),
                              surface: r["surface"] ?? "", kind: r["kind"] ?? "", confidence: try r.decode("confidence", as: Double.self),
                              sentenceIndex: try r.decode("sentence_index", as: Int.self), sentence: r["sentence"],
                              language: r["language"])
        }
        let next = rows.count > limit ? items.last.map { Cursor.encode([String($0.id)]) } : nil
        return Page(items: Array(items), nextCursor: next)
    }

    /// Entities mentioned together with `id`, ranked by shared documents/sentences or by PMI, with both scores.
    /// Cursor: the last partner's (score, id). Nil when there is no entity `id`.
    public func cooccurrences(_ id: String, window: CooccurrenceWindow, sort: CooccurrenceSort, minCount: Int,
                              labelLanguage: String?, limit: Int, cursor: [String]?) async throws -> CooccurrenceResult? {
        let count = window == .document ? "c.documents" : "c.sentences"
        let (nA, nB, totalColumn) = window == .document
            ? ("sa.documents", "sb.documents", "t.documents") : ("sa.sentences", "sb.sentences", "t.sentences")
        // PMI in bits; NULL when a count is zero (no association defined).
        let pmi = "ln(nullif(\(totalColumn), 0)::float8 * \(count) / nullif(\(nA) * \(nB), 0)::float8) / ln(2.0)"
        let score = sort == .count ? "\(count)::float8" : pmi
        // One statement: the entity's own counts and the corpus totals (the head row, none when the entity does not
        // exist) joined to the page of partners (NULL columns when it has none).
        var page: PostgresQuery = """
            SELECT * FROM (
                SELECT c.partner_id, p.type, \(unescaped: Self.labelExpression(labelLanguage, table: "p")) AS label,
                       c.documents, c.sentences, \(unescaped: count) AS n, \(unescaped: pmi) AS pmi,
                       \(unescaped: totalColumn) AS total, \(unescaped: score) AS score
                FROM entity_cooccurrence c
                JOIN entities p ON p.id = c.partner_id
                LEFT JOIN entity_stats sa ON sa.entity_id = c.entity_id
                LEFT JOIN entity_stats sb ON sb.entity_id = c.partner_id
                CROSS JOIN corpus_totals t
                WHERE c.entity_id = head.id AND \(unescaped: count) >= \(max(1, minCount))
            ) x WHERE score IS NOT NULL
            """
        if let c = cursor {
            page.append(" AND (score < \(c[0])::float8 OR (score = \(c[0])::float8 AND partner_id > \(c[1])))")
        }
        page.append(" ORDER BY score DESC, partner_id LIMIT \(limit + 1)")
        let q: PostgresQuery = """
            SELECT coalesce(t.documents, 0) AS unit_documents, coalesce(t.sentences, 0) AS unit_sentences,
                   coalesce(st.documents, 0) AS entity_documents, coalesce(st.sentences, 0) AS entity_sentences, pg.*
            FROM (SELECT id FROM entities WHERE id = \(id)) head
            LEFT JOIN corpus_totals t ON true
            LEFT JOIN entity_stats st ON st.entity_id = head.id
            LEFT JOIN LATERAL (\(fragment: page)) pg ON true
            ORDER BY pg.score DESC, pg.partner_id
            """
        let all = try await client.query(q)
        guard let head = all.first else { return nil }
        let rows = all.filter { $0["partner_id"] != nil }
        let unitTotal = try head.decode(window == .document ? "unit_documents" : "unit_sentences", as: Int.self)
        let own = try head.decode(window == .document ? "entity_documents" : "entity_sentences", as: Int.self)
        let items = try rows.prefix(limit).map { r in
            let n = try r.decode("n", as: Int.self), total = try r.decode("total", as: Int.self)
            let pmi = try r.decode("pmi", as: Double?.self)
            // Normalised PMI: -1 never together, 0 independent, 1 always together.
            let npmi = pmi.flatMap { p -> Double? in
                guard total > 0, n > 0, n < total else { return nil }
                return p / -log2(Double(n) / Double(total))
            }
            return CooccurrenceView(id: r["partner_id"] ?? "", type: r["type"], label: r["label"], count: n,
                                    documents: try r.decode("documents", as: Int.self),
                                    sentences: try r.decode("sentences", as: Int.self), pmi: pmi, npmi: npmi)
        }
        let next = rows.count > limit ? rows[limit - 1] : nil
        return CooccurrenceResult(total: unitTotal, entityCount: own, page: Page(
            items: items, nextCursor: next.map { Cursor.encode([$0["score"] ?? "0", $0["partner_id"] ?? ""]) }))
    }

    /// `to_char` of a timestamptz column as ISO 8601 UTC.
    static func timestamp(_ column: String) -> String {
        "to_char(\(column) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"
    }
}
