import DalaCore
import DalaKafka
import DalaPostgres
import DalaService
import DalaStorage
import Foundation
@testable import IngestAPI
import Testing

/// The ingest service's HTTP API and submit topic, on a live server, against the real PostgreSQL and broker.
@Suite(.serialized, .enabled(if: Env.both, Env.reason))
struct IngestServiceTests {
    static func makeIntake() async throws -> (DocumentIntake, KafkaProducer, PostgresClient) {
        let postgres = Env.postgres()
        try await Migrator.migrate(postgres, logger: Env.logger)
        try await KafkaAdmin.createTopics(Topics.all, partitions: 4, configuration: Env.kafka("dala-test-admin"))
        let producer = try KafkaProducer(configuration: Env.kafka("dala-test-ingest"), logger: Env.logger)
        return (DocumentIntake(documents: DocumentStore(client: postgres), producer: producer, logger: Env.logger), producer, postgres)
    }


    @Test func postingStoresOncePublishesAndRefusesBadInput() async throws {
        let (intake, producer, postgres) = try await Self.makeIntake()
        let router = IngestApp.buildRouter(
            intake: intake, validator: SubmissionValidator(maxBytes: 4096),
            operational: OperationalRoutes(service: "test", postgres: postgres, kafka: Env.kafka("dala-test")))
        let text = "Тест \(UUID()): Қазақстан мен Қырғызстан 2024 жылы келісімге қол қойды."
        let id = try await withLiveServer(router) { base in
            let first = try await HTTP.postJSON(base + "/v1/documents", ["text": text, "title": "t", "published": "2024-03"])
            #expect(first.status == 202)
            let id = try #require(first.json?["id"] as? String)
            let second = try await HTTP.postJSON(base + "/v1/documents", ["text": text])
            #expect(second.status == 200)
            #expect(second.json?["id"] as? String == id)
            #expect(second.json?["created"] as? Bool == false)

            let plain = try await HTTP.send("POST", base + "/v1/documents?title=p&language=kk",
                                            body: Data("Таза мәтін \(UUID())".utf8), contentType: "text/plain; charset=utf-8")
            #expect(plain.status == 202)

            let badUTF8 = try await HTTP.send("POST", base + "/v1/documents", body: Data([0xFF, 0xFE, 0x41]), contentType: "text/plain")
            #expect(badUTF8.status == 400)
            #expect(badUTF8.contentType?.hasPrefix("application/problem+json") == true)
            #expect(badUTF8.json?["status"] as? Int == 400)
            #expect((try await HTTP.send("POST", base + "/v1/documents", body: Data(), contentType: "application/json")).status == 400)
            #expect((try await HTTP.postJSON(base + "/v1/documents", ["text": ""])).status == 422)
            #expect((try await HTTP.postJSON(base + "/v1/documents", ["txt": "x"])).status == 422)
            #expect((try await HTTP.send("POST", base + "/v1/documents", body: Data("x".utf8), contentType: "image/png")).status == 415)
            let huge = try await HTTP.send("POST", base + "/v1/documents", body: Data(repeating: 65, count: 200_000), contentType: "text/plain")
            #expect(huge.status == 413)
            #expect((try await HTTP.send("GET", base + "/healthz")).status == 200)
            #expect((try await HTTP.send("GET", base + "/readyz")).status == 200)
            let metrics = try await HTTP.send("GET", base + "/metrics")
            #expect(metrics.status == 200)
            return id
        }
        // Stored once, with its metadata, and queued (published).
        let rows = try await postgres.query("SELECT status, title, to_char(published, 'YYYY-MM') AS p FROM documents WHERE sha256 = \(SHA256.hex(text))")
        #expect(rows.count == 1)
        #expect(rows.first?["status"] == "queued")
        #expect(rows.first?["p"] == "2024-03")
        // The ingested topic carries it, keyed by the document id as the HTTP answer spells it (lower-case), and the
        // envelope spells it the same way.
        #expect(id == id.lowercased())
        let message = try #require(try await awaitMessage(on: Topics.ingested) { $0.key == Array(id.utf8) })
        let envelope = try DalaJSON.decode(Envelope<DocumentIngested>.self, from: message.value)
        #expect(envelope.payload.documentID.uuidString.lowercased() == id)
        #expect(String(decoding: message.value, as: UTF8.self).contains("\"document_id\":\"\(id)\""))
        await producer.shutdown()
        await postgres.shutdown()
    }

