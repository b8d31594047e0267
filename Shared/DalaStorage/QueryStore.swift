import DalaCore
import DalaPostgres
import Foundation

/// Read side used by the query service. Every value reaches SQL as a parameter.
public struct QueryStore: Sendable {
    public let client: PostgresClient
    public init(client: PostgresClient) { self.client = client }

    static let documentColumns: PostgresQuery = """
        id::text AS id, sha256, title, source, language, detected_language, languages::text AS languages,
        to_char(published, 'YYYY-MM-DD') AS published, published_precision, metadata::text AS metadata, char_length,
        to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS received_at,
        to_char(enriched_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS enriched_at,
        status, extractor_version, error
        """

    public func document(_ id: UUID, withAnalysis: Bool = true) async throws -> DocumentView? {
        let analysis: PostgresQuery = withAnalysis ? ", analysis::text AS analysis" : ""
        return try await client.query("""
            SELECT \(unescaped: Self.documentColumns.sql)\(unescaped: analysis.sql) FROM documents WHERE id = \(id.uuidString)::uuid
            """).first.map { try Self.documentView($0) }
    }

    /// Documents newest first; cursor is the last item's (received_at, id).
    public func documents(limit: Int, cursor: [String]?, status: String?, language: String?) async throws -> Page<DocumentView> {
        var q: PostgresQuery = "SELECT \(unescaped: Self.documentColumns.sql) FROM documents WHERE true"
        if let status { q.append(" AND status = \(status)") }
        if let language { q.append(" AND coalesce(detected_language, language) = \(language)") }
        if let c = cursor { q.append(" AND (received_at, id) < (\(c[0])::timestamptz, \(c[1])::uuid)") }
        q.append(" ORDER BY received_at DESC, id DESC LIMIT \(limit + 1)")
        let rows = try await client.query(q)
        let items = try rows.prefix(limit).map { try Self.documentView($0) }
        let next = rows.count > limit ? items.last.map { Cursor.encode([$0.receivedAt, $0.id.uuidString]) } : nil
        return Page(items: Array(items), nextCursor: next)
    }

    public func rawText(_ id: UUID) async throws -> String? {
        try await client.query("SELECT raw_text FROM documents WHERE id = \(id.uuidString)::uuid").first?["raw_text"]
    }

    /// A document's mentions with entity labels and evidence sentences, in text order.
    public func mentions(document id: UUID) async throws -> [MentionView] {
        try await client.query("""
            SELECT m.entity_id, e.type, coalesce(e.label_en, e.label_ru, e.label_kk) AS label, m.start_offset, m.end_offset,
                   m.surface, m.sentence_index, s.text AS sentence, m.kind, m.confidence, m.alternatives::text AS alternatives
            FROM mentions m JOIN entities e ON e.id = m.entity_id
            LEFT JOIN sentences s ON s.document_id = m.document_id AND s.extractor_version = m.extractor_version
                                 AND s.idx = m.sentence_index
            WHERE m.document_id = \(id.uuidString)::uuid
            ORDER BY m.start_offset, m.end_offset
            """).map { row in
            MentionView(entityID: row["entity_id"] ?? "", entityType: row["type"], label: row["label"],
                        start: try row.decode("start_offset", as: Int.self), end: try row.decode("end_offset", as: Int.self),
                        surface: row["surface"] ?? "", sentenceIndex: try row.decode("sentence_index", as: Int.self),
                        sentence: row["sentence"], kind: row["kind"] ?? "name",
                        confidence: try row.decode("confidence", as: Double.self),
                        alternatives: Self.parseTextArray(row["alternatives"]), documentID: nil)
        }
    }

    /// Entities by id (resolved by the analyser's knowledge base) or by label/alias, with mention counts.
    public func entities(ids: [String], name: String?, type: String?, limit: Int) async throws -> [EntityView] {
        var q: PostgresQuery = """
            SELECT e.id, e.type, e.label_en, e.label_ru, e.label_kk, e.aliases::text AS aliases, e.from_kb,
                   (SELECT count(*) FROM mentions m WHERE m.entity_id = e.id) AS mention_count,
                   (SELECT count(DISTINCT m.document_id) FROM mentions m WHERE m.entity_id = e.id) AS document_count
            FROM entities e WHERE (e.id = ANY(\(ids)::text[])
            """
        if let name {
            let lower = name.lowercased()
            q.append("""
                 OR lower(e.label_en) = \(lower) OR lower(e.label_ru) = \(lower) OR lower(e.label_kk) = \(lower)
                 OR e.aliases @> ARRAY[\(name)]::text[]
                """)
        }
        q.append(")")
        if let type { q.append(" AND e.type = \(type)") }
        q.append(" ORDER BY mention_count DESC, e.id LIMIT \(limit)")
        return try await client.query(q).map { try Self.entityView($0) }
    }

