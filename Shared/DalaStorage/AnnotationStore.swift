import DalaCore
import DalaPostgres
import Foundation

/// Writes a document's annotations. One transaction replaces whatever the document had (this or an older
/// extractor version), so redelivered messages never duplicate annotations and readers never see half a result.
public struct AnnotationStore: Sendable {
    public let client: PostgresClient
    /// Also links each written event to its story (`event_story_reports`) in the same transaction, as one process
    /// without a story linker would. Otherwise (the worker) the documents are left for `StoryLinks.link`
    /// (`documents.stories_linked_at` NULL) and their events have no story until it has run.
    public let linksStories: Bool
    public init(client: PostgresClient, linksStories: Bool = false) { self.client = client; self.linksStories = linksStories }

    /// Replaces the annotations of `documentID`; returns false when the document no longer exists.
    @discardableResult
    public func replace(documentID: UUID, with a: AnnotationSet, startedAt: Date, worker: String) async throws -> Bool {
        try await replaceMany([Replacement(documentID: documentID, annotations: a, startedAt: startedAt)], worker: worker)
            .contains(documentID)
    }

    /// One document's new annotations, for `replaceMany`.
    public struct Replacement: Sendable {
        public var documentID: UUID
        public var annotations: AnnotationSet
        public var startedAt: Date
        /// How many rows of each kind the annotations had when the replacement was made (kept by `lightened()`).
        public let counts: Counts
        public init(documentID: UUID, annotations: AnnotationSet, startedAt: Date) {
            self.documentID = documentID; self.annotations = annotations; self.startedAt = startedAt
            counts = Counts(sentences: annotations.sentences.count, entities: annotations.entities.count,
                            mentions: annotations.mentions.count, times: annotations.times.count, events: annotations.events.count)
        }

        /// A document analysed piece by piece (`Pipeline.annotationPieces`): its summary (entities, events without
        /// evidence, keywords, document fields) and the rows already in COPY text form.
        public init(documentID: UUID, summary: AnnotationSet, rows: DocumentRows, startedAt: Date) {
            self.documentID = documentID; self.annotations = summary; self.startedAt = startedAt
            counts = Counts(sentences: rows.sent.sentences + rows.sentences.count, entities: summary.entities.count,
                            mentions: rows.sent.mentions + rows.mentions.count, times: rows.sent.times + rows.times.count,
                            events: rows.sent.events + rows.events.count)
        }

        public struct Counts: Sendable { public var sentences, entities, mentions, times, events: Int }

        /// The replacement without the rows its COPY text holds (sentences, mentions, times, keywords): what to keep
        /// once `PreparedReplacements` has them, so a long document's rows are not in memory twice. Entities and
        /// events stay (the write upserts the entities and links the events' stories); `counts` still counts all.
        public func lightened() -> Replacement {
            var r = self
            r.annotations.sentences = []; r.annotations.mentions = []; r.annotations.times = []; r.annotations.keywords = []
            return r
        }
    }

    /// Replaces the annotations of several documents in one transaction with one statement or COPY per table (a
    /// dozen round trips for the whole batch, where one document used to take as many). Returns the documents
    /// written; a document that no longer exists is skipped. Each document's rows are exactly what `replace` writes.
    /// A document listed twice is written once, with its last annotations.
    public func replaceMany(_ items: [Replacement], worker: String) async throws -> Set<UUID> {
        try await replaceMany(PreparedReplacements(items), worker: worker)
    }

    /// `replaceMany` with the rows already built (CPU work the caller can do on its own thread, and outside the
    /// transaction, which then holds its locks only while talking to the server).
    public func replaceMany(_ prepared: PreparedReplacements, worker: String) async throws -> Set<UUID> {
        Set(try await replaceManyWithStories(prepared, worker: worker).keys)
    }