    @Test func bytesTheHTTPParserRejectsGetAProblem() async throws {
        let (intake, producer, postgres) = try await Self.makeIntake()
        let router = IngestApp.buildRouter(
            intake: intake, validator: SubmissionValidator(maxBytes: 4096),
            operational: OperationalRoutes(service: "test", postgres: postgres, kafka: Env.kafka("dala-test")))
        try await withLiveServer(router, server: ServiceHTTP.server) { port in
            // Raw UTF-8 (К) in the title parameter of a plain-text post: Hummingbird alone answers an empty 400.
            let raw = try await RawHTTP.get(port: port, target: Array("/v1/documents?title=".utf8) + [0xD0, 0x9A], method: "POST",
                                            headers: "Content-Type: text/plain; charset=utf-8\r\nContent-Length: 4\r\n")
            #expect(raw.status == 400, "\(raw.head)")
            #expect(raw.head.lowercased().contains("content-type: application/problem+json"), "\(raw.head)")
            let json = try JSONSerialization.jsonObject(with: Data(raw.body)) as? [String: Any]
            #expect(json?["status"] as? Int == 400)
            // Bound first: inside #expect, `(x as? String ?? "").contains(...)` expands to a check that cannot fail.
            let detail = json?["detail"] as? String ?? ""
            #expect(detail.contains("percent-encode"), "\(json ?? [:])")
            // A 100 KB header: over the parser's 80 KiB limit.
            let big = try await RawHTTP.get(port: port, target: Array("/v1/documents".utf8), method: "POST",
                                            headers: "X-Filler: \(String(repeating: "a", count: 100_000))\r\nContent-Length: 0\r\n")
            #expect(big.status == 431, "\(big.head)")
            #expect(big.head.lowercased().contains("content-type: application/problem+json"), "\(big.head)")
            let bigJSON = try JSONSerialization.jsonObject(with: Data(big.body)) as? [String: Any]
            #expect(bigJSON?["status"] as? Int == 431)
            // The server keeps serving.
            #expect(try await RawHTTP.get(port: port, target: Array("/healthz".utf8)).status == 200)
        }
        await producer.shutdown()
        await postgres.shutdown()
    }

