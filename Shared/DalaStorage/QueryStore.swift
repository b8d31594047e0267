import DalaCore
import DalaPostgres
import Foundation

/// Read side used by the query service. Every value reaches SQL as a parameter; the only spliced SQL is fixed
/// fragments chosen from closed sets (sort columns, label languages).
public struct QueryStore: Sendable {
    public let client: PostgresClient
    public init(client: PostgresClient) { self.client = client }

    static let documentColumns: PostgresQuery = """
        id::text AS id, sha256, title, source, language, detected_language, languages::text AS languages,
        to_char(published, 'YYYY-MM-DD') AS published, published_precision, metadata::text AS metadata, char_length,
        to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS received_at,
        to_char(enriched_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS enriched_at,
        to_char(stories_linked_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS stories_linked_at,
        \(unescaped: DocumentStatus.shown("")) AS status, extractor_version, error
        """

    /// Runs several statements on one snapshot (REPEATABLE READ, READ ONLY), so a document whose annotations the
    /// enrichment worker replaces meanwhile is seen entirely before or entirely after.
    func snapshot<T: Sendable>(_ body: @Sendable (PostgresConnection) throws -> T) async throws -> T {
        try await client.withTransaction { conn in
            try conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            return try body(conn)
        }
    }

    public func document(_ id: UUID, withAnalysis: Bool = true) async throws -> DocumentView? {
        let analysis: PostgresQuery = withAnalysis ? ", analysis::text AS analysis" : ""
        return try await client.query("""
            SELECT \(unescaped: Self.documentColumns.sql)\(unescaped: analysis.sql) FROM documents WHERE id = \(id.uuidString)::uuid
            """).first.map { try Self.documentView($0) }
    }

    /// A document with its structure, annotation counts and the entities it mentions: one statement, so one snapshot
    /// and one round trip (the endpoint is the busiest of the API).
    public func documentDetail(_ id: UUID, labelLanguage: String? = nil) async throws -> DocumentDetail? {
        let doc = id.uuidString
        let label = Self.labelExpression(labelLanguage, table: "e")
        guard let row = try await client.query("""
            SELECT \(unescaped: Self.documentColumns.sql), analysis::text AS analysis,
                (SELECT count(*) FROM sentences WHERE document_id = \(doc)::uuid) AS n_sentences,
                (SELECT count(*) FROM mentions WHERE document_id = \(doc)::uuid) AS n_mentions,
                (SELECT count(*) FROM events WHERE document_id = \(doc)::uuid) AS n_events,
                (SELECT count(*) FROM time_expressions WHERE document_id = \(doc)::uuid) AS n_times,
                (SELECT count(*) FROM keywords WHERE document_id = \(doc)::uuid) AS n_keywords,
                (SELECT json_agg(x ORDER BY x.mentions DESC, x.first_offset)
                 FROM (SELECT m.entity_id AS id, e.type, \(unescaped: label) AS label, count(*) AS mentions,
                              min(m.start_offset) AS first_offset
                       FROM mentions m JOIN entities e ON e.id = m.entity_id
                       WHERE m.document_id = \(doc)::uuid
                       GROUP BY m.entity_id, e.id, e.type) x)::text AS entities,
                coalesce(\(unescaped: Self.fileFields), '{}'::jsonb)::text AS file_fields
            FROM documents d WHERE id = \(doc)::uuid
            """).first else { return nil }
        let entities = try row["entities"].map { try JSONDecoder().decode([DocumentEntity].self, from: Data($0.utf8)) } ?? []
        let counts = DocumentDetail.Counts(
            sentences: try row.decode("n_sentences", as: Int.self), mentions: try row.decode("n_mentions", as: Int.self),
            entities: entities.count, events: try row.decode("n_events", as: Int.self),
            timeExpressions: try row.decode("n_times", as: Int.self), keywords: try row.decode("n_keywords", as: Int.self))
        let file = try row["file_fields"].map { try JSONDecoder().decode(DocumentDetail.FileFields.self, from: Data($0.utf8)) }
        return DocumentDetail(document: try Self.documentView(row), counts: counts, entities: entities,
                              file: file?.file, ocr: file?.ocr)
    }

