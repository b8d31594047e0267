import DalaAnalysis
import DalaCore
import DalaKafka
import DalaPostgres
import DalaService
import DalaStorage
@testable import EnrichmentWorker
import Foundation
import Hummingbird
@testable import IngestAPI
import Logging
import ServiceLifecycle
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Outages, the outbox relay, poison documents and write tokens, against the real PostgreSQL and broker.
/// The slow whole-stack fault tests are `make chaos` (deploy/scripts/chaos.py).
@Suite(.serialized, .enabled(if: Env.both, Env.reason))
struct ReliabilityTests {
    static func request(_ method: String, _ url: String, body: Data? = nil, headers: [String: String] = [:]) async throws
        -> (status: Int, headers: [String: String], json: [String: Any]?, seconds: Double) {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = method
        request.httpBody = body
        request.timeoutInterval = 60
        for (k, v) in headers { request.setValue(v, forHTTPHeaderField: k) }
        let started = Date()
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as! HTTPURLResponse
        var fields: [String: String] = [:]
        for (k, v) in http.allHeaderFields { fields[String(describing: k).lowercased()] = String(describing: v) }
        return (http.statusCode, fields, try? JSONSerialization.jsonObject(with: data) as? [String: Any], Date().timeIntervalSince(started))
    }

    static func router(intake: DocumentIntake, postgres: PostgresClient, access: AccessPolicy = AccessPolicy()) -> Router<BasicRequestContext> {
        IngestApp.buildRouter(intake: intake, validator: SubmissionValidator(maxBytes: 4096),
                              operational: OperationalRoutes(service: "test", postgres: postgres, kafka: Env.kafka("dala-test")),
                              access: access)
    }

    static func json(_ text: String) -> Data { try! JSONSerialization.data(withJSONObject: ["text": text]) }

    /// PostgreSQL unreachable: a POST is a 503 problem with Retry-After, not a 500 (the defect of issue 11).
    @Test func lostDatabaseIsA503WithRetryAfter() async throws {
        let postgres = PostgresClient(configuration: PostgresConfiguration(url: "postgres://dala@127.0.0.1:1/dala", poolSize: 1),
                                      logger: Env.logger)
        let producer = try KafkaProducer(configuration: Env.kafka("dala-test-ingest"), logger: Env.logger)
        let intake = DocumentIntake(documents: DocumentStore(client: postgres), producer: producer, logger: Env.logger)
        try await withLiveServer(Self.router(intake: intake, postgres: postgres)) { base in
            let reply = try await Self.request("POST", base + "/v1/documents", body: Self.json("Outage \(UUID())"),
                                               headers: ["Content-Type": "application/json"])
            #expect(reply.status == 503)
            #expect(reply.headers["retry-after"] == "5")
            #expect(reply.headers["content-type"]?.hasPrefix("application/problem+json") == true)
            #expect(reply.json?["title"] as? String == "Database unavailable")
            // The batch reports the line as unavailable too.
            let batch = try await Self.request("POST", base + "/v1/documents/batch",
                                               body: Data("{\"text\":\"Batch outage \(UUID())\"}\n".utf8),
                                               headers: ["Content-Type": "application/x-ndjson"])
            #expect(batch.status == 200)
        }
        await producer.shutdown()
        await postgres.shutdown()
    }

    /// The broker unreachable: the document is stored and the POST answers within the publish timeout, `received`;
    /// the relay publishes it once a broker answers.
    @Test func brokerDownStillAnswersAndTheRelayPublishesLater() async throws {
        let postgres = Env.postgres()
        try await Migrator.migrate(postgres, logger: Env.logger)
        let dead = KafkaConfiguration(brokers: "127.0.0.1:1", clientID: "dala-test-dead", properties: ["message.timeout.ms": "1000"])
        let deadProducer = try KafkaProducer(configuration: dead, logger: Env.logger)
        // A publish timeout of 1 s: the answer comes after it (plus the store), never after the 30 s of old.
        let stranded = DocumentIntake(documents: DocumentStore(client: postgres), producer: deadProducer,
                                      publishTimeout: .seconds(1), logger: Env.logger)
        let text = "Broker outage \(UUID()): Kazakhstan and Kyrgyzstan signed an agreement in 2024."
        let id = try await withLiveServer(Self.router(intake: stranded, postgres: postgres)) { base in
            let reply = try await Self.request("POST", base + "/v1/documents", body: Self.json(text), headers: ["Content-Type": "application/json"])
            #expect(reply.status == 202)
            #expect(reply.json?["status"] as? String == "received")
            #expect(reply.seconds < 5, "answered in \(reply.seconds) s")
            return try #require(reply.json?["id"] as? String)
        }
        await deadProducer.shutdown()
        // A relay with a live broker picks it up once it is old enough.
        try await postgres.execute("UPDATE documents SET received_at = now() - interval '1 minute' WHERE id = \(id)::uuid")
        try await KafkaAdmin.createTopics(Topics.all, partitions: 4, configuration: Env.kafka("dala-test-admin"))
        let producer = try KafkaProducer(configuration: Env.kafka("dala-test-relay"), logger: Env.logger)
        let intake = DocumentIntake(documents: DocumentStore(client: postgres), producer: producer, logger: Env.logger)
        let relay = OutboxRelay(intake: intake, after: 30, logger: Env.logger)
        #expect(try await relay.pass() >= 1)
        let status: String? = try await postgres.query("SELECT status FROM documents WHERE id = \(id)::uuid").first?["status"]
        #expect(status == "queued")
        #expect(try await countMessages(on: Topics.ingested, key: Array(id.utf8)) == 1)
        await producer.shutdown()
        await postgres.shutdown()
    }