    @Test func batchAnswersOneLinePerInputLine() async throws {
        let (intake, producer, postgres) = try await Self.makeIntake()
        let router = IngestApp.buildRouter(
            intake: intake, validator: SubmissionValidator(maxBytes: 4096),
            operational: OperationalRoutes(service: "test", postgres: postgres, kafka: Env.kafka("dala-test")))
        let tag = UUID().uuidString
        let lines = [
            #"{"text": "Batch one \#(tag)"}"#,
            "not json",
            #"{"text": "Batch one \#(tag)"}"#,
            "",
            #"{"text": "\#(String(repeating: "z", count: 9000))"}"#,
            #"{"text": "Batch two \#(tag)", "language": "en"}"#,
        ]
        let reply = try await withLiveServer(router) { base in
            try await HTTP.send("POST", base + "/v1/documents/batch", body: Data(lines.joined(separator: "\n").utf8),
                                contentType: "application/x-ndjson")
        }
        #expect(reply.status == 200)
        let results = reply.text.split(separator: "\n").map { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(results.count == lines.count)
        #expect(results.map { $0?["line"] as? Int } == Array(1...lines.count).map { Optional($0) })
        // Lines 1 and 3 have the same text: the first line reports the new document, the repeat the same one.
        #expect(results[0]?["created"] as? Bool == true)
        #expect(results[1]?["status"] as? Int == 400)
        #expect(results[2]?["created"] as? Bool == false)
        #expect(results[2]?["id"] as? String == results[0]?["id"] as? String)
        #expect(results[2]?["status"] as? String == results[0]?["status"] as? String)
        #expect(results[3]?["status"] as? Int == 400)
        #expect(results[4]?["status"] as? Int == 413)
        #expect(results[5]?["created"] as? Bool == true)
        // Stored once, and published once: the repeat stores and publishes nothing.
        let stored = try await postgres.query("SELECT status FROM documents WHERE sha256 = \(SHA256.hex("Batch one \(tag)"))")
        #expect(stored.count == 1)
        let id = try #require(results[0]?["id"] as? String)
        let published = try await countMessages(on: Topics.ingested, key: Array(id.utf8))
        #expect(published == 1)
        await producer.shutdown()
        await postgres.shutdown()
    }

    @Test func submitTopicStoresValidDocumentsAndDeadLettersTheRest() async throws {
        let (intake, producer, postgres) = try await Self.makeIntake()
        let tag = UUID().uuidString
        let good = "Submitted over Kafka \(tag): Uzbekistan and Tajikistan restored flights."
        try await producer.send(topic: Topics.submit, key: Array(tag.utf8), value: Array(try JSONSerialization.data(withJSONObject: ["text": good])))
        try await producer.send(topic: Topics.submit, key: Array(("bad-" + tag).utf8), value: Array("{not json".utf8))
        let consumer = try KafkaConsumer(configuration: Env.kafka("dala-test-submit"), groupID: "dala-ingest-submit-test",
                                         topics: [Topics.submit], logger: Env.logger)
        let service = SubmitConsumer(consumer: consumer, intake: intake, validator: SubmissionValidator(),
                                     deadLetters: DeadLetterPublisher(producer: producer, service: "test", logger: Env.logger),
                                     logger: Env.logger)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await service.run() }
            var stored = false
            for _ in 0..<100 where !stored {
                stored = try await !postgres.query("SELECT 1 FROM documents WHERE sha256 = \(SHA256.hex(good))").isEmpty
                if !stored { try await Task.sleep(for: .milliseconds(200)) }
            }
            #expect(stored)
            let letter = try await awaitMessage(on: Topics.deadLetter) { $0.key == Array(("bad-" + tag).utf8) }
            let envelope = try DalaJSON.decode(Envelope<DeadLetter>.self, from: try #require(letter).value)
            #expect(envelope.payload.reason.contains("Malformed JSON"))
            #expect(envelope.payload.payload == "{not json")
            #expect(envelope.payload.sourceTopic == Topics.submit)
            await consumer.shutdown()
            try await tasks.waitForAll()
        }
        await producer.shutdown()
        await postgres.shutdown()
    }
}

extension IngestServiceTests {
    /// A message in hand when its consumer shuts down cannot be committed: the handler gives it back (it is read
    /// again by the group's next member) instead of retrying for ever. This hung the whole test run once.
    @Test func aMessageInHandWhenTheConsumerShutsDownIsGivenBack() async throws {
        let (intake, producer, postgres) = try await Self.makeIntake()
        let consumer = try KafkaConsumer(configuration: Env.kafka("dala-test-submit-gone"), groupID: "test-\(UUID().uuidString)",
                                         topics: [Topics.submit], logger: Env.logger)
        await consumer.shutdown()
        let service = SubmitConsumer(consumer: consumer, intake: intake, validator: SubmissionValidator(),
                                     deadLetters: DeadLetterPublisher(producer: producer, service: "test", logger: Env.logger),
                                     logger: Env.logger)
        let text = "Handed back \(UUID()): Kyrgyzstan and Tajikistan opened a border post."
        let message = KafkaMessage(topic: Topics.submit, partition: 0, offset: 0, key: nil,
                                   value: Array(try JSONSerialization.data(withJSONObject: ["text": text])))
        // Unstructured, so that a handler that never returns fails this test instead of hanging it.
        actor Done { var value = false; func set() { value = true } }
        let done = Done()
        let handling = Task { await service.handle(message); await done.set() }
        let deadline = ContinuousClock.now + .seconds(20)
        while await !done.value, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(100)) }
        #expect(await done.value, "the handler kept retrying a commit its consumer can no longer make")
        handling.cancel()
        // The document itself was stored: handing the message back loses nothing.
        #expect(try await !postgres.query("SELECT 1 FROM documents WHERE sha256 = \(SHA256.hex(text))").isEmpty)
        await producer.shutdown()
        await postgres.shutdown()
    }
}

