import DalaAnalysis
import DalaCore
import DalaKafka
import DalaPostgres
import DalaService
@testable import DalaStorage
@testable import EnrichmentWorker
import Foundation
import Testing

/// Where the enrichment write leaves stories to the story linker (`StoryLinks`): what an event's story is before
/// and after linking, redelivery, rewrites and deletions racing the linker.
@Suite(.serialized, .enabled(if: Env.pgURL != nil, "set DALA_TEST_PG_URL (make test does) to run story tests"))
struct StoryLinkerTests {
    typealias Fixture = EventStoryStorageTests

    static func eventIDs(_ pg: PostgresClient, document: UUID) async throws -> [UUID] {
        try await pg.query("SELECT id::text AS id FROM events WHERE document_id = \(document.uuidString)::uuid ORDER BY event_key")
            .map { try $0.decode("id", as: UUID.self) }
    }

    static func integrity(_ pg: PostgresClient) async throws -> [Int] {
        try await pg.query("""
            SELECT (SELECT count(*) FROM event_story_reports r WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.id = r.event_id)) AS orphans,
                   (SELECT count(*) FROM (SELECT s.story_id, s.shape FROM event_story_shapes s
                                          WHERE s.reports <> (SELECT count(*) FROM event_story_reports r
                                                              WHERE r.story_id = s.story_id AND r.shape = s.shape)) x) AS miscounted
            """).map { [try $0.decode("orphans", as: Int.self), try $0.decode("miscounted", as: Int.self)] }.first ?? []
    }

    /// Before the linker has run, an event has no story: the event shows none, exports leave it empty and the
    /// collapsed list counts each report alone; once linked, the answers are those of a write that linked itself.
    /// Linking again (a redelivered message) changes nothing.
    @Test func eventsHaveNoStoryUntilLinkedThenTheirStory() async throws {
        let pg = Env.postgres(poolSize: 4)
        do {
            try await Migrator.migrate(pg, logger: Env.logger)
            let docs = DocumentStore(client: pg), store = AnnotationStore(client: pg), links = StoryLinks(client: pg)
            let query = QueryStore(client: pg)
            let en = try await Fixture.newDocument(docs, "Deferred en")
            let ru = try await Fixture.newDocument(docs, "Deferred ru")
            _ = try await store.replaceMany([
                .init(documentID: en, annotations: Fixture.annotations("2025-05-13", lang: "en", parties: ["dl-a", "dl-b"], text: "A and B signed."),
                      startedAt: Date()),
                .init(documentID: ru, annotations: Fixture.annotations("2025-05-14", lang: "ru", parties: ["dl-a", "dl-b"], text: "А и Б подписали."),
                      startedAt: Date()),
            ], worker: "deferred")
            let event = try #require(try await Self.eventIDs(pg, document: en).first)
            #expect(try await query.event(event)?.story == nil)
            var filter = EventFilter(entityIDs: ["test:story-dl-a-" + Fixture.tag])
            filter.collapse = true
            #expect(try await query.events(filter, limit: 10, cursor: nil).items.count == 2)
            #expect(try await query.exportEvents(filter, afterDocument: nil, documents: 10).events.allSatisfy { $0.story == nil })
            #expect(try await links.linked([en, ru]) == false)
            #expect(try await links.backlog().documents >= 2)
            let document = try #require(try await query.document(en))
            #expect(document.status == "enriched" && document.storiesLinkedAt == nil)

            let linked = try await links.link(documents: [en, ru, en])
            #expect(Set(linked.documents) == [en, ru] && linked.events == 2)
            #expect(try await links.linked([en, ru]))
            #expect(try await query.document(en)?.storiesLinkedAt != nil)
            let view = try #require(try await query.event(event))
            #expect(view.story?.reports == 2 && view.story?.documents == 2)
            #expect(try await query.events(filter, limit: 10, cursor: nil).items.count == 1)
            #expect(try await query.exportEvents(filter, afterDocument: nil, documents: 10).events.allSatisfy { $0.story?.id == view.story?.id })

            // Redelivered: nothing to link, nothing counted twice.
            #expect(try await links.link(documents: [en, ru]).documents.isEmpty)
            #expect(try await Fixture.storyOf(pg, document: ru) == [view.story!.id])
            #expect(try await Self.integrity(pg) == [0, 0])
            await pg.shutdown()
        } catch {
            await pg.shutdown()
            throw error
        }
    }

