import DalaCore
import DalaKafka
import DalaService
import DalaStorage
import Foundation
import Logging
import Metrics
import ServiceLifecycle

/// The outcome of taking in one document.
public struct IntakeResult: Codable, Sendable, Equatable {
    @LowercaseUUID public var id: UUID
    public var created: Bool
    public var status: String
    enum CodingKeys: String, CodingKey { case id, created, status }
}

/// Stores a validated document and publishes it to `dala.documents.ingested`, shared by HTTP and the submit topic.
/// The `received` status is the outbox: a document whose publish failed is re-published by `OutboxRelay`.
public struct DocumentIntake: Sendable {
    public let documents: DocumentStore
    public let producer: KafkaProducer
    let logger: Logger
    private let accepted = Counter(label: "dala_ingest_documents_total", dimensions: [("result", "created")])
    private let duplicates = Counter(label: "dala_ingest_documents_total", dimensions: [("result", "duplicate")])

    /// Longest wait for the broker's acknowledgement before `take` answers anyway, the document left `received`.
    let publishTimeout: Duration

    public init(documents: DocumentStore, producer: KafkaProducer, publishTimeout: Duration = .seconds(3), logger: Logger) {
        self.documents = documents; self.producer = producer; self.publishTimeout = publishTimeout; self.logger = logger
    }

    public func take(_ doc: ValidatedDocument) async throws -> IntakeResult {
        let ref = try await documents.insert(doc)
        (ref.created ? accepted : duplicates).increment()
        var status = ref.status
        if ref.status == "received" {
            // New, or stored earlier but never published: publish now. A failure leaves it for the outbox relay.
            do {
                try await publish(id: ref.id, sha256: doc.sha256)
                try await documents.markQueued([ref.id])
                status = "queued"
            } catch {
                logger.warning("publish failed; the outbox relay will retry",
                               metadata: [LogKey.documentID: "\(ref.id.lowercasedString)", LogKey.error: "\(error)"])
            }
        }
        return IntakeResult(id: ref.id, created: ref.created, status: status)
    }

    /// `take` for the lines of an NDJSON batch, in order: stored with one statement, published together (each within
    /// the publish timeout) and marked queued with one statement, as `take` does one by one. A failed publish leaves
    /// that document `received` for the outbox relay.
    public func takeMany(_ docs: [ValidatedDocument]) async throws -> [IntakeResult] {
        let refs = try await documents.insertMany(docs)
        for ref in refs { (ref.created ? accepted : duplicates).increment() }
        var pending: [(id: UUID, sha256: String)] = [], seen = Set<UUID>()
        for (doc, ref) in zip(docs, refs) where ref.status == "received" && seen.insert(ref.id).inserted {
            pending.append((ref.id, doc.sha256))
        }
        var queued = Set<UUID>()
        if !pending.isEmpty {
            let sent = await withTaskGroup(of: UUID?.self) { group in
                for (id, sha256) in pending {
                    group.addTask {
                        do {
                            try await publish(id: id, sha256: sha256)
                            return id
                        } catch {
                            logger.warning("publish failed; the outbox relay will retry",
                                           metadata: [LogKey.documentID: "\(id.lowercasedString)", LogKey.error: "\(error)"])
                            return nil
                        }
                    }
                }
                return await group.reduce(into: [UUID]()) { if let id = $1 { $0.append(id) } }
            }
            do {
                try await documents.markQueued(sent)
                queued = Set(sent)
            } catch {
                logger.warning("marking published documents queued failed; the outbox relay will publish them again",
                               metadata: [LogKey.error: "\(error)"])
            }
        }
        return refs.map { ref in
            IntakeResult(id: ref.id, created: ref.created, status: queued.contains(ref.id) ? "queued" : ref.status)
        }
    }

    func publish(id: UUID, sha256: String) async throws {
        let r = try record(id: id, sha256: sha256)
        try await producer.send(topic: r.topic, key: r.key, value: r.value, timeout: publishTimeout)
    }

    /// The `document.ingested` message of a stored document.
    func record(id: UUID, sha256: String) throws -> KafkaRecord {
        let envelope = Envelope(type: DocumentIngested.type, version: DocumentIngested.version, producer: "dala-ingest",
                                payload: DocumentIngested(documentID: id, sha256: sha256))
        return KafkaRecord(topic: Topics.ingested, key: MessageKey.document(id), value: try DalaJSON.encode(envelope))
    }
}