    /// Write tokens: 401 with WWW-Authenticate without one, 403 with a wrong one, 202 with a right one; reads and
    /// probes stay open; a `sha256:` line is a digest.
    @Test func writeTokens() async throws {
        let postgres = Env.postgres()
        try await Migrator.migrate(postgres, logger: Env.logger)
        let producer = try KafkaProducer(configuration: Env.kafka("dala-test-ingest"), logger: Env.logger)
        let intake = DocumentIntake(documents: DocumentStore(client: postgres), producer: producer, logger: Env.logger)
        let write = AccessTokens(lines: ["# comment", "s3cret-one", "sha256:" + SHA256.hex("s3cret-two")])
        #expect(write.count == 2)
        #expect(write.accepts("s3cret-one") && write.accepts("s3cret-two") && !write.accepts("s3cret") && !write.accepts(""))
        try await withLiveServer(Self.router(intake: intake, postgres: postgres, access: AccessPolicy(write: write))) { base in
            let body = Self.json("Token test \(UUID())")
            let missing = try await Self.request("POST", base + "/v1/documents", body: body, headers: ["Content-Type": "application/json"])
            #expect(missing.status == 401)
            #expect(missing.headers["www-authenticate"]?.hasPrefix("Bearer") == true)
            #expect(missing.headers["content-type"]?.hasPrefix("application/problem+json") == true)
            let wrong = try await Self.request("POST", base + "/v1/documents/batch", body: body,
                                               headers: ["Content-Type": "application/x-ndjson", "Authorization": "Bearer nope"])
            #expect(wrong.status == 403)
            let basic = try await Self.request("POST", base + "/v1/documents", body: body,
                                               headers: ["Content-Type": "application/json", "Authorization": "Basic czNjcmV0LW9uZQ=="])
            #expect(basic.status == 401)
            let right = try await Self.request("POST", base + "/v1/documents", body: body,
                                               headers: ["Content-Type": "application/json", "Authorization": "Bearer s3cret-two"])
            #expect(right.status == 202)
            let probe = try await Self.request("GET", base + "/healthz")
            #expect(probe.status == 200)
        }
        // Read tokens, when configured, guard reads (write tokens read too) but not the probes.
        let read = AccessTokens(lines: ["reader"])
        try await withLiveServer(Self.router(intake: intake, postgres: postgres, access: AccessPolicy(write: write, read: read))) { base in
            let anonymous = try await Self.request("GET", base + "/v1/nothing-here")
            let reader = try await Self.request("GET", base + "/v1/nothing-here", headers: ["Authorization": "Bearer reader"])
            let writer = try await Self.request("GET", base + "/v1/nothing-here", headers: ["Authorization": "Bearer s3cret-one"])
            let probe = try await Self.request("GET", base + "/readyz")
            #expect(anonymous.status == 401)
            #expect(reader.status == 404)
            #expect(writer.status == 404)
            #expect(probe.status == 200)
        }
        await producer.shutdown()
        await postgres.shutdown()
    }

