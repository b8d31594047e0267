import DalaCore
import DalaPostgres
import Foundation

/// Filters of `GET /v1/events` and the event export. Every field narrows the result; nil/empty means any.
public struct EventFilter: Sendable {
    public var type: String?
    /// Events in which any of these entities takes part (any role, or as speaker).
    public var entityIDs: [String]
    /// And in which any of these entities also takes part (dyadic queries: `entity=KZ&participant=RU`).
    public var participantIDs: [String]
    /// Restricts `entityIDs` to this role (actor, counterpart, place, speaker...).
    public var role: String?
    /// Inclusive `YYYY-MM-DD` bounds; an event matches when its date range overlaps them (undated events do not).
    public var from: String?
    public var to: String?
    public var modality: String?
    public var language: String?
    public var extractorVersion: String?
    /// Only events of this document (the web workspace's event filter).
    public var documentID: UUID?
    /// One row per real-world event (story): the best-supported matching report stands for the others.
    public var collapse = false

    public init(type: String? = nil, entityIDs: [String] = [], participantIDs: [String] = [], role: String? = nil,
                from: String? = nil, to: String? = nil, modality: String? = nil, language: String? = nil,
                extractorVersion: String? = nil) {
        self.type = type; self.entityIDs = entityIDs; self.participantIDs = participantIDs; self.role = role
        self.from = from; self.to = to; self.modality = modality; self.language = language
        self.extractorVersion = extractorVersion
    }
}

/// Loading events with their participants and evidence.
enum EventQuery {
    static let columns = """
        e.id::text AS id, e.document_id::text AS document_id, d.title, e.extractor_version, e.event_key, e.type,
               e.cameo, e.plover, e.modality, e.speaker_entity_id, e.date_value,
               to_char(e.date_start, 'YYYY-MM-DD') AS date_start, to_char(e.date_end, 'YYYY-MM-DD') AS date_end,
               e.date_precision, e.confidence, e.language,
               to_char(coalesce(e.date_start, DATE '0001-01-01'), 'YYYY-MM-DD') AS date_key
        """
    static let base: PostgresQuery = "SELECT \(unescaped: columns) FROM events e JOIN documents d ON d.id = e.document_id"

    /// Events matching `f` newest first (undated last), keyset on (date key, id).
    static func page(_ f: EventFilter, limit: Int, cursor: [String]?) -> PostgresQuery {
        if f.collapse { return collapsedPage(f, limit: limit, cursor: cursor) }
        var q = base
        q.append(" WHERE true")
        q.append(conditions(f))
        if let c = cursor {
            q.append(" AND (coalesce(e.date_start, DATE '0001-01-01'), e.id) < (\(c[0])::date, \(c[1])::uuid)")
        }
        q.append(" ORDER BY coalesce(e.date_start, DATE '0001-01-01') DESC, e.id DESC LIMIT \(limit + 1)")
        return q
    }

    /// One matching report per story (the most confident, then the earliest id), newest first; events without a
    /// story stand for themselves. Same keyset as `page`.
    static func collapsedPage(_ f: EventFilter, limit: Int, cursor: [String]?) -> PostgresQuery {
        var inner: PostgresQuery = """
            SELECT \(unescaped: columns),
                   row_number() OVER (PARTITION BY coalesce(r.story_id, e.id) ORDER BY e.confidence DESC, e.id) AS story_rank
            FROM events e JOIN documents d ON d.id = e.document_id LEFT JOIN event_story_reports r ON r.event_id = e.id
            WHERE true
            """
        inner.append(conditions(f))
        var q: PostgresQuery = "SELECT * FROM (\(fragment: inner)) x WHERE story_rank = 1"
        if let c = cursor { q.append(" AND (x.date_key, x.id::uuid) < (\(c[0]), \(c[1])::uuid)") }
        q.append(" ORDER BY x.date_key DESC, x.id::uuid DESC LIMIT \(limit + 1)")
        return q
    }