/// Re-publishes documents that were stored but never reached the topic: the broker was down at the time (the POST
/// answered after `--publish-timeout-ms` with the document `received`), the broker lost its messages, or the
/// process died between storing and publishing. Every `interval` it publishes, all in one batch, the documents
/// still `received` `after` seconds after they were stored, and marks those the broker acknowledged `queued`.
/// A document published twice is enriched twice, which rewrites the same annotations (idempotent).
///
/// A message the broker acknowledged can still be lost: the local broker keeps everything in memory, so a restart
/// empties the topic, and a restored cluster does the same. So the relay also re-publishes `queued` documents when
/// the pipeline has stalled: queued over `stalledAfter` seconds ago while no extraction run finished in that time.
/// A busy pipeline with a long backlog keeps finishing runs, so it is never flooded with repeats.
public struct OutboxRelay: Service {
    let intake: DocumentIntake
    let interval: Duration
    let after: Int
    let stalledAfter: Int
    let batchSize: Int
    let logger: Logger
    private let republished = Counter(label: "dala_ingest_outbox_republished_total")

    public init(intake: DocumentIntake, interval: Duration = .seconds(5), after: Int = 10, stalledAfter: Int = 30,
                batchSize: Int = 1000, logger: Logger) {
        self.intake = intake; self.interval = interval; self.after = after; self.stalledAfter = stalledAfter
        self.batchSize = batchSize; self.logger = logger
    }

    public func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    // Drain the backlog: keep going while full batches go out.
                    while try await pass() == batchSize, !Task.isCancelled {}
                    while try await requeueStalled() == batchSize, !Task.isCancelled {}
                } catch {
                    logger.warning("outbox relay pass failed", metadata: [LogKey.error: "\(error)"])
                }
                try await Task.sleep(for: interval)
            }
        }
    }

    /// One pass: returns how many documents it found pending.
    @discardableResult
    public func pass() async throws -> Int {
        let pending = try await intake.documents.unpublished(olderThanSeconds: after, limit: batchSize)
        let sent = try await publish(pending)
        try await intake.documents.markQueued(sent)
        return pending.count
    }

    /// Re-publishes `queued` documents of a stalled pipeline (see the type's comment); returns how many it found.
    @discardableResult
    public func requeueStalled() async throws -> Int {
        // The newest run by id (the primary key's index) is the latest to finish, near enough.
        let stalled = try await intake.documents.client.query("""
            SELECT id::text AS id, sha256 FROM documents
            WHERE status = 'queued' AND queued_at < now() - make_interval(secs => \(stalledAfter))
              AND coalesce((SELECT finished_at FROM extraction_runs ORDER BY id DESC LIMIT 1), '-infinity')
                  < now() - make_interval(secs => \(stalledAfter))
            ORDER BY queued_at LIMIT \(batchSize)
            """).map { (id: try $0.decode("id", as: UUID.self), sha256: $0["sha256"] ?? "") }
        let sent = try await publish(stalled)
        if !sent.isEmpty {
            logger.warning("outbox relay: the pipeline stalled with documents queued; re-published them (broker lost messages?)",
                           metadata: ["count": "\(sent.count)"])
            try await intake.documents.client.execute("""
                UPDATE documents SET queued_at = now() WHERE id = ANY(\(sent.map(\.uuidString))::uuid[]) AND status = 'queued'
                """)
        }
        return stalled.count
    }

    /// Publishes in one batch; returns the ids the broker acknowledged.
    func publish(_ pending: [(id: UUID, sha256: String)]) async throws -> [UUID] {
        guard !pending.isEmpty else { return [] }
        let records = try pending.map { try intake.record(id: $0.id, sha256: $0.sha256) }
        let results = await intake.producer.sendBatch(records)
        var sent: [UUID] = []
        var lastError: KafkaError?
        for (doc, result) in zip(pending, results) {
            switch result {
            case .success: sent.append(doc.id)
            case .failure(let error): lastError = error
            }
        }
        republished.increment(by: sent.count)
        if !sent.isEmpty { logger.info("outbox relay re-published documents", metadata: ["count": "\(sent.count)"]) }
        if let lastError {
            logger.warning("outbox relay: the broker did not take every document; next pass retries",
                           metadata: ["failed": "\(pending.count - sent.count)", LogKey.error: "\(lastError)"])
        }
        return sent
    }
}
