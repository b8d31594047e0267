import CRdKafka
import Foundation
import Logging

/// Producer with delivery reports (`acks=all`, `linger.ms=5` by default).
///
/// `send` suspends until the broker acknowledged the message (or it failed); run many sends concurrently,
/// or use `sendBatch`, for throughput: one awaited send at a time is bounded by the round trip.
/// One OS thread per producer serves delivery reports.
public final class KafkaProducer: Sendable {
    /// Producer defaults; `KafkaConfiguration.properties` overrides any of them.
    public static let defaultProperties: [String: String] = [
        // Not idempotent: a broker that lost its state (the local broker keeps it in memory; a restored cluster) no
        // longer knows the producer id, and an idempotent producer then times out every later message until it is
        // recreated (measured with `make chaos`). Every consumer here tolerates a duplicate (at-least-once).
        "enable.idempotence": "false",
        "acks": "all",
        // With linger.ms=0 the local broker gets tiny produce requests: ~5k msg/s instead of ~150k.
        "linger.ms": "5",
        // librdkafka's default (300 s) keeps a caller waiting five minutes when the broker is down.
        "message.timeout.ms": "30000",
        // Topics are created only by CreateTopics (`StartUp.prepare`, `TopicKeeper`), with `--topic-partitions`.
        // librdkafka's producer default (true) let a message still queued from before a broker restart auto-create
        // its topic on the empty broker; a TopicKeeper that had just seen the topic missing then created it again, and
        // the local broker replaced it (new topic id, offsets from 0) while keeping the records written in between:
        // later produces to those offsets failed ("Unknown broker error", the object already exists) and what
        // consumers read there was not what was produced (a new document never enriched; `make chaos`, broker test).
        // A message for a topic that is not there yet waits in the queue (`topic.metadata.propagation.max.ms`, 30 s).
        "allow.auto.create.topics": "false",
    ]

    private let core: ProducerCore

    public init(configuration: KafkaConfiguration, logger: Logger) throws {
        var logger = logger
        logger[metadataKey: KafkaLoggingKeys.clientID] = "\(configuration.clientID)"
        core = try ProducerCore(configuration: configuration, logger: logger)
        let core = self.core
        KafkaThread.detach(name: "kafka-producer-\(configuration.clientID)") { core.run() }
    }

    deinit {
        core.requestShutdown()
    }

    /// Sends one message and returns where it was stored, once the broker acknowledged it.
    @discardableResult
    public func send(
        topic: String, key: [UInt8]?, value: [UInt8], headers: [KafkaHeader] = []
    ) async throws -> (partition: Int32, offset: Int64) {
        let record = KafkaRecord(topic: topic, key: key, value: value, headers: headers)
        while true {
            do {
                let delivery: Delivery = try await withCheckedThrowingContinuation { continuation in
                    if let error = core.enqueue(record, .single(continuation)) {
                        continuation.resume(throwing: error)
                    }
                }
                return (delivery.partition, delivery.offset)
            } catch is QueueFull {
                // The local queue (queue.buffering.max.messages) is full: wait for deliveries to drain it.
                try await Task.sleep(for: .milliseconds(2))
            }
        }
    }

    /// Sends one message but waits at most `timeout` for the acknowledgement: past it, throws `.timeout` while the
    /// message may still be delivered later (callers must tolerate a duplicate, e.g. an outbox that re-publishes).
    @discardableResult
    public func send(
        topic: String, key: [UInt8]?, value: [UInt8], headers: [KafkaHeader] = [], timeout: Duration
    ) async throws -> (partition: Int32, offset: Int64) {
        let record = KafkaRecord(topic: topic, key: key, value: value, headers: headers)
        let core = self.core
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        while true {
            do {
                let delivery: Delivery = try await withCheckedThrowingContinuation { continuation in
                    var id: UInt = 0
                    if let error = core.enqueue(record, .single(continuation), id: &id) {
                        continuation.resume(throwing: error)
                        return
                    }
                    // Whichever comes first, the delivery report or this, resumes the caller (`complete` is once).
                    let pendingID = id
                    DispatchQueue.global().asyncAfter(deadline: .now() + seconds) {
                        core.complete(pendingID, .failure(KafkaError(code: .timeout, message: "no acknowledgement within \(timeout)")))
                    }
                }
                return (delivery.partition, delivery.offset)
            } catch is QueueFull {
                try await Task.sleep(for: .milliseconds(2))
            }
        }
    }

