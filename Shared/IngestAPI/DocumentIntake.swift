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

    public init(documents: DocumentStore, producer: KafkaProducer, logger: Logger) {
        self.documents = documents; self.producer = producer; self.logger = logger
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

    func publish(id: UUID, sha256: String) async throws {
        let envelope = Envelope(type: DocumentIngested.type, version: DocumentIngested.version, producer: "dala-ingest",
                                payload: DocumentIngested(documentID: id, sha256: sha256))
        try await producer.send(topic: Topics.ingested, key: MessageKey.document(id), value: try DalaJSON.encode(envelope))
    }
}

/// Re-publishes documents that were stored but never reached the topic (broker down at the time, process killed).
public struct OutboxRelay: Service {
    let intake: DocumentIntake
    let interval: Duration
    let logger: Logger

    public init(intake: DocumentIntake, interval: Duration = .seconds(5), logger: Logger) {
        self.intake = intake; self.interval = interval; self.logger = logger
    }

    public func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                let pending = try await intake.documents.unpublished(olderThanSeconds: 10, limit: 500)
                var sent: [UUID] = []
                for (id, sha) in pending {
                    try await intake.publish(id: id, sha256: sha)
                    sent.append(id)
                }
                try await intake.documents.markQueued(sent)
                if !sent.isEmpty { logger.info("outbox relay re-published documents", metadata: ["count": "\(sent.count)"]) }
            } catch {
                logger.warning("outbox relay pass failed", metadata: [LogKey.error: "\(error)"])
            }
            try? await Task.sleep(for: interval)
        }
    }
}
