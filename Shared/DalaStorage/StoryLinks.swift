import DalaCore
import DalaPostgres
import Foundation

/// Links the events of enriched documents to their stories after the enrichment write: the story linker's step
/// (a consumer of `dala.documents.enriched`, `StoryLinkerService`), in batches of hundreds of documents, so one
/// candidate read and one transaction serve them all and the enrichment write no longer waits for the story rule.
///
/// Until a document is linked its events have no story: `/v1/events/{id}` shows none, exports leave `story_id`
/// empty, and collapsed lists and timelines count each such event as a story of its own (as they count an event
/// without a report row). `documents.stories_linked_at` says when its current events were linked (NULL while it
/// waits; `backlog()` counts the waiting ones). What is linked is exactly what the write used to link
/// (`StoryLinker.link`, same rule, same candidates, same report and shape rows).
public struct StoryLinks: Sendable {
    public let client: PostgresClient
    public init(client: PostgresClient) { self.client = client }

    /// What one `link` call did.
    public struct Linked: Sendable {
        /// The documents linked now (the others were linked already, deleted, or not enriched).
        public var documents: [UUID] = []
        public var events = 0
        /// Seconds from each document's enrichment to its linking.
        public var lags: [Double] = []
        /// Where the time went: (phase, seconds) in order, and the candidate shapes read.
        public var phases: [(name: String, seconds: Double)] = []
        public var candidateRows = 0
    }

    /// Links, in one transaction, the current events of those of `documents` that wait for their stories (enriched,
    /// `stories_linked_at` NULL); the others are skipped, so a redelivered message links nothing twice. The documents
    /// are locked first (id order), so a rewrite of one of them (which deletes its events and their reports) or its
    /// deletion waits for the linking, and the linking never writes a report of an event a rewrite has deleted: it
    /// sees the events of the last committed write. Events of a batch are linked in document id order, then event
    /// key order (the rule is single-link in order; within one write the documents were in id order too).
    /// `stories`: the story fields some of the documents' enriched messages carried (`DocumentEnriched.stories`); used
    /// for a document only while its unlinked events are exactly the ones they name, else its events are read back.
    public func link(documents ids: [UUID], stories: [UUID: DocumentStories] = [:]) async throws -> Linked {
        let list = Array(Set(ids.map(\.uuidString)))
        guard !list.isEmpty else { return Linked() }
        return try await client.withTransaction { conn in
            let phases = StoryLinker.Phases()
            let locked = try conn.query("""
                SELECT id::text AS id, extract(epoch FROM clock_timestamp() - enriched_at)::float8 AS lag
                FROM documents
                WHERE id = ANY(\(list)::uuid[]) AND status = 'enriched' AND stories_linked_at IS NULL
                ORDER BY id FOR NO KEY UPDATE
                """)
            guard !locked.isEmpty else { return Linked() }
            var out = Linked()
            for r in locked {
                out.documents.append(try r.decode("id", as: UUID.self))
                out.lags.append(try r.decode("lag", as: Double.self))
            }
            let docs = out.documents.map(\.uuidString)
            phases.mark("documents")
            let items = try Self.pendingItems(documents: out.documents, stories: stories, conn: conn)
            phases.mark("events")
            try StoryLinker.link(items, conn: conn, phases: phases)
            out.events = items.count
            try conn.execute("UPDATE documents SET stories_linked_at = now() WHERE id = ANY(\(docs)::uuid[])")
            phases.mark("linked")
            out.phases = phases.marks; out.candidateRows = phases.candidateRows
            return out
        }
    }