    /// `AND ...` conditions of the filter over `events e`.
    static func conditions(_ f: EventFilter) -> PostgresQuery {
        var q: PostgresQuery = ""
        if let type = f.type { q.append(" AND e.type = \(type)") }
        if !f.entityIDs.isEmpty {
            if let role = f.role {
                q.append("""
                     AND e.id IN (SELECT event_id FROM event_participants WHERE entity_id = ANY(\(f.entityIDs)::text[]) AND role = \(role))
                    """)
            } else {
                q.append("""
                     AND (e.id IN (SELECT event_id FROM event_participants WHERE entity_id = ANY(\(f.entityIDs)::text[]))
                          OR e.speaker_entity_id = ANY(\(f.entityIDs)::text[]))
                    """)
            }
        }
        if !f.participantIDs.isEmpty {
            q.append(" AND e.id IN (SELECT event_id FROM event_participants WHERE entity_id = ANY(\(f.participantIDs)::text[]))")
        }
        if let from = f.from { q.append(" AND coalesce(e.date_end, e.date_start) >= \(from)::date") }
        if let to = f.to { q.append(" AND e.date_start <= \(to)::date") }
        if let modality = f.modality { q.append(" AND e.modality = \(modality)") }
        if let language = f.language { q.append(" AND e.language = \(language)") }
        if let version = f.extractorVersion { q.append(" AND e.extractor_version = \(version)") }
        if let documentID = f.documentID { q.append(" AND e.document_id = \(documentID.uuidString)::uuid") }
        return q
    }

    /// Event rows plus their participants and evidence (two more statements on the same connection).
    static func load(_ rows: [PostgresRow], conn: PostgresConnection) throws -> [EventView] {
        guard !rows.isEmpty else { return [] }
        let ids = rows.compactMap { $0["id"] }
        var participants: [String: [ParticipantView]] = [:]
        for r in try conn.query("""
            SELECT p.event_id::text AS event_id, p.role, p.entity_id, en.type,
                   \(unescaped: QueryStore.labelExpression(nil, table: "en")) AS label, p.surface, p.start_offset, p.end_offset
            FROM event_participants p LEFT JOIN entities en ON en.id = p.entity_id
            WHERE p.event_id = ANY(\(ids)::uuid[])
            ORDER BY p.event_id, p.start_offset NULLS LAST, p.role, p.surface
            """) {
            participants[r["event_id"] ?? "", default: []].append(ParticipantView(
                role: r["role"] ?? "", entityID: r["entity_id"], entityType: r["type"], label: r["label"],
                surface: r["surface"] ?? "", start: try r.decode("start_offset", as: Int?.self),
                end: try r.decode("end_offset", as: Int?.self)))
        }
        var evidence: [String: [EvidenceView]] = [:]
        for r in try conn.query("""
            SELECT event_id::text AS event_id, sentence_index, start_offset, end_offset, evidence, trigger, trigger_start,
                   trigger_end, confidence, \(unescaped: PageMap.page(document: "(SELECT ev.document_id FROM events ev WHERE ev.id = event_mentions.event_id)",
                                                                     offset: "event_mentions.start_offset")) AS page
            FROM event_mentions WHERE event_id = ANY(\(ids)::uuid[])
            ORDER BY event_id, start_offset, trigger_start
            """) {
            evidence[r["event_id"] ?? "", default: []].append(EvidenceView(
                sentenceIndex: try r.decode("sentence_index", as: Int.self), start: try r.decode("start_offset", as: Int.self),
                end: try r.decode("end_offset", as: Int.self), evidence: r["evidence"] ?? "", trigger: r["trigger"] ?? "",
                triggerStart: try r.decode("trigger_start", as: Int.self), triggerEnd: try r.decode("trigger_end", as: Int.self),
                confidence: try r.decode("confidence", as: Double.self), page: try r.decode("page", as: Int?.self)))
        }
        let stories = try Self.stories(of: ids, listed: ids.count == 1 ? 500 : StoryView.listed, conn: conn)
        return try rows.map { r in
            let id = r["id"] ?? ""
            let hasDate = r["date_value"] != nil || r["date_start"] != nil
            return EventView(
                id: try r.decode("id", as: UUID.self), documentID: try r.decode("document_id", as: UUID.self),
                documentTitle: r["title"], extractorVersion: r["extractor_version"] ?? "", key: r["event_key"] ?? "",
                type: r["type"] ?? "", cameo: r["cameo"], plover: r["plover"], modality: r["modality"] ?? "",
                speakerEntityID: r["speaker_entity_id"],
                date: hasDate ? EventView.EventDate(value: r["date_value"], start: r["date_start"], end: r["date_end"],
                                                    precision: r["date_precision"]) : nil,
                confidence: try r.decode("confidence", as: Double.self), language: r["language"] ?? "",
                participants: participants[id] ?? [], mentions: evidence[id] ?? [], story: stories[id])
        }
    }

