import DalaCore
import DalaKafka
import DalaPostgres
import DalaService
import DalaStorage
import Foundation
import IngestAPI
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
        // The ingested topic carries it, keyed by document id.
        let message = try await awaitMessage(on: Topics.ingested) { $0.key == Array(id.lowercased().utf8) || $0.key == Array(id.uppercased().utf8) }
        let envelope = try DalaJSON.decode(Envelope<DocumentIngested>.self, from: try #require(message).value)
        #expect(envelope.payload.documentID.uuidString.lowercased() == id.lowercased())
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
        #expect(results[0]?["created"] as? Bool == true)
        #expect(results[1]?["status"] as? Int == 400)
        #expect(results[2]?["created"] as? Bool == false)
        #expect(results[2]?["id"] as? String == results[0]?["id"] as? String)
        #expect(results[3]?["status"] as? Int == 400)
        #expect(results[4]?["status"] as? Int == 413)
        #expect(results[5]?["created"] as? Bool == true)
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