    /// `replaceMany`, returning for each document written the story fields of its events as stored
    /// (`DocumentStories`, for its `dala.documents.enriched` message: the story linker then need not read them back;
    /// nil when they cannot be carried).
    public func replaceManyWithStories(_ prepared: PreparedReplacements, worker: String) async throws -> [UUID: DocumentStories?] {
        let byID = prepared.byID, rows = prepared.rows
        guard !byID.isEmpty else { return [:] }
        let ids = byID.keys.map(\.uuidString)
        return try await client.withTransaction { conn in
            let locked = try Self.lockAndClear(ids, conn: conn)
            guard !locked.isEmpty else { return [:] }
            let present = locked.map(\.id), published = Dictionary(locked.map { ($0.id, $0.published) }, uniquingKeysWith: { a, _ in a })
            let docs = present.map { byID[$0]! }
            // First labels seen win for entities several documents share (as documents written one by one would).
            var seen = Set<String>(), entities: [AnnotationSet.EntityRow] = []
            for d in docs { for e in d.annotations.entities where seen.insert(e.id).inserted { entities.append(e) } }
            try Self.upsertEntities(entities, conn: conn)
            try Self.copy(present.map { rows[$0]! }, conn: conn)
            try Self.finish(docs, eventIDs: { rows[$0]!.eventIDs }, published: { published[$0] ?? nil }, worker: worker,
                            linksStories: linksStories, conn: conn)
            return Dictionary(docs.map { d in
                (d.documentID, Self.stories(d.annotations, eventIDs: rows[d.documentID]!.eventIDs, published: published[d.documentID] ?? nil))
            }, uniquingKeysWith: { a, _ in a })
        }
    }

    /// The story fields of a write's events: what `finish` gives `StoryLinker` when it links in the write, and what
    /// `StoryLinks.pendingItems` reads back otherwise. Bodies: the document's organisations and formats that its events name.
    static func stories(_ a: AnnotationSet, eventIDs: [UUID], published: String?) -> DocumentStories? {
        var named = Set<String>()
        let events = zip(a.events, eventIDs).map { e, id in
            let participants = e.participants.compactMap { p in p.entityID.map { (role: p.role, entityID: $0) } }
            for p in participants { named.insert(p.entityID) }
            if let s = e.speakerEntityID { named.insert(s) }
            return DocumentStories.Event(id: id, key: e.key, type: e.type, speaker: e.speakerEntityID, dateStart: e.dateStart,
                                         dateEnd: e.dateEnd, precision: e.datePrecision, participants: participants)
        }
        return DocumentStories(published: published, bodies: StoryEvent.bodyIDs(of: a).intersection(named).sorted(), events: events)
    }

    /// Replaces one long document's annotations while it is analysed, so that its rows are in memory one piece at a
    /// time (the COPY text of a whole 10 MB document was the largest single part of a worker's peak). `analyse` runs
    /// inside the transaction, on the connection's thread: it hands each piece (`Pipeline.annotationPieces`) to
    /// `piece`, which sends the piece's rows at once, and returns the document's summary (entities, events without
    /// evidence, keywords), written last. What is stored is what `replaceMany` stores for the same analysis. Returns
    /// the replacement (without rows, with their counts), or nil when the document no longer exists.
    public func replaceStreaming(documentID: UUID, startedAt: Date, worker: String,
                                 analyse: @Sendable (_ piece: (AnnotationSet) throws -> Void) throws -> AnnotationSet)
        async throws -> Replacement?
    {
        try await client.withTransaction { conn in
            guard let locked = try Self.lockAndClear([documentID.uuidString], conn: conn).first else { return nil }
            var rows = DocumentRows(documentID: documentID), created = Set<String>()
            let summary = try analyse { piece in
                // A mention needs its entity's row; names are written once, from the summary, as replaceMany does.
                created.formUnion(try Self.insertEntityRows(piece.entities, conn: conn))
                rows.append(piece)
                try rows.send(conn)
            }
            try Self.upsertEntities(summary.entities, createdEarlier: created, conn: conn)
            rows.appendKeywords(of: summary)
            try rows.send(conn)
            let replacement = Replacement(documentID: documentID, summary: summary, rows: rows, startedAt: startedAt)
            try Self.finish([replacement], eventIDs: { _ in rows.eventIDs }, published: { _ in locked.published }, worker: worker,
                            linksStories: linksStories, conn: conn)
            return replacement.lightened()
        }
    }