    /// The stories of events `ids` (by event id), each with its first `listed` reports, earliest date first.
    static func stories(of ids: [String], listed: Int, conn: PostgresConnection) throws -> [String: StoryView] {
        var byStory: [String: StoryView] = [:], storyOf: [String: String] = [:]
        for r in try conn.query("SELECT event_id::text AS event_id, story_id::text AS story_id FROM event_story_reports WHERE event_id = ANY(\(ids)::uuid[])") {
            storyOf[r["event_id"] ?? ""] = r["story_id"]
        }
        guard !storyOf.isEmpty else { return [:] }
        let storyIDs = Array(Set(storyOf.values))
        for r in try conn.query("""
            SELECT s.story_id::text AS story_id, s.event_id::text AS event_id, s.document_id::text AS document_id, d.title,
                   e.modality, e.date_value, to_char(e.date_start, 'YYYY-MM-DD') AS date_start,
                   to_char(e.date_end, 'YYYY-MM-DD') AS date_end, e.date_precision, e.confidence, e.language, s.n, s.rn,
                   (SELECT count(DISTINCT x.document_id) FROM event_story_reports x WHERE x.story_id = s.story_id) AS docs
            FROM (SELECT r.*, count(*) OVER w AS n,
                         row_number() OVER (w ORDER BY ev.date_start NULLS LAST, r.event_id) AS rn
                  FROM event_story_reports r JOIN events ev ON ev.id = r.event_id
                  WHERE r.story_id = ANY(\(storyIDs)::uuid[]) WINDOW w AS (PARTITION BY r.story_id)) s
            JOIN events e ON e.id = s.event_id JOIN documents d ON d.id = s.document_id
            WHERE s.rn <= \(listed)
            ORDER BY s.story_id, s.rn
            """) {
            let sid = r["story_id"] ?? ""
            let hasDate = r["date_value"] != nil || r["date_start"] != nil
            let report = StoryView.Report(
                eventID: try r.decode("event_id", as: UUID.self), documentID: try r.decode("document_id", as: UUID.self),
                documentTitle: r["title"], modality: r["modality"] ?? "",
                date: hasDate ? EventView.EventDate(value: r["date_value"], start: r["date_start"], end: r["date_end"],
                                                    precision: r["date_precision"]) : nil,
                confidence: try r.decode("confidence", as: Double.self), language: r["language"] ?? "")
            if byStory[sid] == nil {
                byStory[sid] = StoryView(id: try r.decode("story_id", as: UUID.self), reports: try r.decode("n", as: Int.self),
                                         documents: try r.decode("docs", as: Int.self), reportList: [])
            }
            byStory[sid]!.reportList.append(report)
        }
        return storyOf.compactMapValues { byStory[$0] }
    }

    static func cursor(after row: PostgresRow) -> String {
        Cursor.encode([row["date_key"] ?? "0001-01-01", row["id"] ?? ""])
    }
}

