import DalaCore
import DalaKafka
import DalaPostgres
import DalaService
import DalaStorage
import Foundation
import Logging
import Metrics
import ServiceLifecycle

/// The story linker: consumes `dala.documents.enriched` in its own consumer group (`dala-stories`) and links the
/// enriched documents' events to their stories, hundreds of documents per transaction (`StoryLinks.link`). It runs in
/// the enrichment executable (`--story-linker`, on by default), next to the enrichment loop and independent of it:
/// the enrichment write no longer holds the story rule's locks or reads its candidates, and one candidate read serves
/// a whole batch of documents. With several worker processes the group shares the topic's partitions; the
/// linker's advisory locks keep two of them from starting one story twice.
///
/// At-least-once: offsets are committed after the transaction that links their documents. Linking is idempotent
/// (a document already linked is skipped), so a redelivered batch costs only the lookup. A message that is not a
/// `document.enriched` goes to the dead-letter topic with the reason; a batch whose linking fails for another reason
/// than a lost dependency is redone one document at a time, and a document that still fails is dead-lettered and
/// marked linked without stories (its events then stand alone), so the backlog never stalls on it. A sweep links what
/// no message brought (`Settings.sweepSeconds`).
public struct StoryLinkerService: Service {
    public struct Settings: Sendable {
        /// Documents linked together, at most (`--story-batch-size`, `DALA_STORY_BATCH_SIZE`). Default 512.
        public var batchSize = 512
        /// How long a batch waits for more messages after its first (`--story-linger-ms`). Default 500 ms: stories
        /// come that much later, and a busy pipeline fills batches of hundreds (fewer, wider candidate reads).
        public var linger: Duration = .milliseconds(500)
        /// How often the linker also looks for documents that have waited twice that long without being linked
        /// (`--story-sweep-seconds`; 0 turns it off). Default 30 s. Their messages were lost (a broker that keeps
        /// none, like the local one across a restart) or they were enriched by a process that runs no linker.
        public var sweepSeconds = 30
        public init() {}
    }

    let consumer: KafkaConsumer
    let links: StoryLinks
    let deadLetters: DeadLetterPublisher
    let settings: Settings
    let logger: Logger
    let linked = Counter(label: "dala_stories_documents_total", dimensions: [("result", "linked")])
    let skipped = Counter(label: "dala_stories_documents_total", dimensions: [("result", "deadlettered")])
    /// From a document's enrichment to its stories: how far stories lag behind search.
    let lag = Timer(label: "dala_stories_lag_seconds")
    let batchTime = Timer(label: "dala_enrichment_stage_seconds", dimensions: [("stage", "stories")])

    public init(consumer: KafkaConsumer, producer: KafkaProducer, postgres: PostgresClient, settings: Settings, logger: Logger) {
        self.consumer = consumer; self.links = StoryLinks(client: postgres); self.settings = settings; self.logger = logger
        self.deadLetters = DeadLetterPublisher(producer: producer, service: "dala-enrichment", logger: logger)
    }

    public func run() async throws {
        await withTaskGroup(of: Void.self) { tasks in
            if settings.sweepSeconds > 0 { tasks.addTask { await self.sweep() } }
            await consume()
            tasks.cancelAll()
        }
        try await EnrichmentWorker.endConsumption(consumer, name: "story consumer", logger: logger)
    }