    /// Sends many messages at once and waits for all delivery reports; results are in input order.
    public func sendBatch(_ records: [KafkaRecord]) async -> [Result<(partition: Int32, offset: Int64), KafkaError>] {
        guard !records.isEmpty else { return [] }
        let batch = Batch(count: records.count)
        for (index, record) in records.enumerated() {
            while true {
                guard let error = core.enqueue(record, .batch(batch, index)) else { break }
                if error is QueueFull {
                    try? await Task.sleep(for: .milliseconds(2))
                    continue
                }
                core.completeSynchronously(batch, index, error as? KafkaError
                    ?? KafkaError(code: .delivery, message: "\(error)"))
                break
            }
        }
        let results = await withCheckedContinuation { continuation in
            core.attach(continuation, to: batch)
        }
        return results.map { $0.map { ($0.partition, $0.offset) } }
    }

    /// Waits until every message in flight has been delivered or failed; throws `.timeout` if some remain.
    public func flush(timeout: Duration) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            core.post(.flush(RDKafka.milliseconds(timeout), continuation))
        }
    }

    /// Flushes for at most `flushTimeout`, fails what is left (their `send`s throw), and destroys the
    /// client. Idempotent; the first call's timeout applies.
    public func shutdown(flushTimeout: Duration = .seconds(10)) async {
        await withCheckedContinuation { continuation in
            core.requestShutdown(waiter: continuation, flushTimeoutMs: RDKafka.milliseconds(flushTimeout))
        }
    }

    /// Messages (and requests) librdkafka still holds: queued, in flight or awaiting a delivery report.
    public var inFlightCount: Int { core.pendingCount }
}

/// Where a message was stored.
struct Delivery: Sendable {
    var partition: Int32
    var offset: Int64
}

/// Marker: librdkafka's local queue is full, retry after a short wait.
struct QueueFull: Error {}

/// The shared state of one `sendBatch` call; guarded by the producer core's lock.
final class Batch: @unchecked Sendable {
    var results: [Result<Delivery, KafkaError>?]
    var remaining: Int
    var continuation: CheckedContinuation<[Result<Delivery, KafkaError>], Never>?

    init(count: Int) {
        results = Array(repeating: nil, count: count)
        remaining = count
    }

    /// Records one result; returns the continuation to resume when this was the last one.
    func record(_ index: Int, _ result: Result<Delivery, KafkaError>)
        -> CheckedContinuation<[Result<Delivery, KafkaError>], Never>? {
        results[index] = result
        remaining -= 1
        guard remaining == 0, let continuation else { return nil }
        self.continuation = nil
        return continuation
    }
}

/// The delivery-report callback: served on the producer's poll thread from `rd_kafka_poll`/`rd_kafka_flush`.
/// The message opaque carries the pending id; the core resumes that id's continuation exactly once.
private func deliveryReportCallback(_ rk: OpaquePointer?, _ message: UnsafePointer<rd_kafka_message_t>?,
                                    _ opaque: UnsafeMutableRawPointer?) {
    guard let opaque, let message else { return }
    let core = unsafeDowncast(RDKafkaContext.from(opaque), to: ProducerCore.self)
    let id = UInt(bitPattern: message.pointee._private)
    if message.pointee.err == RD_KAFKA_RESP_ERR_NO_ERROR {
        core.complete(id, .success(Delivery(partition: message.pointee.partition, offset: message.pointee.offset)))
    } else {
        core.complete(id, .failure(KafkaError(code: .delivery, rdKafka: message.pointee.err, context: "delivery failed")))
    }
}

/// Owns one producer handle.
///
/// Confinement: `rd_kafka_producev` is thread-safe and runs on callers' threads, but only under `lock` while
/// `closed` is false; polling, flushing and `rd_kafka_destroy` happen only on the producer's own thread.
final class ProducerCore: RDKafkaContext, @unchecked Sendable {
    enum Pending {
        case single(CheckedContinuation<Delivery, any Error>)
        case batch(Batch, Int)
    }

    enum Command {
        case flush(Int32, CheckedContinuation<Void, any Error>)
    }