extension QueryStore {
    /// Events matching the filter, newest first, with participants and evidence. Cursor: (date key, id).
    public func events(_ f: EventFilter, limit: Int, cursor: [String]?) async throws -> Page<EventView> {
        try await snapshot { conn in
            let rows = try conn.query(EventQuery.page(f, limit: limit, cursor: cursor))
            let items = try EventQuery.load(Array(rows.prefix(limit)), conn: conn)
            return Page(items: items, nextCursor: rows.count > limit ? EventQuery.cursor(after: rows[limit - 1]) : nil)
        }
    }

    /// One event with participants and evidence in every mention.
    public func event(_ id: UUID) async throws -> EventView? {
        try await snapshot { conn in
            var q = EventQuery.base
            q.append(" WHERE e.id = \(id.uuidString)::uuid")
            return try EventQuery.load(try conn.query(q), conn: conn).first
        }
    }

    /// Events of whole documents for the export: the documents after `afterDocument` (in id order) that have matching
    /// events, `documents` of them per call, read on one snapshot. A document re-enriched during a long export is
    /// therefore exported entirely in one version, never twice or half.
    public func exportEvents(_ f: EventFilter, afterDocument: UUID?, documents: Int) async throws -> (events: [EventView], last: UUID?) {
        var filter = EventQuery.conditions(f)
        if let afterDocument { filter.append(" AND e.document_id > \(afterDocument.uuidString)::uuid") }
        var q = EventQuery.base
        q.append("""
             WHERE e.document_id IN (SELECT DISTINCT e.document_id FROM events e WHERE true\(fragment: filter)
                                     ORDER BY e.document_id LIMIT \(documents))
            """)
        q.append(filter)
        q.append(" ORDER BY e.document_id, e.event_key")
        let statement = q
        return try await snapshot { conn in
            let rows = try conn.query(statement)
            let events = try EventQuery.load(rows, conn: conn)
            return (events, events.last?.documentID)
        }
    }

    /// Known values of an event facet (`type`, `modality`, `language`) from `event_facets`, plus whether `value`
    /// exists right now (a value newer than the last refresh is still accepted).
    public func eventFacet(_ facet: String, contains value: String) async throws -> (exists: Bool, known: [String]) {
        try await client.withConnection { conn in
            let known = try conn.query("SELECT value FROM event_facets WHERE facet = \(facet) ORDER BY value").compactMap { $0["value"] }
            if known.contains(value) { return (true, known) }
            let column: String
            switch facet {
            case "type": column = "type"
            case "modality": column = "modality"
            default: column = "language"
            }
            let live = try conn.query("SELECT 1 FROM events WHERE \(unescaped: column) = \(value) LIMIT 1")
            return (!live.isEmpty, known)
        }
    }