    /// Locks the documents that still exist (in id order: concurrent workers on the same documents serialise here
    /// without deadlocks) and deletes their annotations; returns them with their publication day (nil unless known
    /// to the day), which places undated reports for story linking.
    static func lockAndClear(_ ids: [String], conn: PostgresConnection) throws -> [(id: UUID, published: String?)] {
        let locked = try conn.query("""
            SELECT id::text AS id,
                   CASE WHEN coalesce(published_precision, 'day') = 'day' THEN to_char(published, 'YYYY-MM-DD') END AS published
            FROM documents
            WHERE id = ANY(\(ids)::uuid[]) ORDER BY id FOR UPDATE
            """)
        let present = try locked.map { (id: try $0.decode("id", as: UUID.self), published: $0["published"]) }
        guard !present.isEmpty else { return [] }
        let list = present.map(\.id.uuidString)
        try conn.execute("""
            WITH m AS (DELETE FROM mentions WHERE document_id = ANY(\(list)::uuid[])),
                 s AS (DELETE FROM sentences WHERE document_id = ANY(\(list)::uuid[])),
                 t AS (DELETE FROM time_expressions WHERE document_id = ANY(\(list)::uuid[])),
                 e AS (DELETE FROM events WHERE document_id = ANY(\(list)::uuid[])),
                 k AS (DELETE FROM keywords WHERE document_id = ANY(\(list)::uuid[]))
            SELECT 1
            """)
        return present
    }

    /// One COPY per table for the rows of all `documents`.
    static func copy(_ documents: [DocumentRows], conn: PostgresConnection) throws {
        for (table, columns, rows) in DocumentRows.tables {
            try conn.copy(into: table, columns: columns, encoded: documents.lazy.map { $0[keyPath: rows] })
        }
    }

    /// The end of a replacement, after the rows: document status and analysis, the extraction run, and the events'
    /// stories. Stories last: the linker's advisory locks (per type and participant, shared by every worker writing
    /// about the same countries) are then held only for the linking and the commit, not for the COPYs.
    static func finish(_ docs: [Replacement], eventIDs: (UUID) -> [UUID], published: (UUID) -> String?, worker: String,
                       linksStories: Bool, conn: PostgresConnection) throws {
        let list = docs.map(\.documentID.uuidString)
        let now = Date()
        var versions: [String] = [], languages: [String] = [], shares: [String] = [], analyses: [String] = []
        var hashes: [String] = [], started: [Date] = [], durations: [Double] = [], stats: [String] = []
        for d in docs {
            let a = d.annotations
            versions.append(a.extractorVersion); languages.append(a.language); analyses.append(a.analysisJSON)
            shares.append(String(decoding: try JSONEncoder().encode(a.languages), as: UTF8.self))
            hashes.append(a.configHash); started.append(d.startedAt)
            durations.append(now.timeIntervalSince(d.startedAt) * 1000)
            let n = d.counts
            stats.append("{\"sentences\":\(n.sentences),\"entities\":\(n.entities),\"mentions\":\(n.mentions),\"times\":\(n.times),\"events\":\(n.events)}")
        }
        try conn.execute("""
            UPDATE documents d SET status = 'enriched', enriched_at = now(), error = NULL, attempts = 0,
                stories_linked_at = CASE WHEN \(linksStories)::bool THEN now() END,
                extractor_version = u.version, detected_language = u.language,
                languages = u.languages::jsonb, analysis = u.analysis::jsonb
            FROM unnest(\(list)::uuid[], \(versions)::text[], \(languages)::text[], \(shares)::text[], \(analyses)::text[])
                 AS u(id, version, language, languages, analysis)
            WHERE d.id = u.id
            """)
        try conn.execute("""
            INSERT INTO extraction_runs (document_id, extractor_version, config_hash, worker, started_at, duration_ms, stats)
            SELECT u.id, u.version, u.hash, \(worker), u.started, u.duration, u.stats::jsonb
            FROM unnest(\(list)::uuid[], \(versions)::text[], \(hashes)::text[], \(started)::timestamptz[],
                        \(durations)::float8[], \(stats)::text[]) AS u(id, version, hash, started, duration, stats)
            """)
        if linksStories {
            try StoryLinker.link(docs.flatMap { d in
                let bodies = StoryEvent.bodyIDs(of: d.annotations)
                return zip(d.annotations.events, eventIDs(d.documentID)).map { e, id in
                    StoryLinker.Item(eventID: id, documentID: d.documentID, key: e.key,
                                     event: StoryEvent(e, bodies: bodies, published: published(d.documentID)))
                }
            }, conn: conn)
        }
    }