    private(set) var handle: OpaquePointer!
    private var mainQueue: OpaquePointer?  // guarded by lock; nil once destroyed
    private let lock = NSLock()
    private var pending: [UInt: Pending] = [:]
    private var nextID: UInt = 1
    private var closed = false
    private var finished = false  // no more commands accepted
    private var destroyed = false
    private var shutdownFlushTimeoutMs: Int32 = 10_000
    private var commands: [Command] = []
    private var shutdownWaiters: [CheckedContinuation<Void, Never>] = []

    init(configuration: KafkaConfiguration, logger: Logger) throws {
        super.init(logger: logger)
        handle = try RDKafka.makeHandle(
            type: RD_KAFKA_PRODUCER, configuration: configuration,
            defaults: KafkaProducer.defaultProperties, context: self
        ) { conf in
            rd_kafka_conf_set_dr_msg_cb(conf, deliveryReportCallback)
        }
        mainQueue = rd_kafka_queue_get_main(handle)
        logger.debug("producer created", metadata: [KafkaLoggingKeys.brokers: "\(configuration.brokers)"])
    }

    var pendingCount: Int {
        lock.withLock { pending.count }
    }

    /// Enqueues one message; returns the error when it was not enqueued (the pending entry is then gone).
    func enqueue(_ record: KafkaRecord, _ entry: Pending) -> (any Error)? {
        var id: UInt = 0
        return enqueue(record, entry, id: &id)
    }

    /// The same, handing back the pending id (for a caller that may complete it early).
    func enqueue(_ record: KafkaRecord, _ entry: Pending, id assigned: inout UInt) -> (any Error)? {
        lock.lock()
        defer { lock.unlock() }
        guard !closed else {
            return KafkaError(code: .shutdown, message: "producer is shut down")
        }
        let id = nextID
        nextID += 1
        assigned = id
        pending[id] = entry

        var headers: OpaquePointer?
        if !record.headers.isEmpty {
            headers = rd_kafka_headers_new(record.headers.count)
            for header in record.headers {
                header.value.withUnsafeBytes { bytes in
                    _ = rd_kafka_header_add(headers, header.key, -1, bytes.baseAddress, bytes.count)
                }
            }
        }
        let err = record.value.withUnsafeBytes { value in
            withOptionalBytes(record.key) { key in
                dala_rd_kafka_produce(
                    handle, record.topic, RD_KAFKA_PARTITION_UA,
                    key?.baseAddress, key?.count ?? 0, value.baseAddress, value.count,
                    headers, UnsafeMutableRawPointer(bitPattern: id)
                )
            }
        }
        guard err != RD_KAFKA_RESP_ERR_NO_ERROR else { return nil }
        // Headers are librdkafka's only when producev succeeded.
        if let headers { rd_kafka_headers_destroy(headers) }
        pending[id] = nil
        if err == RD_KAFKA_RESP_ERR__QUEUE_FULL { return QueueFull() }
        if err == RD_KAFKA_RESP_ERR__FATAL { return fatalError() }
        return KafkaError(code: .delivery, rdKafka: err, context: "cannot enqueue message for \(record.topic)")
    }

    /// The fatal error librdkafka recorded (idempotence violated, ...); the producer cannot continue.
    private func fatalError() -> KafkaError {
        var errstr = [CChar](repeating: 0, count: 512)
        let err = rd_kafka_fatal_error(handle, &errstr, errstr.count)
        let reason = RDKafka.string(errstr)
        return KafkaError(code: .fatal, message: "fatal producer error: \(reason)",
                          librdkafkaError: String(cString: rd_kafka_err2name(err)))
    }

    /// Called from the delivery-report callback (or at shutdown): resumes the pending entry exactly once.
    func complete(_ id: UInt, _ result: Result<Delivery, KafkaError>) {
        lock.lock()
        guard let entry = pending.removeValue(forKey: id) else {
            lock.unlock()
            return
        }
        switch entry {
        case .single(let continuation):
            lock.unlock()
            continuation.resume(with: result.mapError { $0 })
        case .batch(let batch, let index):
            let continuation = batch.record(index, result)
            let results = batch.results
            lock.unlock()
            continuation?.resume(returning: results.map { $0! })
        }
    }

    /// Records a result for a batch message that never reached librdkafka.
    func completeSynchronously(_ batch: Batch, _ index: Int, _ error: KafkaError) {
        lock.withLock { _ = batch.record(index, .failure(error)) }  // no continuation attached yet
    }

