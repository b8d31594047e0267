import DalaCore
import DalaPostgres
import Foundation

/// What to search for: a tsquery literal over the analyser's keys (stems and `e:<entity id>`) and filters.
public struct SearchFilter: Sendable {
    /// Built by `SearchText.tsquery` or `SearchVocabulary.searchQuery`; cast, never parsed by a configuration.
    public var tsquery: String
    public var language: String?
    /// Inclusive `YYYY-MM-DD` bounds on the document's publication date.
    public var publishedFrom: String?
    public var publishedTo: String?
    /// Entity ids whose mentions in a hit sentence are highlighted.
    public var highlightEntities: [String]
    /// Only sentences mentioning an entity of this type (the search page's facets).
    public var entityType: String?
    /// Only sentences reporting an event of this type / modality.
    public var eventType: String?
    public var modality: String?
    /// Only sentences of this document.
    public var documentID: UUID?

    public init(tsquery: String, language: String? = nil, publishedFrom: String? = nil, publishedTo: String? = nil,
                highlightEntities: [String] = []) {
        self.tsquery = tsquery; self.language = language; self.publishedFrom = publishedFrom
        self.publishedTo = publishedTo; self.highlightEntities = highlightEntities
    }
}

/// A page of search results and how complete its ranking is.
public struct SearchPage<Item: Codable & Sendable>: Codable, Sendable {
    public var items: [Item]
    public var nextCursor: String?
    public var ranking: Ranking

    /// `complete` when every matching sentence was ranked; otherwise the ranking covers the first `window` matches
    /// the index returned (a query matching most of the store, like one country's name alone). Filters (`lang`,
    /// `from`/`to`, `entity`, more words) narrow a query until its ranking is complete.
    public struct Ranking: Codable, Sendable {
        public var complete: Bool
        public var window: Int
        public init(complete: Bool, window: Int) { self.complete = complete; self.window = window }
    }
    public init(items: [Item], nextCursor: String?, ranking: Ranking) {
        self.items = items; self.nextCursor = nextCursor; self.ranking = ranking
    }
    enum CodingKeys: String, CodingKey { case items, nextCursor = "next_cursor", ranking }
}

extension QueryStore {
    /// Most matching sentences ranked per query. `ts_rank` needs each candidate's tsvector: ~6 µs a sentence here,
    /// so ranking all 94,000 sentences that name Kazakhstan in the 100k-document load store would take ~300 ms.
    public static let searchWindow = 1000

    /// Sentences matching the filter, best first (`ts_rank`, then document id and sentence index), with the span of
    /// the original text and the mentions of `highlightEntities` inside it. Cursor: the last hit's (rank, document, idx).
    public func searchSentences(_ f: SearchFilter, limit: Int, cursor: [String]?) async throws -> SearchPage<SearchHit> {
        var q: PostgresQuery = """
            WITH candidates AS (\(fragment: Self.matches(f)) LIMIT \(Self.searchWindow + 1)),
            hits AS (SELECT * FROM candidates LIMIT \(Self.searchWindow)),
            page AS (SELECT * FROM hits WHERE true
            """
        if let c = cursor {
            q.append(" AND (rank < \(c[0])::real OR (rank = \(c[0])::real AND (document_id, idx) > (\(c[1])::uuid, \(c[2])::int)))")
        }
        q.append("""
             ORDER BY rank DESC, document_id, idx LIMIT \(limit + 1))
            SELECT p.document_id::text AS document_id, p.idx, p.start_offset, p.end_offset, p.language, p.text, p.rank::text AS rank,
                   d.title, to_char(d.published, 'YYYY-MM-DD') AS published, d.published_precision,
                   substr(d.raw_text, p.start_offset + 1, p.end_offset - p.start_offset) AS snippet,
                   (SELECT count(*) FROM candidates) AS candidates,
                   \(fragment: Self.mentionSpans(document: "p.document_id", sentence: "p.idx", entities: f.highlightEntities))
            FROM page p JOIN documents d ON d.id = p.document_id
            ORDER BY p.rank DESC, p.document_id, p.idx
            """)
        let statement = q
        return try await client.withConnection { conn in
            let rows = try conn.query(statement)
            let hits = try rows.prefix(limit).map(Self.searchHit)
            let next = rows.count > limit ? rows[limit - 1] : nil
            let candidates = try rows.first?.decode("candidates", as: Int.self) ?? 0
            return SearchPage(items: hits, nextCursor: next.map { Cursor.encode([$0["rank"] ?? "0", $0["document_id"] ?? "", $0["idx"] ?? "0"]) },
                              ranking: .init(complete: candidates <= Self.searchWindow, window: Self.searchWindow))
        }
    }