    /// Replacements with their rows in COPY text form.
    public struct PreparedReplacements: Sendable {
        var byID: [UUID: Replacement]
        let rows: [UUID: DocumentRows]
        public init(_ items: [Replacement]) {
            byID = Dictionary(items.map { ($0.documentID, $0) }, uniquingKeysWith: { _, last in last })
            rows = byID.mapValues { d in
                var rows = DocumentRows(documentID: d.documentID)
                rows.append(d.annotations)
                rows.appendKeywords(of: d.annotations)
                return rows
            }
            byID = byID.mapValues { $0.lightened() }
        }

        /// Documents whose rows were built piece by piece (`Replacement(documentID:summary:rows:startedAt:)`); the
        /// summaries' keywords are added here.
        public init(_ items: [(replacement: Replacement, rows: DocumentRows)]) {
            var byID: [UUID: Replacement] = [:], rows: [UUID: DocumentRows] = [:]
            for (r, var documentRows) in items {
                documentRows.appendKeywords(of: r.annotations)
                byID[r.documentID] = r; rows[r.documentID] = documentRows
            }
            self.byID = byID; self.rows = rows
        }
    }

    /// One document's rows in COPY text form: a buffer per table (an array of values per row took twice the memory
    /// of the text it held, which counted for long documents), filled piece by piece for a long one.
    public struct DocumentRows: Sendable {
        let document: String
        var sentences = PostgresCopyRows(columns: Columns.sentences.count), mentions = PostgresCopyRows(columns: Columns.mentions.count)
        var times = PostgresCopyRows(columns: Columns.times.count), events = PostgresCopyRows(columns: Columns.events.count)
        var participants = PostgresCopyRows(columns: Columns.participants.count)
        var evidence = PostgresCopyRows(columns: Columns.evidence.count), keywords = PostgresCopyRows(columns: Columns.keywords.count)
        /// The id of each event row, in the order the events were appended.
        var eventIDs: [UUID] = []
        /// Rows `send` has written and no longer holds.
        var sent = Replacement.Counts(sentences: 0, entities: 0, mentions: 0, times: 0, events: 0)

        public init(documentID: UUID) { document = documentID.uuidString }

        /// Bytes of COPY text held (`dala bench --rows`).
        public var byteCount: Int { Self.tables.reduce(0) { $0 + self[keyPath: $1.rows].byteCount } }

