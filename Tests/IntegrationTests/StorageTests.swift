import DalaCore
import DalaPostgres
import DalaStorage
import Foundation
import Testing

/// Migrations, idempotent ingestion and annotation replacement against the real PostgreSQL.
@Suite(.serialized, .enabled(if: Env.pgURL != nil, "set DALA_TEST_PG_URL (make test does) to run storage tests"))
struct StorageTests {
    @Test func migrationsAreIdempotent() async throws {
        let pg = Env.postgres()
        try await Migrator.migrate(pg, logger: Env.logger)
        #expect(try await Migrator.migrate(pg, logger: Env.logger).isEmpty)
        let versions = try await pg.query("SELECT version FROM schema_migrations ORDER BY version").map { try $0.decode("version", as: Int.self) }
        #expect(versions == (try Migrator.bundled()).map(\.version))
        await pg.shutdown()
    }

    /// Entity ids and labels unique to one run: other suites write to the same database at the same time.
    static let tag = String(UUID().uuidString.prefix(8)).lowercased()
    static let entityID = "test:kz-" + tag

    static func sampleAnnotations(version: String, mentionCount: Int) -> AnnotationSet {
        let entity = AnnotationSet.EntityRow(id: entityID, type: "country", labelEN: "Kazakhstan " + tag, labelRU: "Казахстан " + tag,
                                             labelKK: "Қазақстан " + tag, aliases: ["Қазақстанның " + tag, "RK \"quoted\""],
                                             fromKnowledgeBase: true)
        let mentions = (0..<mentionCount).map { i in
            AnnotationSet.MentionRow(entityID: entityID, start: i * 10, end: i * 10 + 9, surface: "Қазақстан\t\(i)",
                                     sentenceIndex: 0, kind: "name", confidence: 0.9, alternatives: ["a", "b,c"])
        }
        let event = AnnotationSet.EventRow(
            key: "e1", type: "agreement", cameo: "057", plover: "AGREE", modality: "asserted", speakerEntityID: nil,
            dateValue: "2024", dateStart: "2024-01-01", dateEnd: "2024-12-31", datePrecision: "year", confidence: 0.8,
            language: "kk",
            participants: [.init(role: "actor", entityID: entityID, surface: "Қазақстан", start: 0, end: 9),
                           .init(role: "counterpart", entityID: nil, surface: "тараптар", start: nil, end: nil)],
            mentions: [.init(sentenceIndex: 0, start: 0, end: 40, evidence: "Қазақстан\nкелісім", trigger: "қол қойды",
                             triggerStart: 20, triggerEnd: 29, confidence: 0.8)])
        return AnnotationSet(
            extractorVersion: version, configHash: "cfg", language: "kk", languages: ["kk": 0.9, "ru": 0.1],
            analysisJSON: #"{"documents":[]}"#,
            sentences: [.init(index: 0, start: 0, end: 40, language: "kk", confidence: 0.95, section: "body",
                              text: "Қазақстан келісімге қол қойды", searchKeys: ["қазақстан", "келісім", "e:" + entityID, "o'neil"])],
            entities: [entity], mentions: mentions,
            times: [.init(start: 30, end: 34, surface: "2024", sentenceIndex: 0, value: "2024", rangeStart: "2024-01-01",
                          rangeEnd: "2024-12-31", precision: "year", relative: false)],
            events: [event], keywords: [.init(text: "интеграция", language: "kk", source: "author", score: 1)])
    }