    /// Documents with matching sentences, ranked by their best sentence; each with that sentence and the number of
    /// matching sentences. Cursor: the last document's (rank, id).
    public func searchDocuments(_ f: SearchFilter, limit: Int, cursor: [String]?) async throws -> SearchPage<DocumentSearchHit> {
        var q: PostgresQuery = """
            WITH candidates AS (\(fragment: Self.matches(f)) LIMIT \(Self.searchWindow + 1)),
            hits AS (SELECT * FROM candidates LIMIT \(Self.searchWindow)),
            docs AS (SELECT document_id, max(rank) AS rank, count(*) AS matched,
                            (array_agg(idx ORDER BY rank DESC, idx))[1] AS best_idx
                     FROM hits GROUP BY document_id),
            page AS (SELECT * FROM docs WHERE true
            """
        if let c = cursor {
            q.append(" AND (rank < \(c[0])::real OR (rank = \(c[0])::real AND document_id > \(c[1])::uuid))")
        }
        q.append("""
             ORDER BY rank DESC, document_id LIMIT \(limit + 1))
            SELECT p.document_id::text AS document_id, p.rank::text AS rank, p.matched, s.idx, s.start_offset, s.end_offset,
                   s.language, s.text, d.title, to_char(d.published, 'YYYY-MM-DD') AS published, d.published_precision,
                   coalesce(d.detected_language, d.language) AS document_language,
                   substr(d.raw_text, s.start_offset + 1, s.end_offset - s.start_offset) AS snippet,
                   (SELECT count(*) FROM candidates) AS candidates,
                   \(fragment: Self.mentionSpans(document: "p.document_id", sentence: "s.idx", entities: f.highlightEntities))
            FROM page p JOIN documents d ON d.id = p.document_id
            JOIN sentences s ON s.document_id = p.document_id AND s.idx = p.best_idx
            ORDER BY p.rank DESC, p.document_id
            """)
        let statement = q
        return try await client.withConnection { conn in
            let rows = try conn.query(statement)
            let best = try rows.prefix(limit).map(Self.searchHit)
            let items = try zip(rows.prefix(limit), best).map { row, hit in
                DocumentSearchHit(documentID: hit.documentID, title: hit.title, published: hit.published,
                                  language: row["document_language"], rank: hit.rank,
                                  matchedSentences: try row.decode("matched", as: Int.self), best: hit)
            }
            let next = rows.count > limit ? rows[limit - 1] : nil
            let candidates = try rows.first?.decode("candidates", as: Int.self) ?? 0
            return SearchPage(items: items, nextCursor: next.map { Cursor.encode([$0["rank"] ?? "0", $0["document_id"] ?? ""]) },
                              ranking: .init(complete: candidates <= Self.searchWindow, window: Self.searchWindow))
        }
    }

    /// Compatibility wrapper over `searchSentences` (first page only; `offset` must be 0).
    public func search(tsquery: String, language: String?, limit: Int, offset: Int) async throws -> Page<SearchHit> {
        precondition(offset == 0, "use searchSentences with a cursor for later pages")
        let page = try await searchSentences(SearchFilter(tsquery: tsquery, language: language), limit: limit, cursor: nil)
        return Page(items: page.items, nextCursor: page.nextCursor)
    }