    /// Events per type per month or year, for one entity or (nil) the whole store, from `entity_timeline`: the JSON
    /// of a `TimelineView`, built by PostgreSQL. A country's monthly timeline is over a thousand (month, type) rows;
    /// turning them into JSON in the database takes a tenth of the time decoding and re-encoding them here did.
    /// Nil when `entity` names no stored entity (checked in the same statement: one round trip).
    /// `collapse`: each story (real-world event) counted once, in the period of its earliest report, computed live.
    public func timelineJSON(entity: String?, bucket: String, type: String?, from: String?, to: String?,
                             collapse: Bool = false) async throws -> String? {
        var filter: PostgresQuery = ""
        if let type { filter.append(" AND type = \(type)") }
        if let from { filter.append(" AND (month >= date_trunc('month', \(from)::date) OR month = DATE '0001-01-01')") }
        if let to { filter.append(" AND month <= \(to)::date") }
        let format = bucket == "year" ? "YYYY" : "YYYY-MM"
        var counts: PostgresQuery = """
            SELECT CASE WHEN month = DATE '0001-01-01' THEN NULL ELSE to_char(month, \(format)) END AS period, type,
                   sum(events)::bigint AS n
            FROM entity_timeline WHERE entity_id = \(entity ?? "*")\(fragment: filter)
            GROUP BY 1, 2
            """
        if collapse {
            var events: PostgresQuery = ""
            if let type { events.append(" AND e.type = \(type)") }
            if let entity {
                events.append(" AND (e.id IN (SELECT event_id FROM event_participants WHERE entity_id = \(entity)) OR e.speaker_entity_id = \(entity))")
            }
            var dates: PostgresQuery = ""
            if let from { dates.append(" AND (d IS NULL OR d >= date_trunc('month', \(from)::date))") }
            if let to { dates.append(" AND d <= \(to)::date") }
            counts = """
                SELECT CASE WHEN d IS NULL THEN NULL ELSE to_char(d, \(format)) END AS period, type, count(*)::bigint AS n
                FROM (SELECT coalesce(r.story_id, e.id) AS story, min(e.type) AS type, min(e.date_start) AS d
                      FROM events e LEFT JOIN event_story_reports r ON r.event_id = e.id
                      WHERE true\(fragment: events) GROUP BY 1) s
                WHERE true\(fragment: dates)
                GROUP BY 1, 2
                """
        }
        let q: PostgresQuery = """
            WITH t AS (\(fragment: counts)), buckets AS (
                SELECT period, sum(n)::bigint AS total, json_object_agg(type, n ORDER BY type) AS by_type
                FROM t WHERE period IS NOT NULL GROUP BY period
            )
            SELECT json_build_object(
                'entity_id', \(entity)::text, 'bucket', \(bucket)::text,
                'buckets', coalesce((SELECT json_agg(json_build_object('period', period, 'total', total, 'by_type', by_type)
                                                     ORDER BY period) FROM buckets), '[]'::json),
                'undated', coalesce((SELECT json_object_agg(type, n ORDER BY type) FROM t WHERE period IS NULL), '{}'::json),
                'statistics_as_of', (SELECT \(unescaped: Self.timestamp("refreshed_at")) FROM corpus_totals))::text AS body
            WHERE \(entity)::text IS NULL OR EXISTS (SELECT 1 FROM entities WHERE id = \(entity))
            """
        return try await client.query(q).first?["body"]
    }

    /// The same as a value (tests, callers that post-process).
    public func timeline(entity: String?, bucket: String, type: String?, from: String?, to: String?,
                         collapse: Bool = false) async throws -> TimelineView {
        let json = try await timelineJSON(entity: entity, bucket: bucket, type: type, from: from, to: to, collapse: collapse) ?? "{}"
        return try JSONDecoder().decode(TimelineView.self, from: Data(json.utf8))
    }