    func attach(_ continuation: CheckedContinuation<[Result<Delivery, KafkaError>], Never>, to batch: Batch) {
        lock.lock()
        if batch.remaining == 0 {
            let results = batch.results
            lock.unlock()
            continuation.resume(returning: results.map { $0! })
        } else {
            batch.continuation = continuation
            lock.unlock()
        }
    }

    func post(_ command: Command) {
        lock.lock()
        guard !finished else {
            lock.unlock()
            if case .flush(_, let continuation) = command {
                continuation.resume(throwing: KafkaError(code: .shutdown, message: "producer is shut down"))
            }
            return
        }
        commands.append(command)
        wakeLocked()
        lock.unlock()
    }

    /// Interrupts the poll thread's `rd_kafka_poll` wait; callers hold `lock`.
    private func wakeLocked() {
        if let mainQueue { rd_kafka_queue_yield(mainQueue) }
    }

    func requestShutdown(waiter: CheckedContinuation<Void, Never>? = nil, flushTimeoutMs: Int32? = nil) {
        lock.lock()
        if !closed, let flushTimeoutMs { shutdownFlushTimeoutMs = flushTimeoutMs }
        closed = true
        if destroyed {
            lock.unlock()
            waiter?.resume()
            return
        }
        if let waiter { shutdownWaiters.append(waiter) }
        wakeLocked()
        lock.unlock()
    }

    /// The poll thread: serves delivery reports and commands until shutdown, then tears the handle down.
    func run() {
        while true {
            let (work, stop) = lock.withLock { () -> ([Command], Bool) in
                defer { commands.removeAll() }
                return (commands, closed)
            }
            for command in work {
                switch command {
                case .flush(let timeoutMs, let continuation):
                    let err = rd_kafka_flush(handle, timeoutMs)
                    if err == RD_KAFKA_RESP_ERR_NO_ERROR {
                        continuation.resume()
                    } else {
                        continuation.resume(throwing: KafkaError(
                            code: .timeout, rdKafka: err,
                            context: "flush left \(rd_kafka_outq_len(handle)) messages or requests in flight"))
                    }
                }
            }
            if stop { break }
            rd_kafka_poll(handle, 100)
        }
        tearDown()
    }

    private func tearDown() {
        let flushTimeoutMs = lock.withLock { shutdownFlushTimeoutMs }
        if rd_kafka_flush(handle, flushTimeoutMs) != RD_KAFKA_RESP_ERR_NO_ERROR {
            logger.warning("shutdown flush timed out; purging undelivered messages",
                           metadata: [KafkaLoggingKeys.count: "\(rd_kafka_outq_len(handle))"])
            rd_kafka_purge(handle, Int32(RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT))
            rd_kafka_poll(handle, 0)  // serves the purge delivery reports
        }
        // Anything still pending (e.g. in flight when purged) fails now, so no caller waits forever.
        let (leftovers, commandsLeft) = lock.withLock { () -> ([UInt], [Command]) in
            finished = true
            defer { commands.removeAll() }
            return (Array(pending.keys), commands)
        }
        for id in leftovers {
            complete(id, .failure(KafkaError(code: .shutdown, message: "producer shut down before delivery")))
        }
        for case .flush(_, let continuation) in commandsLeft {
            continuation.resume(throwing: KafkaError(code: .shutdown, message: "producer is shut down"))
        }
        let queue = lock.withLock { () -> OpaquePointer? in
            defer { mainQueue = nil }
            return mainQueue
        }
        if let queue { rd_kafka_queue_destroy(queue) }
        rd_kafka_destroy(handle)
        logger.debug("producer destroyed")
        let waiters = lock.withLock { () -> [CheckedContinuation<Void, Never>] in
            destroyed = true
            defer { shutdownWaiters.removeAll() }
            return shutdownWaiters
        }
        for waiter in waiters { waiter.resume() }
    }
}

/// Lends the bytes of an optional array (nil stays nil, unlike an empty array).
func withOptionalBytes<R>(_ bytes: [UInt8]?, _ body: (UnsafeRawBufferPointer?) -> R) -> R {
    guard let bytes else { return body(nil) }
    return bytes.withUnsafeBytes { body($0) }
}
