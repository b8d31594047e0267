import DalaAnalysis
import DalaCore
import DalaKafka
import DalaService
import DalaStorage
import Foundation
import Logging
import Metrics
import ServiceLifecycle

/// The consumer loop in batches: what the consumer has read ahead (up to `batchSize` messages, `batchCharacters` of
/// text) is counted as one attempt per document and loaded in one statement, analysed in one hop to the analysis
/// thread, written in one transaction, announced with one produce call and committed with one offset commit per
/// partition. Analysis of the next batch overlaps the write of the previous one (at most one write in flight, so
/// offsets are still committed in order, each after the write that covers it).
///
/// Anything unusual goes through `handle`, one message at a time, exactly as without batching: a malformed message,
/// a document that does not exist, and a document with an unfinished attempt (a worker died or failed on it, perhaps
/// because of it). After a crash, the documents of the batch it interrupted are therefore retried one by one, so a
/// document that crashes the worker is recognised by its own attempt count and dead-lettered, and the others are not
/// charged for it. A batch whose write fails is redone one message at a time for the same reason.
extension EnrichmentWorker {
    /// Messages ready to be written together.
    struct Prepared: Sendable {
        var messages: [(message: KafkaMessage, id: UUID)]
        var documents: [DocumentForEnrichment]
    }

    /// Analysed, waiting for the write.
    struct Analysed: Sendable {
        var messages: [(message: KafkaMessage, id: UUID)]
        var replacements: [AnnotationStore.Replacement]
        var rows: AnnotationStore.PreparedReplacements
    }

    enum Step: Sendable {
        case batch(Prepared)
        case oneByOne([KafkaMessage])
    }

    func consumeInBatches() async throws {
        var iterator = consumer.messages.cancelOnGracefulShutdown().makeAsyncIterator()
        var carried: [KafkaMessage] = []  // read but not yet planned (cut from the previous batch)
        try await withThrowingTaskGroup(of: Void.self) { writes in
            while !Task.isShuttingDownGracefully && !Task.isCancelled {
                if carried.isEmpty {
                    guard let first = await iterator.next() else { break }
                    carried = [first]
                }
                carried += consumer.takeBuffered(max: max(0, settings.batchSize - carried.count))
                let clock = ContinuousClock(), planStart = clock.now
                let (step, rest) = await plan(carried)
                carried = rest
                switch step {
                case .oneByOne(let messages):
                    _ = try await writes.next()  // the previous batch's offsets first
                    for message in messages { await handle(message) }
                case .batch(let prepared):
                    stageTimers.prepare.record(clock.now - planStart)
                    let analysed = try await analyse(prepared)  // overlaps the previous batch's write
                    _ = try await writes.next()
                    writes.addTask { await self.write(analysed) }
                }
            }
            try await writes.waitForAll()
        }
    }

    /// Cuts the longest prefix of `messages` that can go as one batch; the rest is carried to the next round.
    func plan(_ messages: [KafkaMessage]) async -> (Step, [KafkaMessage]) {
        let alone = { (Step.oneByOne([messages[0]]), Array(messages.dropFirst())) }
        var decoded: [(message: KafkaMessage, id: UUID)] = []
        for message in messages {
            guard let id = Self.documentID(message) else { break }
            decoded.append((message, id))
        }
        guard settings.batchSize > 1, decoded.count > 1 else { return alone() }
        let ids = Array(Set(decoded.map(\.id)))
        guard let candidates = try? await documents.enrichmentCandidates(ids) else { return alone() }  // `handle` waits for the database
        var cut = 0, characters = 0, taken = Set<UUID>()
        for (_, id) in decoded {
            guard let candidate = candidates[id], candidate.attempts == 0, !candidate.needsOCR else { break }
            if taken.insert(id).inserted {
                if cut > 0 && characters + candidate.characters > settings.batchCharacters { break }
                characters += candidate.characters
            }
            cut += 1
        }
        guard cut > 1 else { return alone() }
        let batch = Array(decoded[..<cut]), rest = Array(messages[cut...])
        do {
            let docs = try await documents.beginBatch(Array(taken))
            // Another worker started one of them in the meantime (a rebalance, a reprocess): the careful way for all.
            guard docs.count == taken.count else { return (.oneByOne(batch.map(\.message)), rest) }
            return (.batch(Prepared(messages: batch, documents: docs)), rest)
        } catch {
            return (.oneByOne(batch.map(\.message)), rest)
        }
    }

    func analyse(_ prepared: Prepared) async throws -> Analysed {
        let pipeline = self.pipeline, docs = prepared.documents
        let clock = ContinuousClock(), start = clock.now
        let (replacements, rows) = try await cpu.run {
            // Each document's rows go into COPY text piece by piece (a long document's rows never exist at once).
            let items = docs.map { doc in
                let started = Date()
                var rows = AnnotationStore.DocumentRows(documentID: doc.id)
                let summary = pipeline.annotationPieces(of: doc.text, documentDate: doc.published) { rows.append($0) }
                return (replacement: AnnotationStore.Replacement(documentID: doc.id, summary: summary, rows: rows, startedAt: started),
                        rows: rows)
            }
            return (items.map(\.replacement), AnnotationStore.PreparedReplacements(items))
        }
        stageTimers.analyse.record(clock.now - start)
        return Analysed(messages: prepared.messages, replacements: replacements, rows: rows)
    }