    /// A rewrite (re-enrichment) deletes a document's events with their story reports and leaves it waiting again;
    /// a linker that comes late (after two rewrites, with the first rewrite's message) links the current events only;
    /// a document deleted before its linking gets nothing. No report outlives its event, no shape miscounts.
    @Test func rewritesAndDeletionsLeaveNoStaleStoryReport() async throws {
        let pg = Env.postgres(poolSize: 4)
        do {
            try await Migrator.migrate(pg, logger: Env.logger)
            let docs = DocumentStore(client: pg), store = AnnotationStore(client: pg), links = StoryLinks(client: pg)
            let a = try await Fixture.newDocument(docs, "Rewrite a"), b = try await Fixture.newDocument(docs, "Rewrite b")
            @discardableResult func write(_ id: UUID, _ date: String) async throws -> DocumentStories? {
                try await store.replaceManyWithStories(AnnotationStore.PreparedReplacements([.init(documentID: id, annotations: Fixture.annotations(
                    date, lang: "en", parties: ["rw-a", "rw-b"], text: "A and B signed."), startedAt: Date())]), worker: "rewrite")[id] ?? nil
            }
            try await write(a, "2024-02-01")
            try await write(b, "2024-02-01")
            _ = try await links.link(documents: [a, b])
            let story = try await Fixture.storyOf(pg, document: a)
            #expect(try await Fixture.storyOf(pg, document: b) == story)
            // Re-enriched: the old report is gone with its event; the document waits for the linker again.
            let firstRewrite = try await write(b, "2024-02-02")
            #expect(try await Fixture.storyOf(pg, document: b).isEmpty)
            #expect(try await links.linked([b]) == false)
            #expect(try await Self.integrity(pg) == [0, 0])
            // Rewritten once more before the linker reads the first rewrite's message: the current event is linked (the
            // story fields that message carries name events that are gone, so the linker reads the current ones back).
            try await write(b, "2024-02-01")
            #expect(try await links.link(documents: [b], stories: [b: try #require(firstRewrite)]).documents == [b])
            #expect(try await Fixture.storyOf(pg, document: b) == story)
            #expect(try await pg.query("SELECT count(*) AS n FROM event_story_reports WHERE document_id = \(b.uuidString)::uuid")
                .first?.decode("n", as: Int.self) == 1)
            // The second rewrite's message, redelivered: nothing more.
            #expect(try await links.link(documents: [b]).documents.isEmpty)
            // Deleted before its linking: nothing is written for it.
            let c = try await Fixture.newDocument(docs, "Rewrite c")
            try await write(c, "2024-02-01")
            _ = try await pg.execute("DELETE FROM documents WHERE id = \(c)")
            #expect(try await links.link(documents: [c]).documents.isEmpty)
            #expect(try await Self.integrity(pg) == [0, 0])
            #expect(try await pg.query("SELECT reports FROM event_story_shapes WHERE story_id = \(story[0].uuidString)::uuid")
                .map { try $0.decode("reports", as: Int.self) } == [2])
            await pg.shutdown()
        } catch {
            await pg.shutdown()
            throw error
        }
    }

    /// What the linker reads back from the store is what the write had in memory: for the demo corpus and the
    /// duplicate reports of `Benchmarks/Quality/heldout/duplicates.jsonl` (with their publication days), analysed by the
    /// real pipeline, every event's `StoryEvent` (type, participants, places, counterparts, objects, bodies, dates and
    /// precision, undated steps placed on the publication day) is the same, so the rule links them alike.
    @Test func theLinkerReadsBackTheStoryEventsTheWriteHad() async throws {
        let pg = Env.postgres(poolSize: 2)
        do {
            try await Migrator.migrate(pg, logger: Env.logger)
            let pipeline = try Pipeline()
            let docs = DocumentStore(client: pg), store = AnnotationStore(client: pg)
            var texts: [(name: String, text: String, published: String?)] = []
            for lang in ["kk", "ru", "en"] {
                texts.append((lang + "-demo", try String(contentsOf: QueryCorpusTests.corpus.appendingPathComponent("\(lang)-demo.txt"),
                                                         encoding: .utf8), "2024-06-12"))
            }
            for r in try DuplicateReportsTests.load() {
                texts.append((r["id"] as! String, r["text"] as! String, (r["published"] as? String).map { String($0.prefix(10)) }))
            }
            var compared = 0, placed = 0
            for (name, text, published) in texts {
                let id = try await Fixture.newDocument(docs, text, published: published ?? "2025")
                let a = pipeline.analyze(text, documentDate: published).annotationSet(configHash: pipeline.configHash)
                let carried = try await store.replaceManyWithStories(
                    AnnotationStore.PreparedReplacements([.init(documentID: id, annotations: a, startedAt: Date())]), worker: "read-back")[id] ?? nil
                let day = try await pg.query("""
                    SELECT CASE WHEN coalesce(published_precision, 'day') = 'day' THEN to_char(published, 'YYYY-MM-DD') END AS day
                    FROM documents WHERE id = \(id.uuidString)::uuid
                    """).first?["day"]
                let bodies = StoryEvent.bodyIDs(of: a)
                let written = Dictionary(a.events.map { ($0.key, StoryEvent($0, bodies: bodies, published: day)) },
                                         uniquingKeysWith: { x, _ in x })
                let read = try await pg.withTransaction { conn in try StoryLinks.pendingItems(documents: [id], conn: conn) }
                #expect(read.count == a.events.count, "\(name)")
                // The story fields the enriched message carries give the same items, in the same order.
                let fromMessage = try await pg.withTransaction { conn in
                    try StoryLinks.pendingItems(documents: [id], stories: [id: try #require(carried)], conn: conn)
                }
                #expect(fromMessage.map(\.eventID) == read.map(\.eventID), "\(name)")
                #expect(fromMessage.map(\.key) == read.map(\.key), "\(name)")
                #expect(fromMessage.map(\.event) == read.map(\.event), "\(name)")
                for item in read {
                    #expect(written[item.key] == item.event, "event \(item.key) of \(name)")
                    compared += 1
                    if item.event.precision == StoryRule.publishedPrecision { placed += 1 }
                }
            }
            #expect(compared > 50)
            print("story events read back: \(compared) compared over \(texts.count) documents, \(placed) placed on their publication day")
            await pg.shutdown()
        } catch {
            await pg.shutdown()
            throw error
        }
    }
}

/// The story linker as a service on the real broker: it links what the enrichment messages name, sweeps up what no
/// message named, and dead-letters what it cannot read, with the reason.
@Suite(.serialized, .enabled(if: Env.both, Env.reason))
struct StoryLinkerServiceTests {
    @Test func linksEnrichedDocumentsAndDeadLettersTheRest() async throws {
        let pg = Env.postgres(poolSize: 4)
        try await Migrator.migrate(pg, logger: Env.logger)
        let topic = "dala.test.enriched-\(UUID().uuidString.prefix(8))"
        try await KafkaAdmin.createTopics(Topics.all + [topic], partitions: 1, configuration: Env.kafka("dala-test-admin"))
        let docs = DocumentStore(client: pg), store = AnnotationStore(client: pg), links = StoryLinks(client: pg)
        let one = try await EventStoryStorageTests.newDocument(docs, "Service one")
        let two = try await EventStoryStorageTests.newDocument(docs, "Service two")
        // A third whose message never comes: the sweep links it.
        let lost = try await EventStoryStorageTests.newDocument(docs, "Service lost")
        _ = try await store.replaceMany([one, two, lost].map { id in
            .init(documentID: id, annotations: EventStoryStorageTests.annotations("2023-09-09", lang: "en", parties: ["svc-a", "svc-b"],
                                                                                  text: "A and B signed."), startedAt: Date())
        }, worker: "service")
        let producer = try KafkaProducer(configuration: Env.kafka("dala-test-stories"), logger: Env.logger)
        let garbage: [UInt8] = Array("not an envelope \(UUID())".utf8)
        try await producer.send(topic: topic, key: garbage, value: garbage)
        for id in [one, two] {
            let envelope = Envelope(type: DocumentEnriched.type, version: DocumentEnriched.version, producer: "test",
                                    payload: DocumentEnriched(documentID: id, extractorVersion: "story-test", language: "en", sentences: 1,
                                                              entities: 2, mentions: 0, events: 1, durationMS: 1))
            try await producer.send(topic: topic, key: MessageKey.document(id), value: try DalaJSON.encode(envelope))
        }
        let consumer = try KafkaConsumer(configuration: Env.kafka("dala-test-stories"), groupID: "test-\(UUID().uuidString)",
                                         topics: [topic], logger: Env.logger)
        var settings = StoryLinkerService.Settings()
        settings.linger = .milliseconds(50)
        settings.sweepSeconds = 1
        let service = StoryLinkerService(consumer: consumer, producer: producer, postgres: pg, settings: settings, logger: Env.logger)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            // Ended below by shutting the consumer down (the service then says so by throwing).
            tasks.addTask { _ = try? await service.run() }
            // The unreadable message is dead-lettered with its reason (so the consumer has read the batch).
            let letter = try #require(try await awaitMessage(on: Topics.deadLetter, timeout: .seconds(60)) { $0.key == garbage })
            let envelope = try DalaJSON.decode(Envelope<DeadLetter>.self, from: letter.value)
            #expect(envelope.payload.reason.contains("malformed envelope"))
            #expect(envelope.payload.sourceTopic == topic)
            // Waits for the linker's own signal, `stories_linked_at`, not for a fixed time.
            var caughtUp = false
            for _ in 0..<300 where !caughtUp {
                caughtUp = try await links.linked([one, two, lost])
                if !caughtUp { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(caughtUp)
            await consumer.shutdown()
            try await tasks.waitForAll()
        }
        let story = try await EventStoryStorageTests.storyOf(pg, document: one)
        #expect(story.count == 1)
        #expect(try await EventStoryStorageTests.storyOf(pg, document: two) == story)
        #expect(try await EventStoryStorageTests.storyOf(pg, document: lost) == story)
        await producer.shutdown()
        await pg.shutdown()
    }
}