    /// `--kafka-properties k=v,k=v`: a list-valued librdkafka property keeps its commas (`debug=cgrp,fetch`).
    @Test func kafkaPropertiesKeepListValues() {
        let config = ServiceConfiguration(reader: ConfigReader(arguments: ["x"], environment: [
            "DALA_KAFKA_PROPERTIES": "debug=cgrp,fetch,metadata, session.timeout.ms=9000,partition.assignment.strategy=range,roundrobin"]),
            defaultPort: 1)
        #expect(config.kafkaProperties == ["debug": "cgrp,fetch,metadata", "session.timeout.ms": "9000",
                                           "partition.assignment.strategy": "range,roundrobin"])
    }

    @Test func openWritesOnlyOnLoopbackUnlessAllowed() throws {
        let logger = Env.logger
        #expect(throws: ConfigurationError.self) {
            try AccessPolicy.load(ConfigReader(arguments: ["x"], environment: [:]), host: "0.0.0.0", service: "t", logger: logger)
        }
        _ = try AccessPolicy.load(ConfigReader(arguments: ["x"], environment: [:]), host: "127.0.0.1", service: "t", logger: logger)
        _ = try AccessPolicy.load(ConfigReader(arguments: ["x", "--allow-open-writes"], environment: [:]), host: "0.0.0.0", service: "t", logger: logger)
        let withTokens = try AccessPolicy.load(ConfigReader(arguments: ["x"], environment: ["DALA_API_TOKEN_LIST": "a,b"]),
                                               host: "0.0.0.0", service: "t", logger: logger)
        #expect(withTokens.write.count == 2)
        #expect(AccessPolicy.isLoopback("localhost") && AccessPolicy.isLoopback("127.0.0.2") && AccessPolicy.isLoopback("::1"))
        #expect(!AccessPolicy.isLoopback("0.0.0.0") && !AccessPolicy.isLoopback("10.0.0.1"))
    }

    /// A document that killed the worker in earlier runs (its attempt count is at the limit) goes to the dead-letter
    /// topic with its reason and is marked failed; the worker goes on with the next document. An outage does not
    /// spend attempts.
    @Test func poisonDocumentIsDeadLetteredAndTheWorkerGoesOn() async throws {
        let postgres = Env.postgres()
        try await Migrator.migrate(postgres, logger: Env.logger)
        let topic = "dala.test.poison-\(UUID().uuidString.prefix(8))"
        try await KafkaAdmin.createTopics(Topics.all + [topic], partitions: 1, configuration: Env.kafka("dala-test-admin"))
        let store = DocumentStore(client: postgres)
        let validator = SubmissionValidator()
        let poison = try await store.insert(try validator.validate(DocumentSubmission(text: "Poison \(UUID()): Astana, 2019.")))
        let good = try await store.insert(try validator.validate(DocumentSubmission(text: "Good \(UUID()): Kazakhstan and Uzbekistan met in Tashkent in 2019.")))
        // Three earlier runs died inside analysis (a trap cannot be caught): the count says so.
        try await postgres.execute("UPDATE documents SET attempts = 3 WHERE id = \(poison.id.uuidString)::uuid")
        let producer = try KafkaProducer(configuration: Env.kafka("dala-test-worker"), logger: Env.logger)
        for id in [poison.id, good.id] {
            let envelope = Envelope(type: DocumentIngested.type, version: DocumentIngested.version, producer: "test",
                                    payload: DocumentIngested(documentID: id, sha256: ""))
            try await producer.send(topic: topic, key: MessageKey.document(id), value: try DalaJSON.encode(envelope))
        }
        let consumer = try KafkaConsumer(configuration: Env.kafka("dala-test-worker"), groupID: "test-\(UUID().uuidString)",
                                         topics: [topic], logger: Env.logger)
        let worker = EnrichmentWorker(consumer: consumer, producer: producer, postgres: postgres, pipeline: try Pipeline(),
                                      settings: .init(maxAttempts: 3, workerName: "test-poison"), logger: Env.logger)
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            // Ended below by shutting the consumer down, not by a graceful shutdown: the worker says so by throwing.
            tasks.addTask { _ = try? await worker.run() }
            var statuses: [String] = []
            for _ in 0..<300 {
                statuses = try await postgres.query("""
                    SELECT status FROM documents WHERE id = ANY(\([poison.id.uuidString, good.id.uuidString])::uuid[]) ORDER BY id = \(poison.id.uuidString)::uuid
                    """).map { $0["status"] ?? "" }
                if statuses == ["enriched", "failed"] { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(statuses == ["enriched", "failed"])
            await consumer.shutdown()
            try await tasks.waitForAll()
        }
        let error: String? = try await postgres.query("SELECT error FROM documents WHERE id = \(poison.id.uuidString)::uuid").first?["error"]
        #expect(error?.contains("gave up after 3 attempts") == true)
        let letter = try #require(try await awaitMessage(on: Topics.deadLetter) { $0.key == MessageKey.document(poison.id) })
        let envelope = try DalaJSON.decode(Envelope<DeadLetter>.self, from: letter.value)
        #expect(envelope.payload.reason.contains("gave up after 3 attempts"))
        #expect(envelope.payload.sourceTopic == topic)
        await producer.shutdown()
        await postgres.shutdown()
    }

    /// Deadlocks and outages are retried without spending the document's attempts.
    @Test func transientErrorsAreNotAttempts() {
        #expect(EnrichmentWorker.isTransient(PostgresError(code: .serialization, message: "deadlock detected")))
        #expect(EnrichmentWorker.isTransient(PostgresError(code: .connectionFailed, message: "x")))
        #expect(EnrichmentWorker.isTransient(KafkaError(code: .delivery, message: "x")))
        #expect(!EnrichmentWorker.isTransient(PostgresError(code: .badValue, message: "x")))
    }

    /// The one place outages become 503s: every service's ProblemMiddleware.
    @Test func outageMapping() {
        #expect(Outage.problem(for: PostgresError(code: .connectionFailed, message: "x"))?.status == .serviceUnavailable)
        #expect(Outage.problem(for: KafkaError(code: .timeout, message: "x"))?.extraHeaders[.retryAfter] == "5")
        #expect(Outage.problem(for: PostgresError(code: .queryFailed, message: "x")) == nil)
    }
}