/// Counts the messages keyed `key` on `topic`, read from the start with a fresh group: waits up to `timeout` for the
/// first, then `settle` longer for more (messages with one key share a partition, so repeats follow closely).
func countMessages(on topic: String, key: [UInt8], timeout: Duration = .seconds(20), settle: Duration = .seconds(2)) async throws -> Int {
    actor Count { var value = 0; func add() { value += 1 } }
    let consumer = try KafkaConsumer(configuration: Env.kafka("dala-test-reader"), groupID: "test-\(UUID().uuidString)",
                                     topics: [topic], logger: Env.logger)
    let count = Count()
    await withTaskGroup(of: Void.self) { tasks in
        tasks.addTask { for await message in consumer.messages where message.key == key { await count.add() } }
        let clock = ContinuousClock(), started = clock.now
        while await count.value == 0, clock.now - started < timeout { try? await Task.sleep(for: .milliseconds(100)) }
        try? await Task.sleep(for: settle)
        // Ending the consumer ends its message stream, so the reading task finishes too.
        await consumer.shutdown()
    }
    return await count.value
}

/// The batch bookkeeping alone: order of answers and repeated texts, whatever order the stores finish in.
@Suite struct BatchLinesTests {
    static func doc(_ text: String) -> ValidatedDocument {
        (try? SubmissionValidator().validate(DocumentSubmission(text: text)))!
    }

    @Test func answersInInputOrderAndRepeatsReportTheFirstLine() {
        var lines = BatchLines()
        let a = Self.doc("a"), b = Self.doc("b"), idA = UUID(), idB = UUID()
        let refusal = SubmissionError(status: 400, title: "Malformed JSON", detail: "x")
        #expect(lines.admit(.success(a)) == a)            // 1: stored
        #expect(lines.admit(.failure(refusal)) == nil)    // 2: refused, settled at once
        #expect(lines.admit(.success(a)) == nil)          // 3: repeats line 1, not stored
        #expect(lines.admit(.success(b)) == b)            // 4: stored
        #expect(lines.ready().isEmpty)                    // line 1 is still in flight
        lines.finish(4, .stored(IntakeResult(id: idB, created: true, status: "queued")))
        #expect(lines.ready().isEmpty)
        lines.finish(1, .stored(IntakeResult(id: idA, created: true, status: "queued")))
        let out = lines.ready()
        #expect(out.map(\.line) == [1, 2, 3, 4])
        #expect(out.map(\.outcome) == [.stored(IntakeResult(id: idA, created: true, status: "queued")), .refused(refusal),
                                       .stored(IntakeResult(id: idA, created: false, status: "queued")),
                                       .stored(IntakeResult(id: idB, created: true, status: "queued"))])
        // Once line 1 is answered, its document is in the store: a later repeat is stored as usual and finds it.
        #expect(lines.admit(.success(a)) == a)
        #expect(lines.ready().isEmpty)
    }

    @Test func aRepeatOfAFailedLineFailsLikeIt() {
        var lines = BatchLines()
        let a = Self.doc("a")
        let failure = SubmissionError(status: 503, title: "Storage unavailable", detail: "retry")
        #expect(lines.admit(.success(a)) == a)
        #expect(lines.admit(.success(a)) == nil)
        #expect(lines.admit(.success(a)) == nil)
        lines.finish(1, .refused(failure))
        #expect(lines.ready().map(\.outcome) == [.refused(failure), .refused(failure), .refused(failure)])
    }
}