        /// The sentences, mentions, times and events of `a` (a whole document, or one piece of a long one), written
        /// field by field (`PostgresCopyRows.field`): no array of strings per row. The columns are `Columns`, in order.
        public mutating func append(_ a: AnnotationSet) {
            let doc = document, version = a.extractorVersion
            for s in a.sentences {
                sentences.beginRow()
                sentences.field(doc); sentences.field(version); sentences.field(s.index); sentences.field(s.start)
                sentences.field(s.end); sentences.field(s.language); sentences.field(String(s.confidence)); sentences.field(s.section)
                sentences.field(s.text); sentences.field(SearchText.tsvector(s.searchKeys))
                sentences.endRow()
            }
            for m in a.mentions {
                mentions.beginRow()
                mentions.field(doc); mentions.field(version); mentions.field(m.entityID); mentions.field(m.start); mentions.field(m.end)
                mentions.field(m.surface); mentions.field(m.sentenceIndex); mentions.field(m.kind); mentions.field(String(m.confidence))
                mentions.field(AnnotationStore.arrayLiteral(m.alternatives))
                mentions.endRow()
            }
            for t in a.times {
                times.beginRow()
                times.field(doc); times.field(version); times.field(t.start); times.field(t.end); times.field(t.surface)
                times.field(t.sentenceIndex); times.field(t.value); times.field(t.rangeStart); times.field(t.rangeEnd)
                times.field(t.precision); times.field(t.relative ? "t" : "f")
                times.endRow()
            }
            let ids = UUID.randomBatch(a.events.count)
            eventIDs += ids
            for (e, id) in zip(a.events, ids) {
                let eventID = id.canonicalText
                events.beginRow()
                events.field(eventID); events.field(doc); events.field(version); events.field(e.key); events.field(e.type)
                events.field(e.cameo); events.field(e.plover); events.field(e.modality); events.field(e.speakerEntityID)
                events.field(e.dateValue); events.field(e.dateStart); events.field(e.dateEnd); events.field(e.datePrecision)
                events.field(String(e.confidence)); events.field(e.language)
                events.endRow()
                for p in e.participants {
                    participants.beginRow()
                    participants.field(eventID); participants.field(p.role); participants.field(p.entityID); participants.field(p.surface)
                    participants.field(p.start); participants.field(p.end)
                    participants.endRow()
                }
                for m in e.mentions {
                    evidence.beginRow()
                    evidence.field(eventID); evidence.field(m.sentenceIndex); evidence.field(m.start); evidence.field(m.end)
                    evidence.field(m.evidence); evidence.field(m.trigger); evidence.field(m.triggerStart); evidence.field(m.triggerEnd)
                    evidence.field(String(m.confidence))
                    evidence.endRow()
                }
            }
        }

        /// Each table's name, COPY columns and buffer, in the order they are written (events before what refers to them).
        static var tables: [(name: String, columns: [String], rows: WritableKeyPath<DocumentRows, PostgresCopyRows>)] {
            [("sentences", Columns.sentences, \.sentences), ("mentions", Columns.mentions, \.mentions),
             ("time_expressions", Columns.times, \.times), ("events", Columns.events, \.events),
             ("event_participants", Columns.participants, \.participants), ("event_mentions", Columns.evidence, \.evidence),
             ("keywords", Columns.keywords, \.keywords)]
        }

        /// Writes the rows held (one COPY per table that has any) and empties the buffers; event ids stay.
        mutating func send(_ conn: PostgresConnection) throws {
            sent.sentences += sentences.count; sent.mentions += mentions.count; sent.times += times.count; sent.events += events.count
            for (table, columns, rows) in Self.tables where self[keyPath: rows].count > 0 {
                try conn.copy(into: table, columns: columns, encoded: [self[keyPath: rows]])
                self[keyPath: rows] = PostgresCopyRows(columns: columns.count)
            }
        }

        mutating func appendKeywords(of a: AnnotationSet) {
            for k in a.keywords { keywords.append([document, a.extractorVersion, k.text, k.language, k.source, String(k.score)]) }
        }
    }