    /// `file` (the original a document was made from) and `ocr` (progress of its scanned pages, while there are any)
    /// as one jsonb object for document `d`; NULL for a document sent as text.
    static let fileFields = """
        (SELECT jsonb_build_object('file', jsonb_strip_nulls(jsonb_build_object(
                    'media_type', f.media_type, 'filename', f.filename, 'sha256', f.sha256,
                    'bytes', f.byte_length, 'pages', f.page_count)))
                || CASE WHEN f.ocr_pages > 0 THEN jsonb_build_object('ocr', jsonb_build_object(
                    'status', f.ocr_status, 'pages_total', f.ocr_pages, 'pages_done', f.ocr_done)) ELSE '{}'::jsonb END
         FROM document_files f WHERE f.document_id = d.id)
        """

    /// `documentDetail` rendered as JSON by PostgreSQL, ready to send: the busiest endpoint skips decoding the row
    /// and re-encoding it with Foundation's JSONEncoder. Same fields and omitted nulls as `DocumentDetail`'s coding.
    public func documentDetailJSON(_ id: UUID, labelLanguage: String? = nil) async throws -> String? {
        let doc = id.uuidString
        let label = Self.labelExpression(labelLanguage, table: "e")
        let q: PostgresQuery = """
            SELECT (jsonb_strip_nulls(jsonb_build_object(
                    'id', d.id::text, 'sha256', d.sha256, 'title', d.title, 'source', d.source,
                    'language', d.language, 'detected_language', d.detected_language,
                    'published', CASE d.published_precision WHEN 'year' THEN to_char(d.published, 'YYYY')
                                 WHEN 'month' THEN to_char(d.published, 'YYYY-MM') ELSE to_char(d.published, 'YYYY-MM-DD') END,
                    'char_length', d.char_length,
                    'received_at', to_char(d.received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                    'enriched_at', to_char(d.enriched_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                    'stories_linked_at', to_char(d.stories_linked_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                    'status', \(unescaped: DocumentStatus.shown("d.")), 'extractor_version', d.extractor_version, 'error', d.error))
                || jsonb_build_object('languages', d.languages, 'metadata', d.metadata)
                || CASE WHEN d.analysis IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('analysis', d.analysis) END
                || jsonb_build_object(
                    'counts', jsonb_build_object(
                        'sentences', (SELECT count(*) FROM sentences WHERE document_id = d.id),
                        'mentions', (SELECT count(*) FROM mentions WHERE document_id = d.id),
                        'entities', jsonb_array_length(x.entities),
                        'events', (SELECT count(*) FROM events WHERE document_id = d.id),
                        'time_expressions', (SELECT count(*) FROM time_expressions WHERE document_id = d.id),
                        'keywords', (SELECT count(*) FROM keywords WHERE document_id = d.id)),
                    'entities', x.entities)
                || coalesce(\(unescaped: Self.fileFields), '{}'::jsonb))::text AS body
            FROM documents d,
                LATERAL (SELECT coalesce(jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
                                    'id', g.id, 'type', g.type, 'label', g.label, 'mentions', g.mentions,
                                    'first_offset', g.first_offset)) ORDER BY g.mentions DESC, g.first_offset), '[]') AS entities
                         FROM (SELECT m.entity_id AS id, e.type, \(unescaped: label) AS label, count(*) AS mentions,
                                      min(m.start_offset) AS first_offset
                               FROM mentions m JOIN entities e ON e.id = m.entity_id
                               WHERE m.document_id = d.id
                               GROUP BY m.entity_id, e.id, e.type) g) x
            WHERE d.id = \(doc)::uuid
            """
        return try await client.query(q.prepared()).first?["body"]
    }

    /// Documents newest first; cursor is the last item's (received_at, id).
    public func documents(limit: Int, cursor: [String]?, status: String?, language: String?,
                          publishedFrom: String? = nil, publishedTo: String? = nil,
                          extractorVersion: String? = nil) async throws -> Page<DocumentView> {
        var q: PostgresQuery = "SELECT \(unescaped: Self.documentColumns.sql) FROM documents WHERE true"
        if let status { q.append(" AND "); q.append(DocumentStatus.filter(status)) }
        if let language { q.append(" AND coalesce(detected_language, language) = \(language)") }
        if let publishedFrom { q.append(" AND published >= \(publishedFrom)::date") }
        if let publishedTo { q.append(" AND published <= \(publishedTo)::date") }
        if let extractorVersion { q.append(" AND extractor_version = \(extractorVersion)") }
        if let c = cursor { q.append(" AND (received_at, id) < (\(c[0])::timestamptz, \(c[1])::uuid)") }
        q.append(" ORDER BY received_at DESC, id DESC LIMIT \(limit + 1)")
        let rows = try await client.query(q)
        let items = try rows.prefix(limit).map { try Self.documentView($0) }
        let next = rows.count > limit ? items.last.map { Cursor.encode([$0.receivedAt, $0.id.uuidString]) } : nil
        return Page(items: Array(items), nextCursor: next)
    }