    /// The story linker's items for the events of `documents` that have no story report yet, as the write built them
    /// from its annotations (`AnnotationStore.finish`): the same `StoryEvent` per event, read back from the store.
    static func pendingItems(documents: [UUID], stories: [UUID: DocumentStories] = [:], conn: PostgresConnection) throws
        -> [StoryLinker.Item]
    {
        // Documents whose message carried their events' story fields: those stand for the events only if they are still
        // the document's events (a later rewrite replaced them all, with new ids); checking the ids costs an index scan
        // of `events` by document, where reading the fields back also joins the participants and aggregates them.
        var fromMessage: [StoryLinker.Item] = [], readBack = documents
        let carried = documents.filter { stories[$0] != nil }
        if !carried.isEmpty {
            var current: [UUID: Set<UUID>] = [:]
            for r in try conn.query("""
                SELECT e.document_id::text AS document_id, e.id::text AS id FROM events e
                WHERE e.document_id = ANY(\(carried.map(\.uuidString))::uuid[])
                  AND NOT EXISTS (SELECT 1 FROM event_story_reports r WHERE r.event_id = e.id)
                """) { current[try r.decode("document_id", as: UUID.self), default: []].insert(try r.decode("id", as: UUID.self)) }
            var read = Set<UUID>()
            for id in carried {
                let s = stories[id]!
                guard Set(s.events.map(\.id)) == current[id] ?? [], s.events.count == (current[id]?.count ?? 0) else { read.insert(id); continue }
                let bodies = Set(s.bodies)
                for e in s.events {
                    let row = AnnotationSet.EventRow(
                        key: e.key, type: e.type, cameo: nil, plover: nil, modality: "", speakerEntityID: e.speaker,
                        dateValue: nil, dateStart: e.dateStart, dateEnd: e.dateEnd, datePrecision: e.precision, confidence: 0,
                        language: "", participants: e.participants.map { .init(role: $0.role, entityID: $0.entityID, surface: "", start: nil, end: nil) },
                        mentions: [])
                    fromMessage.append(StoryLinker.Item(eventID: e.id, documentID: id, key: e.key,
                                                        event: StoryEvent(row, bodies: bodies, published: s.published)))
                }
            }
            readBack = documents.filter { stories[$0] == nil || read.contains($0) }
        }
        guard !readBack.isEmpty else { return Self.inStoreOrder(fromMessage) }
        return Self.inStoreOrder(fromMessage + (try readItems(documents: readBack, conn: conn)))
    }

    /// Items in the order the read-back gives them (document id, then event key; `uuid` and ASCII keys compare as bytes).
    /// Each item's sort key is made once: the comparator made two id strings and a key array per comparison, half of
    /// the time of reading a linker batch's items.
    static func inStoreOrder(_ items: [StoryLinker.Item]) -> [StoryLinker.Item] {
        let keys = items.map { (document: $0.documentID.canonicalText, key: Array($0.key.utf8)) }
        return items.indices.sorted { i, j in
            keys[i].document == keys[j].document ? keys[i].key.lexicographicallyPrecedes(keys[j].key) : keys[i].document < keys[j].document
        }.map { items[$0] }
    }