    /// Mentions refer to stored entities (migration 0014 checks it once per statement instead of a per-row foreign key):
    /// a mention of a missing entity, or a delete or re-key of a mentioned entity, fails with 23503 as before.
    @Test func mentionsStillNeedTheirEntities() async throws {
        let pg = Env.postgres()
        try await Migrator.migrate(pg, logger: Env.logger)
        let docs = DocumentStore(client: pg)
        let doc = try await docs.insert(try SubmissionValidator().validate(DocumentSubmission(text: "Reference check \(UUID())")))
        let mentioned = "test:ref-" + Self.tag, unmentioned = "test:free-" + Self.tag
        _ = try await pg.execute("""
            INSERT INTO entities (id, type, from_kb) VALUES (\(mentioned), 'person', false), (\(unmentioned), 'person', false)
            """)
        func mention(_ entity: String) async throws {
            _ = try await pg.execute("""
                INSERT INTO mentions (document_id, extractor_version, entity_id, start_offset, end_offset, surface, sentence_index, kind, confidence)
                VALUES (\(doc.id.uuidString)::uuid, 'v', \(entity), 0, 1, 'x', 0, 'name', 1)
                """)
        }
        try await mention(mentioned)
        let missing = await #expect(throws: PostgresError.self) { try await mention("test:missing-" + Self.tag) }
        #expect(missing?.code == .foreignKeyViolation)
        let retarget = await #expect(throws: PostgresError.self) {
            _ = try await pg.execute("UPDATE mentions SET entity_id = \("test:missing-" + Self.tag) WHERE document_id = \(doc.id.uuidString)::uuid")
        }
        #expect(retarget?.code == .foreignKeyViolation)
        let delete = await #expect(throws: PostgresError.self) { _ = try await pg.execute("DELETE FROM entities WHERE id = \(mentioned)") }
        #expect(delete?.code == .foreignKeyViolation)
        let rekey = await #expect(throws: PostgresError.self) {
            _ = try await pg.execute("UPDATE entities SET id = id || '-renamed' WHERE id = \(mentioned)")
        }
        #expect(rekey?.code == .foreignKeyViolation)
        _ = try await pg.execute("DELETE FROM entities WHERE id = \(unmentioned)")
        // Once its mentions are gone (the document deleted), the entity can go too.
        _ = try await pg.execute("DELETE FROM documents WHERE id = \(doc.id.uuidString)::uuid")
        _ = try await pg.execute("DELETE FROM entities WHERE id = \(mentioned)")
        #expect(try await pg.query("SELECT 1 FROM entities WHERE id = ANY(\([mentioned, unmentioned])::text[])").isEmpty)
        await pg.shutdown()
    }

    /// The lines of an NDJSON batch are stored with one statement: each gets the reference `insert` gives it alone; a
    /// text given twice is one document, `created` for its first line only; a stored text keeps its document.
    @Test func insertManyIsInsertLineByLine() async throws {
        let pg = Env.postgres()
        try await Migrator.migrate(pg, logger: Env.logger)
        let docs = DocumentStore(client: pg), validator = SubmissionValidator(), run = UUID()
        func doc(_ n: Int, _ published: String? = nil) throws -> ValidatedDocument {
            try validator.validate(DocumentSubmission(text: "Batch \(run) line \(n): Қазақстан келісімге қол қойды", title: "t\(n)",
                                                      published: published))
        }
        let stored = try await docs.insert(try doc(2))
        let refs = try await docs.insertMany([try doc(1, "2024-05"), try doc(2), try doc(3), try doc(1, "2024-05")])
        #expect(refs.map(\.created) == [true, false, true, false])
        #expect(refs[1].id == stored.id && refs[0].id == refs[3].id && Set(refs.map(\.id)).count == 3)
        #expect(refs.allSatisfy { $0.status == "received" })
        let row = try await pg.query("""
            SELECT title, to_char(published, 'YYYY-MM-DD') AS p, published_precision AS prec, char_length FROM documents
            WHERE id = \(refs[0].id.uuidString)::uuid
            """)[0]
        #expect(row["title"] == "t1" && row["p"] == "2024-05-01" && row["prec"] == "month")
        #expect(try row.decode("char_length", as: Int.self) == (try doc(1)).text.unicodeScalars.count)
        #expect(try await docs.insertMany([try doc(3)]).map(\.id) == [refs[2].id])
        await pg.shutdown()
    }

    @Test func insertIsIdempotentAndReplacementNeverDuplicates() async throws {
        let pg = Env.postgres()
        try await Migrator.migrate(pg, logger: Env.logger)
        let docs = DocumentStore(client: pg)
        let validator = SubmissionValidator()
        let doc = try validator.validate(DocumentSubmission(text: "Storage test \(UUID()) Қазақстан келісімге қол қойды", published: "2024"))
        let first = try await docs.insert(doc)
        let again = try await docs.insert(doc)
        #expect(first.created && !again.created)
        #expect(first.id == again.id)

        let store = AnnotationStore(client: pg)
        #expect(try await docs.beginAttempt(first.id) == 1)
        try await store.replace(documentID: first.id, with: Self.sampleAnnotations(version: "v1", mentionCount: 3), startedAt: Date(), worker: "w1")
        try await store.replace(documentID: first.id, with: Self.sampleAnnotations(version: "v1", mentionCount: 3), startedAt: Date(), worker: "w2")
        func count(_ table: String) async throws -> Int {
            try await pg.query("SELECT count(*) AS n FROM \(unescaped: table) WHERE document_id = \(first.id.uuidString)::uuid")[0].decode("n", as: Int.self)
        }
        #expect(try await count("mentions") == 3)
        #expect(try await count("sentences") == 1)
        #expect(try await count("events") == 1)
        #expect(try await count("extraction_runs") == 2)
        // A newer extractor version replaces the older one's rows.
        try await store.replace(documentID: first.id, with: Self.sampleAnnotations(version: "v2", mentionCount: 2), startedAt: Date(), worker: "w1")
        #expect(try await count("mentions") == 2)
        let doneRow = try await pg.query("SELECT status, extractor_version, attempts FROM documents WHERE id = \(first.id.uuidString)::uuid")[0]
        #expect(doneRow["status"] == "enriched")
        #expect(doneRow["extractor_version"] == "v2")
        #expect(doneRow["attempts"] == "0")

        let query = QueryStore(client: pg)
        let view = try #require(try await query.document(first.id))
        #expect(view.published == "2024")
        #expect(view.status == "enriched")
        let mentions = try await query.mentions(document: first.id)
        #expect(mentions.count == 2)
        #expect(mentions.first?.surface == "Қазақстан\t0")
        #expect(mentions.first?.alternatives == ["a", "b,c"])
        #expect(mentions.first?.sentence == "Қазақстан келісімге қол қойды")
        let entities = try await query.entities(ids: [], name: "казахстан " + Self.tag, type: nil, limit: 5)
        #expect(entities.map(\.id) == [Self.entityID])
        #expect(entities.first?.aliases == ["Қазақстанның " + Self.tag, "RK \"quoted\""])
        let byAlias = try await query.entities(ids: [], name: "Қазақстанның " + Self.tag, type: "country", limit: 5)
        #expect(byAlias.map(\.id) == [Self.entityID])
        let hits = try await query.search(tsquery: try #require(SearchText.tsquery(allOf: [["келісім"], ["e:" + Self.entityID]])),
                                          language: nil, limit: 10, offset: 0)
        #expect(hits.items.contains { $0.documentID == first.id })
        let miss = try await query.search(tsquery: "'жоқсөз'", language: nil, limit: 10, offset: 0)
        #expect(!miss.items.contains { $0.documentID == first.id })

        // Pages are stable: walking with cursors visits each document once. Other suites insert documents meanwhile
        // (newest first, so they land before the cursor): every document stored before the walk must be visited. A
        // document is met twice only when another suite moved it meanwhile (the relay test backdates `received_at`):
        // never twice at the same position.
        let before = Set(try await pg.query("SELECT id::text AS id FROM documents").map { try $0.decode("id", as: UUID.self) })
        var seen: [UUID: String] = [:], cursor: [String]? = nil, pages = 0
        repeat {
            let page = try await query.documents(limit: 1, cursor: cursor, status: nil, language: nil)
            for item in page.items {
                if let earlier = seen[item.id] { #expect(earlier != item.receivedAt, "\(item.id) listed twice at \(earlier)") }
                seen[item.id] = item.receivedAt
            }
            cursor = page.nextCursor.flatMap { Cursor.decode($0, parts: 2) }
            pages += 1
        } while cursor != nil && pages < 10_000
        #expect(before.isSubset(of: Set(seen.keys)))
        await pg.shutdown()
    }

    /// The batched write path: one attempt counted per fresh document, and each document's rows exactly as written alone.
    @Test func batchReplacementWritesEachDocumentAsAloneWould() async throws {
        let pg = Env.postgres()
        try await Migrator.migrate(pg, logger: Env.logger)
        let docs = DocumentStore(client: pg), store = AnnotationStore(client: pg)
        let validator = SubmissionValidator()
        var refs: [StoredDocumentRef] = []
        for i in 0..<3 {
            let doc = try validator.validate(DocumentSubmission(text: "Batch test \(UUID()) \(i) Қазақстан келісімге қол қойды",
                                                                published: "2024-05"))
            refs.append(try await docs.insert(doc))
        }
        let ids = refs.map(\.id), missing = UUID()
        #expect(try await docs.enrichmentCandidates(ids + [missing]).mapValues(\.attempts) == Dictionary(uniqueKeysWithValues: ids.map { ($0, 0) }))
        let loaded = try await docs.beginBatch(ids + [missing])
        #expect(Set(loaded.map(\.id)) == Set(ids))
        #expect(loaded.allSatisfy { $0.published == "2024-05" && $0.text.hasPrefix("Batch test") })
        // A second batch never takes a document with an unfinished attempt: `handle` looks at those one by one.
        #expect(try await docs.beginBatch(ids).isEmpty)
        #expect(try await docs.enrichmentCandidates(ids)[ids[0]]?.attempts == 1)

        let items = ids.enumerated().map { i, id in
            AnnotationStore.Replacement(documentID: id, annotations: Self.sampleAnnotations(version: "v1", mentionCount: i + 1), startedAt: Date())
        }
        // Twice the first document (its last annotations win), and one that does not exist (skipped).
        let again = AnnotationStore.Replacement(documentID: ids[0], annotations: Self.sampleAnnotations(version: "v1", mentionCount: 5),
                                                startedAt: Date())
        let written = try await store.replaceMany(items + [again, .init(documentID: missing, annotations: items[0].annotations, startedAt: Date())],
                                                  worker: "batch")
        #expect(written == Set(ids))
        func count(_ table: String, _ id: UUID) async throws -> Int {
            try await pg.query("SELECT count(*) AS n FROM \(unescaped: table) WHERE document_id = \(id.uuidString)::uuid")[0].decode("n", as: Int.self)
        }
        #expect(try await count("mentions", ids[0]) == 5)
        #expect(try await count("mentions", ids[1]) == 2)
        #expect(try await count("mentions", ids[2]) == 3)
        for id in ids {
            #expect(try await count("sentences", id) == 1)
            #expect(try await count("events", id) == 1)
            #expect(try await count("extraction_runs", id) == 1)
        }
        // Rewriting the batch (a redelivery) replaces, never duplicates.
        _ = try await store.replaceMany(items, worker: "batch")
        #expect(try await count("mentions", ids[0]) == 1)
        #expect(try await count("time_expressions", ids[1]) == 1)
        let rows = try await pg.query("SELECT status, attempts FROM documents WHERE id = ANY(\(ids.map(\.uuidString))::uuid[])")
        #expect(rows.count == 3 && rows.allSatisfy { $0["status"] == "enriched" && $0["attempts"] == "0" })
        let participants = try await pg.query("""
            SELECT count(*) AS n FROM event_participants p JOIN events e ON e.id = p.event_id
            WHERE e.document_id = ANY(\(ids.map(\.uuidString))::uuid[])
            """)[0].decode("n", as: Int.self)
        #expect(participants == 6)

        // A knowledge-base entity whose labels changed is updated; unchanged ones are left alone.
        var changed = Self.sampleAnnotations(version: "v1", mentionCount: 1)
        changed.entities[0].labelEN = "Kazakhstan (renamed) " + Self.tag
        _ = try await store.replaceMany([.init(documentID: ids[1], annotations: changed, startedAt: Date())], worker: "batch")
        let label = try await pg.query("""
            SELECT name FROM entity_names WHERE entity_id = \(Self.entityID) AND kind = 'label' AND lang = 'en'
            """).first?["name"]
        #expect(label == "Kazakhstan (renamed) " + Self.tag)
        _ = try await store.replaceMany([items[1]], worker: "batch")
        #expect(try await pg.query("""
            SELECT name FROM entity_names WHERE entity_id = \(Self.entityID) AND kind = 'label' AND lang = 'en'
            """).first?["name"] == "Kazakhstan " + Self.tag)
        await pg.shutdown()
    }

    /// Labels are rows per language (migration 0006): a language of the registry that no column ever named (Kyrgyz)
    /// is stored, shown and filtered like kk/ru/en, and a knowledge base that gains a label rewrites the names.
    @Test func labelsOfAnyRegisteredLanguageAreStoredAndShown() async throws {
        let pg = Env.postgres()
        try await Migrator.migrate(pg, logger: Env.logger)
        let store = AnnotationStore(client: pg)
        let tag = String(UUID().uuidString.prefix(8)).lowercased()
        let docs = DocumentStore(client: pg)
        let doc = try await docs.insert(try SubmissionValidator().validate(DocumentSubmission(text: "Кыргызстан \(tag)")))
        var set = Self.sampleAnnotations(version: "v1", mentionCount: 1)
        let id = "test:kg-" + tag
        set.entities = [.init(id: id, type: "country", labels: ["en": "Kyrgyzstan " + tag, "ky": "Кыргызстан " + tag],
                              aliases: ["Кыргыз Республикасы " + tag], fromKnowledgeBase: true)]
        set.mentions = set.mentions.map { var m = $0; m.entityID = id; return m }
        set.events = []
        _ = try await store.replace(documentID: doc.id, with: set, startedAt: Date(), worker: "test")
        let query = QueryStore(client: pg)
        let found = try await query.entities(ids: [id], name: nil, type: nil, labelLanguage: "ky", limit: 5).items
        #expect(found.map(\.id) == [id])
        #expect(found.first?.labels == ["en": "Kyrgyzstan " + tag, "ky": "Кыргызстан " + tag])
        #expect(found.first?.aliases == ["Кыргыз Республикасы " + tag])
        #expect(try await query.entities(ids: [id], name: nil, type: nil, labelLanguage: "kk", limit: 5).items.isEmpty,
                "no Kazakh label: filtered out")
        // By any label or alias, any case.
        #expect(try await query.entities(ids: [], name: "кыргызстан " + tag, type: nil, limit: 5).map(\.id) == [id])
        #expect(try await query.entities(ids: [], name: "КЫРГЫЗ РЕСПУБЛИКАСЫ " + tag, type: nil, limit: 5).map(\.id) == [id])
        // The display label prefers the asked language, else English.
        let preferred = try await pg.query("""
            SELECT \(unescaped: QueryStore.labelExpression("ky", table: "e")) AS ky,
                   \(unescaped: QueryStore.labelExpression("ru", table: "e")) AS ru
            FROM entities e WHERE e.id = \(id)
            """).first
        #expect(preferred?["ky"] == "Кыргызстан " + tag && preferred?["ru"] == "Kyrgyzstan " + tag)
        // A new knowledge base adds a Kazakh label and drops the alias: the names are rewritten.
        set.entities[0].labels["kk"] = "Қырғызстан " + tag
        set.entities[0].aliases = []
        _ = try await store.replace(documentID: doc.id, with: set, startedAt: Date(), worker: "test")
        let names = try await pg.query("SELECT kind, lang, name FROM entity_names WHERE entity_id = \(id) ORDER BY kind, lang")
            .map { "\($0["kind"] ?? "")/\($0["lang"] ?? "")/\($0["name"] ?? "")" }
        #expect(names == ["label/en/Kyrgyzstan " + tag, "label/kk/Қырғызстан " + tag, "label/ky/Кыргызстан " + tag])
        await pg.shutdown()
    }

    /// Migration 0006 moves label_en/label_ru/label_kk and aliases into entity_names, row for row, then drops them.
    @Test func migrationMovesLabelColumnsToRows() async throws {
        let url = try await Env.freshDatabase("dala_test_m0006")
        let pg = Env.postgres(poolSize: 1, url: url)
        let migrations = try Migrator.bundled()
        try await pg.withConnection { conn in
            try conn.execute(unescapedScript: "CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())")
            for m in migrations where m.version < 6 {
                try conn.execute(unescapedScript: m.sql)
                try conn.execute("INSERT INTO schema_migrations (version, name) VALUES (\(m.version), \(m.name))")
            }
            try conn.execute(unescapedScript: """
                INSERT INTO entities (id, type, label_en, label_ru, label_kk, aliases, from_kb) VALUES
                  ('Q232', 'country', 'Kazakhstan', 'Казахстан', 'Қазақстан', ARRAY['РК', 'Republic of "Kazakhstan"', 'Қазақстанның'], true),
                  ('local:x', 'person', NULL, 'Иванов', NULL, '{}', false),
                  ('local:y', 'other', '', NULL, NULL, ARRAY['y'], false);
                """)
        }
        #expect(try await Migrator.migrate(pg, logger: Env.logger).contains(6))
        let rows = try await pg.query("SELECT entity_id, kind, lang, position, name FROM entity_names ORDER BY entity_id, kind, lang, position")
            .map { [$0["entity_id"], $0["kind"], $0["lang"], $0["position"], $0["name"]].map { $0 ?? "∅" }.joined(separator: "|") }
        #expect(rows == ["Q232|alias||0|РК", "Q232|alias||1|Republic of \"Kazakhstan\"", "Q232|alias||2|Қазақстанның",
                         "Q232|label|en|0|Kazakhstan", "Q232|label|kk|0|Қазақстан", "Q232|label|ru|0|Казахстан",
                         "local:x|label|ru|0|Иванов", "local:y|alias||0|y"])
        let columns = try await pg.query("""
            SELECT column_name FROM information_schema.columns WHERE table_name = 'entities' ORDER BY ordinal_position
            """).compactMap { $0["column_name"] }
        #expect(columns == ["id", "type", "from_kb", "created_at", "updated_at"])
        let view = try await QueryStore(client: pg).entities(ids: ["Q232"], name: nil, type: nil, limit: 1).first
        #expect(view?.labels == ["en": "Kazakhstan", "ru": "Казахстан", "kk": "Қазақстан"])
        #expect(view?.aliases == ["РК", "Republic of \"Kazakhstan\"", "Қазақстанның"])
        await pg.shutdown()
    }
}