    /// The original text, or the half-open code-point span `[start, end)` of it; nil when there is no such document.
    public func rawText(_ id: UUID, start: Int? = nil, end: Int? = nil) async throws -> String? {
        if start == nil && end == nil {
            return try await client.query("SELECT raw_text FROM documents WHERE id = \(id.uuidString)::uuid").first?["raw_text"]
        }
        let from = max(0, start ?? 0)
        return try await client.query("""
            SELECT CASE WHEN \(end)::int IS NULL THEN substr(raw_text, \(from)::int + 1)
                        ELSE substr(raw_text, \(from)::int + 1, greatest(\(end)::int - \(from)::int, 0)) END AS span
            FROM documents WHERE id = \(id.uuidString)::uuid
            """).first.map { $0["span"] ?? "" }
    }

    /// A document's mentions with entity labels and evidence sentences, in text order.
    public func mentions(document id: UUID) async throws -> [MentionView] {
        try await client.withConnection { try Self.mentions(document: id, conn: $0) }
    }

    static func mentions(document id: UUID, conn: PostgresConnection) throws -> [MentionView] {
        try conn.query("""
            SELECT m.entity_id, e.type, \(unescaped: Self.labelExpression(nil, table: "e")) AS label, m.start_offset, m.end_offset,
                   m.surface, m.sentence_index, s.text AS sentence, m.kind, m.confidence, m.alternatives::text AS alternatives,
                   \(unescaped: PageMap.page(document: "m.document_id", offset: "m.start_offset")) AS page
            FROM mentions m JOIN entities e ON e.id = m.entity_id
            LEFT JOIN sentences s ON s.document_id = m.document_id AND s.extractor_version = m.extractor_version
                                 AND s.idx = m.sentence_index
            WHERE m.document_id = \(id.uuidString)::uuid
            ORDER BY m.start_offset, m.end_offset, m.id
            """).map { row in
            MentionView(entityID: row["entity_id"] ?? "", entityType: row["type"], label: row["label"],
                        start: try row.decode("start_offset", as: Int.self), end: try row.decode("end_offset", as: Int.self),
                        surface: row["surface"] ?? "", sentenceIndex: try row.decode("sentence_index", as: Int.self),
                        sentence: row["sentence"], kind: row["kind"] ?? "name",
                        confidence: try row.decode("confidence", as: Double.self),
                        alternatives: Self.parseTextArray(row["alternatives"]), documentID: nil,
                        page: try row.decode("page", as: Int?.self))
        }
    }

    /// Everything the analysis stored for a document (one round trip); nil when there is no such document.
    public func annotations(document id: UUID) async throws -> AnnotationsView? {
        let doc = id.uuidString
        return try await snapshot { conn -> AnnotationsView? in
            guard let head = try conn.query("SELECT extractor_version FROM documents WHERE id = \(doc)::uuid").first else {
                return nil
            }
            let sentences = try conn.query("""
                SELECT idx, start_offset, end_offset, language, confidence, section FROM sentences
                WHERE document_id = \(doc)::uuid ORDER BY idx
                """).map { r in
                SentenceView(index: try r.decode("idx", as: Int.self), start: try r.decode("start_offset", as: Int.self),
                             end: try r.decode("end_offset", as: Int.self), language: r["language"] ?? "",
                             confidence: try r.decode("confidence", as: Double.self), section: r["section"])
            }
            let times = try conn.query("""
                SELECT start_offset, end_offset, surface, sentence_index, value, to_char(range_start, 'YYYY-MM-DD') AS range_start,
                       to_char(range_end, 'YYYY-MM-DD') AS range_end, precision, relative
                FROM time_expressions WHERE document_id = \(doc)::uuid ORDER BY start_offset, id
                """).map { r in
                TimeExpressionView(start: try r.decode("start_offset", as: Int.self), end: try r.decode("end_offset", as: Int.self),
                                   surface: r["surface"] ?? "", sentenceIndex: try r.decode("sentence_index", as: Int.self),
                                   value: r["value"], rangeStart: r["range_start"], rangeEnd: r["range_end"],
                                   precision: r["precision"] ?? "", relative: r["relative"] == "t")
            }
            let keywords = try conn.query("""
                SELECT text, language, source, score FROM keywords WHERE document_id = \(doc)::uuid ORDER BY score DESC, text
                """).map { r in
                KeywordView(text: r["text"] ?? "", language: r["language"] ?? "", source: r["source"] ?? "",
                            score: try r.decode("score", as: Double.self))
            }
            var eventQuery = EventQuery.base
            eventQuery.append(" WHERE e.document_id = \(doc)::uuid ORDER BY e.event_key")
            let events = try EventQuery.load(try conn.query(eventQuery), conn: conn)
            return AnnotationsView(documentID: id, extractorVersion: head["extractor_version"], sentences: sentences,
                                   mentions: try Self.mentions(document: id, conn: conn), timeExpressions: times,
                                   events: events, keywords: keywords)
        }
    }

