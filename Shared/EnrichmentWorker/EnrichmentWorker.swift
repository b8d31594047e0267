import DalaAnalysis
import DalaCore
import DalaKafka
import DalaPostgres
import DalaService
import DalaStorage
import Foundation
import Logging
import Metrics
import ServiceLifecycle

/// Consumes `dala.documents.ingested`, analyses each document, writes the annotations in one transaction, publishes
/// `dala.documents.enriched`, and only then commits the offset (at-least-once; rewriting is idempotent).
/// Workers in one consumer group share the partitions. The events written have no story yet: the story linker
/// (`StoryLinkerService`) links them from the `dala.documents.enriched` messages.
public struct EnrichmentWorker: Service {
    public struct Settings: Sendable {
        /// Attempts before a document goes to the dead-letter topic (`--max-attempts`, `DALA_MAX_ATTEMPTS`). Default 3.
        public var maxAttempts: Int
        /// Name recorded in extraction runs (`--worker-name`, `DALA_WORKER_NAME`). Default host:pid.
        public var workerName: String
        /// Documents analysed and written together, at most (`--batch-size`, `DALA_BATCH_SIZE`). Default 64; 1 is one at a time.
        public var batchSize: Int = 64
        /// Text in one batch, in characters, at most (`--batch-characters`); a longer document goes alone. Default 1,000,000.
        public var batchCharacters: Int = 1_000_000
        public init(maxAttempts: Int = 3, workerName: String) { self.maxAttempts = maxAttempts; self.workerName = workerName }
    }

    let consumer: KafkaConsumer
    let producer: KafkaProducer
    let documents: DocumentStore
    let annotations: AnnotationStore
    let pipeline: Pipeline
    let deadLetters: DeadLetterPublisher
    let settings: Settings
    let logger: Logger
    let cpu = BlockingWorker(label: "dala.enrichment.analysis")
    let processed = Counter(label: "dala_enrichment_documents_total", dimensions: [("result", "enriched")])
    let failed = Counter(label: "dala_enrichment_documents_total", dimensions: [("result", "deadlettered")])
    let duration = Timer(label: "dala_enrichment_duration_seconds")
    let stageTimers = StageTimers()

    public init(consumer: KafkaConsumer, producer: KafkaProducer, postgres: PostgresClient, pipeline: Pipeline,
                settings: Settings, logger: Logger) {
        self.consumer = consumer; self.producer = producer
        self.documents = DocumentStore(client: postgres); self.annotations = AnnotationStore(client: postgres)
        self.pipeline = pipeline; self.settings = settings; self.logger = logger
        self.deadLetters = DeadLetterPublisher(producer: producer, service: "dala-enrichment", logger: logger)
    }

    public func run() async throws {
        // Graceful shutdown stops the loop between batches; the batch in hand is finished or handed back.
        try await consumeInBatches()
        try await Self.endConsumption(consumer, name: "consumer", logger: logger)
    }

    /// Shuts `consumer` down once its loop has returned. The stream also ends when the consumer fails for good: fail
    /// the service so the process gets restarted. Any other end outside a shutdown would stop the process without a
    /// word (the group ends when a service returns): say so and fail, so a supervisor restarts it.
    static func endConsumption(_ consumer: KafkaConsumer, name: String, logger: Logger) async throws {
        await consumer.shutdown()
        if let failure = consumer.failure, !Task.isShuttingDownGracefully {
            logger.error("\(name) failed", metadata: [LogKey.error: "\(failure)"])
            throw failure
        }
        if !Task.isShuttingDownGracefully && !Task.isCancelled {
            logger.error("\(name) stream ended unexpectedly")
            throw KafkaError(code: .consume, message: "\(name) stream ended unexpectedly")
        }
    }

    enum Outcome { case done, handBack }

    func handle(_ message: KafkaMessage) async {
        var meta: Logger.Metadata = [LogKey.topic: "\(message.topic)", LogKey.partition: "\(message.partition)",
                                     LogKey.offset: "\(message.offset)"]
        let ingested: DocumentIngested
        do {
            let envelope = try DalaJSON.decode(Envelope<DocumentIngested>.self, from: message.value)
            guard envelope.type == DocumentIngested.type, envelope.version == DocumentIngested.version else {
                throw DecodeFailure(reason: "unsupported message \(envelope.type) v\(envelope.version)")
            }
            ingested = envelope.payload
        } catch {
            let reason = (error as? DecodeFailure)?.reason ?? "malformed envelope: \(Self.describe(error))"
            await settle(message, outcome: await deadLetter(message, reason: reason, attempts: 1, documentID: nil), meta: meta)
            return
        }
        meta[LogKey.documentID] = "\(ingested.documentID.lowercasedString)"
        var transientFailures = 0
        // The attempt is counted in the database once per try, before the work starts (so a try that kills the
        // process still counts); a try that only met an outage is repeated under the same count.
        var attempt: Int? = nil
        while true {
            do {
                let outcome = try await enrich(ingested.documentID, message: message, attempt: &attempt, meta: meta)
                await settle(message, outcome: outcome, meta: meta)
                return
            } catch where Self.isTransient(error) {
                // The database or broker is away, or two writers deadlocked: retry without spending an attempt.
                transientFailures += 1
                logger.warning("dependency unavailable, retrying", metadata: meta.merging([LogKey.error: "\(error)"]) { $1 })
                if Task.isShuttingDownGracefully || Task.isCancelled { return }  // not committed: redelivered later
                try? await Task.sleep(for: .milliseconds(min(200 * (1 << min(transientFailures, 6)), 10_000)))
            } catch {
                logger.error("enrichment failed", metadata: meta.merging([LogKey.error: "\(error)"]) { $1 })
                attempt = nil  // the next try is a new attempt
                if Task.isShuttingDownGracefully { return }
                try? await Task.sleep(for: .milliseconds(100))
            }
        }
    }