    /// The columns each table's COPY writes, in row order.
    enum Columns {
        static let sentences = ["document_id", "extractor_version", "idx", "start_offset", "end_offset", "language",
                                "confidence", "section", "text", "search"]
        static let mentions = ["document_id", "extractor_version", "entity_id", "start_offset", "end_offset", "surface",
                               "sentence_index", "kind", "confidence", "alternatives"]
        static let times = ["document_id", "extractor_version", "start_offset", "end_offset", "surface",
                            "sentence_index", "value", "range_start", "range_end", "precision", "relative"]
        static let events = ["id", "document_id", "extractor_version", "event_key", "type", "cameo", "plover", "modality",
                             "speaker_entity_id", "date_value", "date_start", "date_end", "date_precision", "confidence",
                             "language"]
        static let participants = ["event_id", "role", "entity_id", "surface", "start_offset", "end_offset"]
        static let evidence = ["event_id", "sentence_index", "start_offset", "end_offset", "evidence", "trigger",
                               "trigger_start", "trigger_end", "confidence"]
        static let keywords = ["document_id", "extractor_version", "text", "language", "source", "score"]
    }

    /// Knowledge-base entities refresh their labels and aliases; document-local ones keep the first seen. Names are
    /// rows of `entity_names` (one label per language, aliases in order), so any registered language is stored alike.
    /// `createdEarlier`: ids this transaction already inserted without names (`insertEntityRows`); they get theirs here.
    static func upsertEntities(_ entities: [AnnotationSet.EntityRow], createdEarlier: Set<String> = [],
                               conn: PostgresConnection) throws {
        guard !entities.isEmpty else { return }
        // Sorted ids keep lock order stable across concurrent workers (no deadlocks between two documents).
        let sorted = entities.sorted { $0.id < $1.id }
        for chunk in stride(from: 0, to: sorted.count, by: 500).map({ Array(sorted[$0..<min($0 + 500, sorted.count)]) }) {
            let created = try insertEntityRows(chunk, conn: conn).union(chunk.lazy.map(\.id).filter(createdEarlier.contains))
            try insertNames(chunk.filter { created.contains($0.id) }, conn: conn)
            // Knowledge-base entities whose names changed (a new knowledge base): only those are rewritten (locked).
            let known = chunk.filter { $0.fromKnowledgeBase && !created.contains($0.id) }
            guard !known.isEmpty else { continue }
            let stored = try conn.query("""
                SELECT e.id, e.type, coalesce((SELECT string_agg(n.kind || '|' || n.lang || '|' || n.position || '|' || n.name, E'\\n'
                                                                  ORDER BY n.kind, n.lang, n.position)
                                               FROM entity_names n WHERE n.entity_id = e.id), '') AS names
                FROM entities e WHERE e.id = ANY(\(known.map(\.id))::text[]) AND e.from_kb
                """)
            let now = Dictionary(stored.map { (($0["id"] ?? ""), (($0["type"] ?? ""), ($0["names"] ?? ""))) }, uniquingKeysWith: { a, _ in a })
            let changed = known.filter { e in now[e.id].map { $0.0 != e.type || $0.1 != signature(e) } ?? false }
            guard !changed.isEmpty else { continue }
            _ = try conn.query("SELECT id FROM entities WHERE id = ANY(\(changed.map(\.id))::text[]) ORDER BY id FOR UPDATE")
            try conn.execute("""
                UPDATE entities SET type = u.type, updated_at = now()
                FROM unnest(\(changed.map(\.id))::text[], \(changed.map(\.type))::text[]) AS u(id, type) WHERE entities.id = u.id
                """)
            try conn.execute("DELETE FROM entity_names WHERE entity_id = ANY(\(changed.map(\.id))::text[])")
            try insertNames(changed, conn: conn)
        }
    }