    /// Documents by status, for health pages and tests.
    public func statusCounts() async throws -> [String: Int] {
        var out: [String: Int] = [:]
        for row in try await client.query("SELECT status, count(*) AS n FROM documents GROUP BY status") {
            out[row["status"] ?? ""] = try row.decode("n", as: Int.self)
        }
        return out
    }

    // MARK: - Row mapping

    static func documentView(_ row: PostgresRow) throws -> DocumentView {
        DocumentView(id: try row.decode("id", as: UUID.self), sha256: row["sha256"] ?? "", title: row["title"],
                     source: row["source"], language: row["language"], detectedLanguage: row["detected_language"],
                     languages: json(row["languages"]), published: publishedText(row["published"], row["published_precision"]),
                     metadata: json(row["metadata"]), charLength: try row.decode("char_length", as: Int.self),
                     receivedAt: row["received_at"] ?? "", enrichedAt: row["enriched_at"],
                     storiesLinkedAt: row["stories_linked_at"], status: row["status"] ?? "",
                     extractorVersion: row["extractor_version"], error: row["error"],
                     analysis: row.columns.contains("analysis") ? json(row["analysis"]) : nil)
    }

    static func entityView(_ row: PostgresRow) throws -> EntityView {
        let labels = (row["labels"].flatMap { try? JSONDecoder().decode([String: String].self, from: Data($0.utf8)) }) ?? [:]
        return EntityView(id: row["id"] ?? "", type: row["type"] ?? "", labels: labels,
                          aliases: parseTextArray(row["aliases"]), fromKnowledgeBase: row["from_kb"] == "t",
                          mentionCount: try row.decode("mention_count", as: Int.self),
                          documentCount: try row.decode("document_count", as: Int.self))
    }

    /// SQL for an entity's display label from `entity_names`: the label in `language` (a registered code, checked
    /// by the caller), else English, Russian, Kazakh, else any other language's (by code): the order labels were
    /// shown in before they became rows. `table` is the alias of the `entities` row (code, never user input).
    public static func labelExpression(_ language: String?, table: String) -> String {
        let preferred = language.flatMap { $0.allSatisfy { $0.isASCII && $0.isLowercase } && !$0.isEmpty && $0.count <= 8 ? $0 : nil }
        let first = preferred.map { "n.lang = '\($0)' DESC, " } ?? ""
        return """
            (SELECT n.name FROM entity_names n WHERE n.entity_id = \(table).id AND n.kind = 'label'
             ORDER BY \(first)array_position(ARRAY['en', 'ru', 'kk'], n.lang) NULLS LAST, n.lang LIMIT 1)
            """
    }

    /// Columns `labels` (JSON object, code → label) and `aliases` (text array) of the `entities` row `table`, for `entityView`.
    static func namesColumns(_ table: String) -> String {
        """
        (SELECT coalesce(jsonb_object_agg(n.lang, n.name), '{}') FROM entity_names n
         WHERE n.entity_id = \(table).id AND n.kind = 'label')::text AS labels,
        (SELECT coalesce(array_agg(n.name ORDER BY n.lang, n.position), '{}') FROM entity_names n
         WHERE n.entity_id = \(table).id AND n.kind = 'alias')::text AS aliases
        """
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
        return out
    }
}