    /// One attempt. Throws on failures worth retrying; returns `.done` when the message is settled.
    /// `attempt` is this try's count once `beginAttempt` gave it; nil makes this try count a new attempt.
    func enrich(_ id: UUID, message: KafkaMessage, attempt counted: inout Int?, meta: Logger.Metadata) async throws -> Outcome {
        let name = id.lowercasedString  // as the APIs and messages spell it
        if counted == nil { counted = try await documents.beginAttempt(id) }
        guard let attempt = counted else {
            return await deadLetter(message, reason: "document \(name) does not exist", attempts: 1, documentID: nil)
        }
        guard attempt <= settings.maxAttempts else {
            return await deadLetter(message, reason: "gave up after \(attempt - 1) attempts (last run did not finish)",
                                    attempts: attempt - 1, documentID: id)
        }
        switch try await OCRStage(client: documents.client).run(id, logger: logger) {  // scanned pages first (OCRStage.swift)
        case .failed(let reason): return await deadLetter(message, reason: reason, attempts: attempt, documentID: id)
        case .more: _ = try await producer.send(topic: message.topic, key: message.key, value: message.value); return .done
        case .ready: break
        }
        guard let doc = try await documents.loadForEnrichment(id) else {
            return await deadLetter(message, reason: "document \(name) does not exist", attempts: attempt, documentID: nil)
        }
        let started = Date()
        let pipeline = self.pipeline
        do {
            let written: AnnotationStore.Replacement?
            var stories: DocumentStories?  // unknown for a long document written in pieces: the linker reads them back
            if doc.text.utf8.count > Pipeline.segmentBytes {
                // A long document: each piece's rows are sent inside the transaction as the piece is analysed, so
                // they are in memory one piece at a time (the analysis runs on the connection's thread).
                written = try await annotations.replaceStreaming(documentID: id, startedAt: started, worker: settings.workerName) { piece in
                    try pipeline.annotationPieces(of: doc.text, documentDate: doc.published, piece)
                }
            } else {
                let (analysed, prepared) = try await cpu.run {
                    var rows = AnnotationStore.DocumentRows(documentID: id)
                    let summary = pipeline.annotationPieces(of: doc.text, documentDate: doc.published) { rows.append($0) }
                    let replacement = AnnotationStore.Replacement(documentID: id, summary: summary, rows: rows, startedAt: started)
                    return (replacement, AnnotationStore.PreparedReplacements([(replacement, rows)]))
                }
                let result = try await annotations.replaceManyWithStories(prepared, worker: settings.workerName)
                stories = result[id] ?? nil
                written = result[id] != nil ? analysed : nil
            }
            guard let replacement = written else {
                return await deadLetter(message, reason: "document \(name) was deleted during enrichment", attempts: attempt, documentID: nil)
            }
            let set = replacement.annotations, n = replacement.counts
            let ms = Date().timeIntervalSince(started) * 1000
            duration.recordMilliseconds(ms)
            let enriched = DocumentEnriched(documentID: id, extractorVersion: set.extractorVersion, language: set.language,
                                            sentences: n.sentences, entities: n.entities,
                                            mentions: n.mentions, events: n.events, durationMS: ms, stories: stories)
            let envelope = Envelope(type: DocumentEnriched.type, version: DocumentEnriched.version, producer: "dala-enrichment",
                                    payload: enriched)
            try await producer.send(topic: Topics.enriched, key: MessageKey.document(id), value: try DalaJSON.encode(envelope))
            processed.increment()
            logger.info("document enriched", metadata: meta.merging([
                LogKey.duration: "\(Int(ms))", "sentences": "\(n.sentences)", "mentions": "\(n.mentions)",
                "events": "\(n.events)",
            ]) { $1 })
            return .done
        } catch where Self.isTransient(error) {
            throw error
        } catch {
            if attempt >= settings.maxAttempts {
                return await deadLetter(message, reason: Self.describe(error), attempts: attempt, documentID: id)
            }
            throw error
        }
    }

    func deadLetter(_ message: KafkaMessage, reason: String, attempts: Int, documentID: UUID?) async -> Outcome {
        do {
            try await deadLetters.send(message, reason: reason, attempts: attempts)
            if let documentID { try await documents.markFailed(documentID, error: reason) }
            failed.increment()
            return .done
        } catch {
            // Could not record the failure: keep the offset so the message comes back.
            logger.error("dead-lettering failed; the message will be redelivered", metadata: [LogKey.error: "\(error)"])
            return .handBack
        }
    }

    func settle(_ message: KafkaMessage, outcome: Outcome, meta: Logger.Metadata) async {
        guard case .done = outcome else { return }
        do {
            try await consumer.commit(message)
        } catch {
            // Rewriting is idempotent, so a lost commit only costs a redelivery.
            logger.warning("offset commit failed", metadata: meta.merging([LogKey.error: "\(error)"]) { $1 })
        }
    }

    static func isTransient(_ error: any Error) -> Bool {
        if let pg = error as? PostgresError {
            return pg.code == .connectionFailed || pg.code == .poolClosed || pg.code == .timeout || pg.code == .serialization
        }
        return error is KafkaError
    }

    static func describe(_ error: any Error) -> String { String(String(describing: error).prefix(1000)) }

    struct DecodeFailure: Error { var reason: String }
}