    /// The co-occurrence network around `entity`: breadth-first to `depth`, keeping each node's `perNode` strongest
    /// partners with at least `minWeight` shared documents, up to `maxNodes` nodes; then every edge among them.
    /// `window: .sentence` weighs edges by shared sentences instead of shared documents (a document-level graph of a
    /// small corpus is nearly complete; sentence-level co-occurrence is the closer relation).
    public func graph(entity: String, depth: Int, minWeight: Int, perNode: Int, maxNodes: Int,
                      labelLanguage: String?, window: CooccurrenceWindow = .document) async throws -> GraphView? {
        let label = Self.labelExpression(labelLanguage, table: "e")
        let weight = window == .document ? "documents" : "sentences"
        return try await client.withConnection { conn -> GraphView? in
            guard !(try conn.query("SELECT 1 FROM entities WHERE id = \(entity)")).isEmpty else { return nil }
            var depthOf: [String: Int] = [entity: 0]
            var order = [entity]
            var frontier = [entity]
            var level = 0
            while level < depth, !frontier.isEmpty, order.count < maxNodes {
                level += 1
                let rows = try conn.query("""
                    SELECT partner_id FROM (
                        SELECT entity_id, partner_id, \(unescaped: weight) AS w,
                               row_number() OVER (PARTITION BY entity_id ORDER BY \(unescaped: weight) DESC, partner_id) AS rn
                        FROM entity_cooccurrence
                        WHERE entity_id = ANY(\(frontier)::text[]) AND \(unescaped: weight) >= \(minWeight)
                    ) x WHERE rn <= \(perNode)
                    ORDER BY w DESC, partner_id
                    """)
                var next: [String] = []
                for r in rows {
                    guard let p = r["partner_id"], depthOf[p] == nil, order.count < maxNodes else { continue }
                    depthOf[p] = level
                    order.append(p)
                    next.append(p)
                }
                frontier = next
            }
            var nodes: [String: GraphView.Node] = [:]
            for r in try conn.query("""
                SELECT e.id, e.type, \(unescaped: label) AS label, coalesce(st.documents, 0) AS documents
                FROM entities e LEFT JOIN entity_stats st ON st.entity_id = e.id WHERE e.id = ANY(\(order)::text[])
                """) {
                let id = r["id"] ?? ""
                nodes[id] = GraphView.Node(id: id, label: r["label"] ?? id, type: r["type"] ?? "",
                                           documents: try r.decode("documents", as: Int.self), depth: depthOf[id] ?? 0)
            }
            let edges = try conn.query("""
                SELECT entity_id, partner_id, documents, sentences FROM entity_cooccurrence
                WHERE entity_id = ANY(\(order)::text[]) AND partner_id = ANY(\(order)::text[]) AND entity_id < partner_id
                      AND \(unescaped: weight) >= \(minWeight)
                ORDER BY entity_id, partner_id
                """).map { r in
                GraphView.Edge(source: r["entity_id"] ?? "", target: r["partner_id"] ?? "",
                               weight: try r.decode(weight, as: Int.self), sentences: try r.decode("sentences", as: Int.self))
            }
            let asOf = try conn.query("SELECT \(unescaped: Self.timestamp("refreshed_at")) AS t FROM corpus_totals").first?["t"]
            return GraphView(nodes: order.compactMap { nodes[$0] }, edges: edges, statisticsAsOf: asOf)
        }
    }

    /// Store-wide counts (one round trip).
    public func stats() async throws -> StatsView {
        try await client.withConnection { conn in
            func counts(_ q: PostgresQuery) throws -> [String: Int] {
                var out: [String: Int] = [:]
                for r in try conn.query(q) { out[r["k"] ?? "unknown"] = try r.decode("n", as: Int.self) }
                return out
            }
            let runs = try conn.query("""
                SELECT count(*) AS n, avg(duration_ms) AS mean, \(unescaped: Self.timestamp("max(finished_at)")) AS last
                FROM extraction_runs
                """).first
            return StatsView(
                documentsByStatus: try counts("SELECT status AS k, count(*) AS n FROM documents GROUP BY 1"),
                documentsByLanguage: try counts("SELECT coalesce(detected_language, language, 'unknown') AS k, count(*) AS n FROM documents GROUP BY 1"),
                entitiesByType: try counts("SELECT type AS k, count(*) AS n FROM entities GROUP BY 1"),
                eventsByType: try counts("SELECT type AS k, count(*) AS n FROM events GROUP BY 1"),
                extractionRuns: StatsView.Runs(
                    total: try runs?.decode("n", as: Int.self) ?? 0,
                    byVersion: try counts("SELECT extractor_version AS k, count(*) AS n FROM extraction_runs GROUP BY 1"),
                    documentsByVersion: try counts("SELECT extractor_version AS k, count(*) AS n FROM documents WHERE extractor_version IS NOT NULL GROUP BY 1"),
                    meanDurationMS: try runs?.decode("mean", as: Double?.self), lastFinishedAt: runs?["last"]),
                statisticsAsOf: try conn.query("SELECT \(unescaped: Self.timestamp("refreshed_at")) AS t FROM corpus_totals").first?["t"])
        }
    }
}

/// One row per real-world event in a stream of reports (the event export with `collapse=stories`): a report is kept
/// when its story has not been seen yet; a report without a story stands for itself. The export reads documents in id
/// order, so each story is told by its first matching report in that order. Holds one id per story exported.
public struct StoryCollapser: Sendable {
    private var seen = Set<UUID>()
    public init() {}
    public mutating func keep(_ e: EventView) -> Bool {
        guard let story = e.story?.id else { return true }
        return seen.insert(story).inserted
    }
}