    /// Inserts the rows of entities not stored yet (no names); returns the ids inserted. DO NOTHING takes no lock on an
    /// existing row, so workers writing documents that name the same entities (every document names Kazakhstan) do
    /// not queue behind each other's transactions.
    static func insertEntityRows(_ entities: [AnnotationSet.EntityRow], conn: PostgresConnection) throws -> Set<String> {
        guard !entities.isEmpty else { return [] }
        let sorted = entities.sorted { $0.id < $1.id }
        return Set(try conn.query("""
            INSERT INTO entities (id, type, from_kb)
            SELECT u.id, u.type, u.from_kb
            FROM unnest(\(sorted.map(\.id))::text[], \(sorted.map(\.type))::text[],
                        \(sorted.map { $0.fromKnowledgeBase ? "t" : "f" })::boolean[]) AS u(id, type, from_kb)
            ON CONFLICT (id) DO NOTHING
            RETURNING id
            """).compactMap { $0["id"] })
    }

    /// The `entity_names` rows of an entity: (kind, lang, position, name).
    static func nameRows(_ e: AnnotationSet.EntityRow) -> [(kind: String, lang: String, position: Int, name: String)] {
        e.labels.filter { !$0.value.isEmpty }.sorted { $0.key < $1.key }.map { ("label", $0.key, 0, $0.value) }
            + e.aliases.enumerated().map { ("alias", "", $0.offset, $0.element) }
    }

    /// The names as the stored aggregate in `upsertEntities` spells them (same order: kind, lang, position).
    static func signature(_ e: AnnotationSet.EntityRow) -> String {
        nameRows(e).sorted { ($0.kind, $0.lang, $0.position) < ($1.kind, $1.lang, $1.position) }
            .map { "\($0.kind)|\($0.lang)|\($0.position)|\($0.name)" }.joined(separator: "\n")
    }

    static func insertNames(_ entities: [AnnotationSet.EntityRow], conn: PostgresConnection) throws {
        let rows = entities.flatMap { e in nameRows(e).map { (e.id, $0) } }
        guard !rows.isEmpty else { return }
        try conn.execute("""
            INSERT INTO entity_names (entity_id, kind, lang, position, name)
            SELECT * FROM unnest(\(rows.map(\.0))::text[], \(rows.map(\.1.kind))::text[], \(rows.map(\.1.lang))::text[],
                                 \(rows.map(\.1.position))::int[], \(rows.map(\.1.name))::text[])
            ON CONFLICT DO NOTHING
            """)
    }

    /// PostgreSQL array literal of text values: `{"a","b \"c\""}`.
    static func arrayLiteral(_ values: [String]) -> String {
        "{" + values.map { value in
            let plain = !value.utf8.contains { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\"") }
            return "\"" + (plain ? value : value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\""))
                + "\""
        }.joined(separator: ",") + "}"
    }
}

extension UUID {
    /// `count` random (version 4) UUIDs from one read of the system's random source. Foundation's `UUID()` opens and
    /// reads /dev/urandom for each one: with ~20 events per news document that was ~3 % of a worker's CPU.
    static func randomBatch(_ count: Int) -> [UUID] {
        guard count > 0 else { return [] }
        var bytes = [UInt8](repeating: 0, count: count * 16)
        bytes.withUnsafeMutableBytes { arc4random_buf($0.baseAddress!, $0.count) }   // glibc ≥ 2.36: one getrandom call
        for k in 0..<count {
            bytes[k * 16 + 6] = bytes[k * 16 + 6] & 0x0F | 0x40     // version 4
            bytes[k * 16 + 8] = bytes[k * 16 + 8] & 0x3F | 0x80     // RFC 9562 variant
        }
        return (0..<count).map { k in
            let b = bytes[(k * 16)...]
            let o = b.startIndex
            return UUID(uuid: (b[o], b[o + 1], b[o + 2], b[o + 3], b[o + 4], b[o + 5], b[o + 6], b[o + 7],
                               b[o + 8], b[o + 9], b[o + 10], b[o + 11], b[o + 12], b[o + 13], b[o + 14], b[o + 15]))
        }
    }
}