    /// Sentences whose search keys match `tsquery` (built by `SearchText.tsquery`), best first. The literal is cast, not
    /// parsed by a text-search configuration, so keys like `e:Q232` and Kazakh stems stay whole.
    public func search(tsquery: String, language: String?, limit: Int, offset: Int) async throws -> Page<SearchHit> {
        var q: PostgresQuery = """
            SELECT s.document_id::text AS document_id, d.title, s.idx, s.start_offset, s.end_offset, s.language, s.text,
                   ts_rank(s.search, query) AS rank
            FROM sentences s JOIN documents d ON d.id = s.document_id, CAST(\(tsquery) AS tsquery) AS query
            WHERE s.search @@ query
            """
        if let language { q.append(" AND s.language = \(language)") }
        q.append(" ORDER BY rank DESC, s.document_id, s.idx LIMIT \(limit + 1) OFFSET \(offset)")
        let rows = try await client.query(q)
        let hits = try rows.prefix(limit).map { row in
            SearchHit(documentID: try row.decode("document_id", as: UUID.self), title: row["title"],
                      sentenceIndex: try row.decode("idx", as: Int.self), start: try row.decode("start_offset", as: Int.self),
                      end: try row.decode("end_offset", as: Int.self), language: row["language"] ?? "", text: row["text"] ?? "",
                      rank: try row.decode("rank", as: Double.self))
        }
        return Page(items: hits, nextCursor: rows.count > limit ? Cursor.encode([String(offset + limit)]) : nil)
    }

    /// Documents by status, for health pages and tests.
    public func statusCounts() async throws -> [String: Int] {
        var out: [String: Int] = [:]
        for row in try await client.query("SELECT status, count(*) AS n FROM documents GROUP BY status") {
            out[row["status"] ?? ""] = try row.decode("n", as: Int.self)
        }
        return out
    }

    static func documentView(_ row: PostgresRow) throws -> DocumentView {
        DocumentView(id: try row.decode("id", as: UUID.self), sha256: row["sha256"] ?? "", title: row["title"],
                     source: row["source"], language: row["language"], detectedLanguage: row["detected_language"],
                     languages: json(row["languages"]), published: publishedText(row["published"], row["published_precision"]),
                     metadata: json(row["metadata"]), charLength: try row.decode("char_length", as: Int.self),
                     receivedAt: row["received_at"] ?? "", enrichedAt: row["enriched_at"], status: row["status"] ?? "",
                     extractorVersion: row["extractor_version"], error: row["error"],
                     analysis: row.columns.contains("analysis") ? json(row["analysis"]) : nil)
    }

    static func entityView(_ row: PostgresRow) throws -> EntityView {
        var labels: [String: String] = [:]
        for lang in ["en", "ru", "kk"] { if let l = row["label_" + lang], !l.isEmpty { labels[lang] = l } }
        return EntityView(id: row["id"] ?? "", type: row["type"] ?? "", labels: labels,
                          aliases: parseTextArray(row["aliases"]), fromKnowledgeBase: row["from_kb"] == "t",
                          mentionCount: try row.decode("mention_count", as: Int.self),
                          documentCount: try row.decode("document_count", as: Int.self))
    }

    static func publishedText(_ date: String?, _ precision: String?) -> String? {
        guard let date else { return nil }
        switch precision { case "year": return String(date.prefix(4)); case "month": return String(date.prefix(7)); default: return date }
    }

    static func json(_ text: String?) -> JSONValue? {
        guard let text else { return nil }
        return try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    /// Parses PostgreSQL's text output of a text[] (`{a,"b c","d\"e"}`).
    static func parseTextArray(_ text: String?) -> [String] {
        guard let text, text.count >= 2 else { return [] }
        var out: [String] = [], current = "", inQuotes = false, escaped = false, quotedItem = false
        for ch in text.dropFirst().dropLast() {
            if escaped { current.append(ch); escaped = false; continue }
            switch ch {
            case "\\" where inQuotes: escaped = true
            case "\"": inQuotes.toggle(); quotedItem = true
            case "," where !inQuotes:
                out.append(current); current = ""; quotedItem = false
            default: current.append(ch)
            }
        }
        if !current.isEmpty || quotedItem || !out.isEmpty { out.append(current) }
        return out.filter { $0 != "NULL" || false }
    }
}