    /// Links documents that waited too long (`Settings.sweepSeconds`), until the consumer loop ends.
    func sweep() async {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                try await Task.sleep(for: .seconds(settings.sweepSeconds))
                let ids = try await links.pending(olderThan: 2 * settings.sweepSeconds, limit: settings.batchSize)
                if !ids.isEmpty {
                    logger.warning("linking documents whose message did not come", metadata: ["documents": "\(ids.count)"])
                    _ = await linkRetrying(ids)
                }
            } catch is CancellationError {
                return
            } catch {
                logger.warning("story sweep failed", metadata: [LogKey.error: "\(EnrichmentWorker.describe(error))"])
            }
        }
    }

    func consume() async {
        var iterator = consumer.messages.cancelOnGracefulShutdown().makeAsyncIterator()
        let clock = ContinuousClock()
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            guard let first = await iterator.next() else { break }
            var batch = [first] + consumer.takeBuffered(max: settings.batchSize - 1)
            let deadline = clock.now + settings.linger
            while batch.count < settings.batchSize && clock.now < deadline && !Task.isShuttingDownGracefully {
                try? await Task.sleep(for: .milliseconds(20))
                batch += consumer.takeBuffered(max: settings.batchSize - batch.count)
            }
            await process(batch)
        }
    }

    /// Links one batch and commits it (unless a dead letter could not be sent, or the process is stopping while a
    /// dependency is away: the batch then comes back).
    func process(_ messages: [KafkaMessage]) async {
        var documents: [(message: KafkaMessage, id: UUID)] = [], settled = true
        var stories: [UUID: DocumentStories] = [:]  // a document's last message in the batch is its latest write
        for message in messages {
            do {
                let envelope = try DalaJSON.decode(Envelope<DocumentEnriched>.self, from: message.value)
                guard envelope.type == DocumentEnriched.type, envelope.version == DocumentEnriched.version else {
                    settled = await deadLetter(message, reason: "unsupported message \(envelope.type) v\(envelope.version)") && settled
                    continue
                }
                documents.append((message, envelope.payload.documentID))
                stories[envelope.payload.documentID] = envelope.payload.stories
            } catch {
                settled = await deadLetter(message, reason: "malformed envelope: \(EnrichmentWorker.describe(error))") && settled
            }
        }
        if !documents.isEmpty {
            switch await linkRetrying(documents.map(\.id), stories: stories) {
            case .done: break
            case .stopped: return
            case .failed(let error):
                logger.warning("story linking failed; linking its documents one by one", metadata: [
                    LogKey.error: "\(EnrichmentWorker.describe(error))", "documents": "\(documents.count)"])
                for (message, id) in documents {
                    switch await linkRetrying([id], stories: stories) {
                    case .done: break
                    case .stopped: return
                    case .failed(let error):
                        let reason = "story linking failed: \(EnrichmentWorker.describe(error))"
                        if await deadLetter(message, reason: reason) {
                            do { try await links.skip(document: id); skipped.increment() } catch { settled = false }
                        } else {
                            settled = false
                        }
                    }
                }
            }
        }
        if settled { await EnrichmentWorker.commitLatest(messages, consumer: consumer, logger: logger) }
    }

    enum Result { case done, stopped, failed(any Error) }

    /// Links `ids`, waiting out a database that is away (the linking is idempotent, so redoing it is safe).
    func linkRetrying(_ ids: [UUID], stories: [UUID: DocumentStories] = [:]) async -> Result {
        var transientFailures = 0
        let clock = ContinuousClock()
        while true {
            do {
                let start = clock.now
                let result = try await links.link(documents: ids, stories: stories)
                batchTime.record(clock.now - start)
                linked.increment(by: result.documents.count)
                for s in result.lags { lag.recordNanoseconds(Int64(s * 1e9)) }
                if !result.documents.isEmpty {
                    var meta: Logger.Metadata = ["documents": "\(result.documents.count)", "events": "\(result.events)",
                                                 "messages": "\(ids.count)", "candidates": "\(result.candidateRows)"]
                    for p in result.phases { meta["ms." + p.name] = "\(Int(p.seconds * 1000))" }
                    logger.info("stories linked", metadata: meta)
                }
                return .done
            } catch where EnrichmentWorker.isTransient(error) {
                transientFailures += 1
                logger.warning("dependency unavailable, retrying story linking", metadata: [LogKey.error: "\(error)"])
                if Task.isShuttingDownGracefully || Task.isCancelled { return .stopped }  // not committed: redelivered later
                try? await Task.sleep(for: .milliseconds(min(200 * (1 << min(transientFailures, 6)), 10_000)))
            } catch {
                return .failed(error)
            }
        }
    }

    /// Sends `message` to the dead-letter topic; false when that failed (the message must then come back).
    func deadLetter(_ message: KafkaMessage, reason: String) async -> Bool {
        do {
            try await deadLetters.send(message, reason: reason, attempts: 1)
            return true
        } catch {
            logger.error("dead-lettering failed; the message will be redelivered", metadata: [LogKey.error: "\(error)"])
            return false
        }
    }
}