    /// The items of `documents` read back from the store.
    static func readItems(documents: [UUID], conn: PostgresConnection) throws -> [StoryLinker.Item] {
        // Events not linked yet (a report row would mean a write that linked them itself), with their named
        // participants (in no order: the rule compares sets). One join grouped per event: a lateral aggregate per event,
        // or sorted aggregates and the document joined in, took up to twice as long in PostgreSQL.
        let list = documents.map(\.uuidString)
        let rows = try conn.query("""
            SELECT e.id::text AS id, e.document_id::text AS document_id, e.event_key AS key, e.type,
                   e.speaker_entity_id AS speaker, e.date_start::text AS ds, e.date_end::text AS de, e.date_precision AS prec,
                   coalesce(array_agg(x.role) FILTER (WHERE x.entity_id IS NOT NULL), '{}') AS roles,
                   coalesce(array_agg(x.entity_id) FILTER (WHERE x.entity_id IS NOT NULL), '{}') AS entities
            FROM events e
            LEFT JOIN event_participants x ON x.event_id = e.id AND x.entity_id IS NOT NULL
            WHERE e.document_id = ANY(\(list)::uuid[])
              AND NOT EXISTS (SELECT 1 FROM event_story_reports r WHERE r.event_id = e.id)
            GROUP BY e.id
            ORDER BY e.document_id, e.event_key
            """)
        // Each document's publication day (nil unless known to the day): it places undated steps.
        var published: [String: String] = [:]
        for r in try conn.query("""
            SELECT id::text AS id, to_char(published, 'YYYY-MM-DD') AS day FROM documents
            WHERE id = ANY(\(list)::uuid[]) AND coalesce(published_precision, 'day') = 'day' AND published IS NOT NULL
            """) { if let id = r["id"], let day = r["day"] { published[id] = day } }
        struct Loaded { var id: UUID, document: UUID, row: AnnotationSet.EventRow, published: String? }
        var loaded: [Loaded] = [], named = Set<String>()
        for r in rows {
            let roles = try r.decode("roles", as: [String].self), entities = try r.decode("entities", as: [String].self)
            let speaker = r["speaker"]
            let row = AnnotationSet.EventRow(
                key: r["key"] ?? "", type: r["type"] ?? "", cameo: nil, plover: nil, modality: "", speakerEntityID: speaker,
                dateValue: nil, dateStart: r["ds"], dateEnd: r["de"], datePrecision: r["prec"], confidence: 0, language: "",
                participants: zip(roles, entities).map { .init(role: $0, entityID: $1, surface: "", start: nil, end: nil) },
                mentions: [])
            named.formUnion(entities)
            if let speaker { named.insert(speaker) }
            let document = r["document_id"] ?? ""
            loaded.append(Loaded(id: try r.decode("id", as: UUID.self), document: try r.decode("document_id", as: UUID.self),
                                 row: row, published: published[document]))
        }
        // The bodies among them (`StoryEvent.bodyTypes`). The write took them from the document's entities, whose
        // types are the stored ones: a local id names its type, and knowledge-base types are refreshed on write.
        var bodies = Set<String>()
        if !named.isEmpty {
            for r in try conn.query("""
                SELECT id FROM entities WHERE id = ANY(\(Array(named))::text[]) AND type = ANY(\(Array(StoryEvent.bodyTypes))::text[])
                """) { if let id = r["id"] { bodies.insert(id) } }
        }
        return loaded.map { e in
            StoryLinker.Item(eventID: e.id, documentID: e.document, key: e.row.key,
                             event: StoryEvent(e.row, bodies: bodies, published: e.published))
        }
    }

    /// Marks a document linked without linking its events (they stay without a story, each counted as its own): for
    /// a document the linker could not link, once its message went to the dead-letter topic.
    public func skip(document id: UUID) async throws {
        try await client.execute("""
            UPDATE documents SET stories_linked_at = now()
            WHERE id = \(id.uuidString)::uuid AND status = 'enriched' AND stories_linked_at IS NULL
            """)
    }

    /// Documents that have waited for their stories longer than `seconds` since their enrichment, oldest first: the
    /// linker's sweep (a message lost with a broker that kept none, a document enriched by a process without a linker).
    public func pending(olderThan seconds: Int, limit: Int) async throws -> [UUID] {
        try await client.query("""
            SELECT id::text AS id FROM documents
            WHERE status = 'enriched' AND stories_linked_at IS NULL AND enriched_at < now() - make_interval(secs => \(seconds))
            ORDER BY enriched_at LIMIT \(limit)
            """).map { try $0.decode("id", as: UUID.self) }
    }

    /// Documents waiting for their stories, and how long the oldest has waited since its enrichment (seconds).
    public func backlog() async throws -> (documents: Int, oldestSeconds: Double?) {
        let r = try await client.query("""
            SELECT count(*) AS n, extract(epoch FROM now() - min(enriched_at))::float8 AS oldest
            FROM documents WHERE status = 'enriched' AND stories_linked_at IS NULL
            """).first
        return (try r?.decode("n", as: Int.self) ?? 0, try r?.decode("oldest", as: Double?.self) ?? nil)
    }

    /// Whether every document in `ids` that is enriched has its stories linked (a test or a client waiting for them).
    public func linked(_ ids: [UUID]) async throws -> Bool {
        try await client.query("""
            SELECT count(*) AS n FROM documents
            WHERE id = ANY(\(ids.map(\.uuidString))::uuid[]) AND status = 'enriched' AND stories_linked_at IS NULL
            """).first?.decode("n", as: Int.self) == 0
    }
}