    /// Matching sentences with their rank. The GIN index on `sentences.search` finds them; the date filter joins the
    /// documents only when asked.
    static func matches(_ f: SearchFilter) -> PostgresQuery {
        var q: PostgresQuery = """
            SELECT s.document_id, s.idx, s.start_offset, s.end_offset, s.language, s.text, ts_rank(s.search, query) AS rank
            FROM sentences s, CAST(\(f.tsquery) AS tsquery) AS query
            WHERE s.search @@ query
            """
        if let language = f.language { q.append(" AND s.language = \(language)") }
        if let documentID = f.documentID { q.append(" AND s.document_id = \(documentID.uuidString)::uuid") }
        if let type = f.entityType {
            q.append("""
                 AND EXISTS (SELECT 1 FROM mentions m JOIN entities en ON en.id = m.entity_id
                             WHERE m.document_id = s.document_id AND m.sentence_index = s.idx AND en.type = \(type))
                """)
        }
        if f.eventType != nil || f.modality != nil {
            q.append("""
                 AND EXISTS (SELECT 1 FROM events ev JOIN event_mentions em ON em.event_id = ev.id
                             WHERE ev.document_id = s.document_id AND em.sentence_index = s.idx
                                   AND (\(f.eventType)::text IS NULL OR ev.type = \(f.eventType))
                                   AND (\(f.modality)::text IS NULL OR ev.modality = \(f.modality)))
                """)
        }
        if f.publishedFrom != nil || f.publishedTo != nil {
            q.append(" AND s.document_id IN (SELECT id FROM documents WHERE published BETWEEN coalesce(\(f.publishedFrom)::date, '-infinity') AND coalesce(\(f.publishedTo)::date, 'infinity'))")
        }
        return q
    }

    static func searchHit(_ row: PostgresRow) throws -> SearchHit {
        SearchHit(documentID: try row.decode("document_id", as: UUID.self), title: row["title"],
                  published: publishedText(row["published"], row["published_precision"]),
                  sentenceIndex: try row.decode("idx", as: Int.self), start: try row.decode("start_offset", as: Int.self),
                  end: try row.decode("end_offset", as: Int.self), language: row["language"] ?? "", text: row["text"] ?? "",
                  rank: try row.decode("rank", as: Double.self), snippet: row["snippet"] ?? "",
                  highlights: parseSpans(row["mention_spans"]))
    }

    /// A column `mention_spans` (`start:end,start:end`) with the offsets of the given entities' mentions inside the
    /// hit sentence: part of the search statement, no second round trip.
    static func mentionSpans(document: String, sentence: String, entities: [String]) -> PostgresQuery {
        """
        (SELECT string_agg(m.start_offset || ':' || m.end_offset, ',' ORDER BY m.start_offset)
         FROM mentions m WHERE m.document_id = \(unescaped: document) AND m.sentence_index = \(unescaped: sentence)
                           AND m.entity_id = ANY(\(entities)::text[])) AS mention_spans
        """
    }

    static func parseSpans(_ text: String?) -> [Span] {
        guard let text, !text.isEmpty else { return [] }
        return text.split(separator: ",").compactMap { pair in
            let parts = pair.split(separator: ":")
            guard parts.count == 2, let start = Int(parts[0]), let end = Int(parts[1]) else { return nil }
            return Span(start: start, end: end)
        }
    }
}

// Search pages are written with `JSONWriter` (the endpoint's hottest part after the statement); each writes the
// members of its `Codable` form, sorted by key. `SearchJSONTests` checks them against `DalaJSON.encoder()`.
extension SearchHit: JSONWritable {
    public func write(to w: inout JSONWriter) {
        w.object { w in
            w.member("document_id", documentID.uuidString.lowercased())
            w.member("end", end)
            w.key("highlights")
            w.array(highlights) { w, span in
                w.object { w in
                    w.member("end", span.end)
                    w.member("start", span.start)
                }
            }
            w.member("language", language)
            w.member("published", published)
            w.member("rank", rank)
            w.member("sentence_index", sentenceIndex)
            w.member("snippet", snippet)
            w.member("start", start)
            w.member("text", text)
            w.member("title", title)
        }
    }
}

extension DocumentSearchHit: JSONWritable {
    public func write(to w: inout JSONWriter) {
        w.object { w in
            w.key("best")
            best.write(to: &w)
            w.member("document_id", documentID.uuidString.lowercased())
            w.member("language", language)
            w.member("matched_sentences", matchedSentences)
            w.member("published", published)
            w.member("rank", rank)
            w.member("title", title)
        }
    }
}

extension SearchPage where Item: JSONWritable {
    /// The page as JSON.
    public var json: [UInt8] {
        var w = JSONWriter(capacity: 1024 + items.count * 768)
        w.object { w in
            w.key("items")
            w.array(items) { w, hit in hit.write(to: &w) }
            w.member("next_cursor", nextCursor)
            w.key("ranking")
            w.object { w in
                w.member("complete", ranking.complete)
                w.member("window", ranking.window)
            }
        }
        return w.bytes
    }
}