    /// Writes, announces and commits one batch; falls back to one message at a time if the write fails for good.
    func write(_ batch: Analysed) async {
        var transientFailures = 0
        let clock = ContinuousClock()
        while true {
            do {
                var t = clock.now
                let written = try await annotations.replaceManyWithStories(batch.rows, worker: settings.workerName)
                stageTimers.write.record(clock.now - t)
                var settled = true
                for (message, id) in batch.messages where written[id] == nil {
                    let outcome = await deadLetter(message, reason: "document \(id.lowercasedString) was deleted during enrichment",
                                                   attempts: 1, documentID: nil)
                    if case .handBack = outcome { settled = false }
                }
                t = clock.now
                let finished = Date()
                let records = try batch.replacements.filter { written[$0.documentID] != nil }.map { r in
                    let set = r.annotations, n = r.counts, ms = finished.timeIntervalSince(r.startedAt) * 1000
                    duration.recordMilliseconds(ms)
                    let enriched = DocumentEnriched(documentID: r.documentID, extractorVersion: set.extractorVersion, language: set.language,
                                                    sentences: n.sentences, entities: n.entities,
                                                    mentions: n.mentions, events: n.events, durationMS: ms,
                                                    stories: written[r.documentID] ?? nil)
                    let envelope = Envelope(type: DocumentEnriched.type, version: DocumentEnriched.version, producer: "dala-enrichment",
                                            payload: enriched)
                    return KafkaRecord(topic: Topics.enriched, key: MessageKey.document(r.documentID), value: try DalaJSON.encode(envelope))
                }
                for result in await producer.sendBatch(records) { if case .failure(let error) = result { throw error } }
                stageTimers.publish.record(clock.now - t)
                processed.increment(by: written.count)
                if settled {
                    t = clock.now
                    await commit(batch.messages.map(\.message))
                    stageTimers.commit.record(clock.now - t)
                }
                logger.info("batch enriched", metadata: [
                    "documents": "\(written.count)", "messages": "\(batch.messages.count)",
                    LogKey.duration: "\(Int(finished.timeIntervalSince(batch.replacements.map(\.startedAt).min() ?? finished) * 1000))",
                ])
                return
            } catch where Self.isTransient(error) {
                // The database or broker is away: wait for it (the write is idempotent, so redoing it is safe).
                transientFailures += 1
                logger.warning("dependency unavailable, retrying batch", metadata: [LogKey.error: "\(error)"])
                if Task.isShuttingDownGracefully || Task.isCancelled { return }  // not committed: redelivered later
                try? await Task.sleep(for: .milliseconds(min(200 * (1 << min(transientFailures, 6)), 10_000)))
            } catch {
                logger.warning("batch write failed; retrying its messages one by one", metadata: [
                    LogKey.error: "\(Self.describe(error))", "messages": "\(batch.messages.count)"])
                for (message, _) in batch.messages { await handle(message) }
                return
            }
        }
    }

    /// Commits the highest offset of each partition in `messages` (one request: the consumer merges concurrent commits).
    func commit(_ messages: [KafkaMessage]) async {
        await Self.commitLatest(messages, consumer: consumer, logger: logger)
    }

    /// Commits the highest offset of each partition in `messages` on `consumer` (the story linker's too).
    static func commitLatest(_ messages: [KafkaMessage], consumer: KafkaConsumer, logger: Logger) async {
        var last: [String: KafkaMessage] = [:]
        for m in messages {
            let key = "\(m.topic)/\(m.partition)"
            if let seen = last[key], seen.offset >= m.offset { continue }
            last[key] = m
        }
        await withTaskGroup(of: Void.self) { group in
            for message in last.values {
                group.addTask {
                    do { try await consumer.commit(message) } catch {
                        // Rewriting is idempotent, so a lost commit only costs a redelivery.
                        logger.warning("offset commit failed", metadata: [LogKey.error: "\(error)"])
                    }
                }
            }
        }
    }

    /// The document a well-formed `DocumentIngested` message names; nil for anything `handle` must look at.
    static func documentID(_ message: KafkaMessage) -> UUID? {
        guard let envelope = try? DalaJSON.decode(Envelope<DocumentIngested>.self, from: message.value),
              envelope.type == DocumentIngested.type, envelope.version == DocumentIngested.version else { return nil }
        return envelope.payload.documentID
    }
}

/// Worker time per stage and batch (`dala_enrichment_stage_seconds{stage=…}`): where a batch's time goes.
struct StageTimers: Sendable {
    let prepare = Timer(label: "dala_enrichment_stage_seconds", dimensions: [("stage", "prepare")])
    let analyse = Timer(label: "dala_enrichment_stage_seconds", dimensions: [("stage", "analyse")])
    let write = Timer(label: "dala_enrichment_stage_seconds", dimensions: [("stage", "write")])
    let publish = Timer(label: "dala_enrichment_stage_seconds", dimensions: [("stage", "publish")])
    let commit = Timer(label: "dala_enrichment_stage_seconds", dimensions: [("stage", "commit")])
}

extension Timer {
    func record(_ d: Duration) {
        recordNanoseconds(d.components.seconds * 1_000_000_000 + d.components.attoseconds / 1_000_000_000)
    }
}
