import CRdKafka
import Foundation
import Logging

/// A consumer-group member with manual, synchronous offset commits (at-least-once).
///
/// `enable.auto.commit=false` and `enable.auto.offset.store=false`: nothing is committed unless `commit` is
/// called. One OS thread per consumer runs the poll loop, serves rebalances and performs commits; it hands
/// over at most `bufferCapacity` messages ahead of the application, then stops polling until the application
/// takes one (librdkafka's own prefetch is bounded by `queued.max.messages.kbytes`).
public final class KafkaConsumer: Sendable {
    /// Consumer defaults; `KafkaConfiguration.properties` overrides any of them.
    ///
    /// Measured against the local Tansu broker: a JoinGroup waits about half of `session.timeout.ms`
    /// (6 s → first message 3.1 s after start; librdkafka's default 45 s → 23 s), whatever
    /// `max.poll.interval.ms` is (6 s, 10 s and 300 s all joined in 3.1 s). `max.poll.interval.ms` bounds how
    /// long the application may spend on one message while the read-ahead buffer is full, and how long a
    /// stuck member can hold up a rebalance. The eager assignor (librdkafka's default) rebalanced a second
    /// member in ~4 s; `cooperative-sticky` took ~11 s on Tansu.
    public static let defaultProperties: [String: String] = [
        "enable.auto.commit": "false",
        "enable.auto.offset.store": "false",
        "auto.offset.reset": "earliest",
        "session.timeout.ms": "6000",
        "heartbeat.interval.ms": "500",
        "max.poll.interval.ms": "60000",
        // How long the broker may hold a fetch that finds nothing new. librdkafka's 500 ms showed up in freshness on
        // the local broker (documents paced at 50/s waited ~0.2–1 s in the queue; ~0.06–0.2 s at 20 ms). An idle
        // consumer sends up to 20 empty fetches a second per broker at 50 ms.
        "fetch.wait.max.ms": "50",
        // A fetch names its topic by id (Fetch v13+). A topic deleted and re-created (the local broker restarted
        // empty and the TopicKeepers created the topics again) has a new id; a member whose cached metadata still has
        // the old one gets "unknown topic" answers that librdkafka cannot map to a partition and ignores, so it fetches
        // nothing, heartbeating and holding its partitions, until its next periodic metadata refresh: up to 5 minutes
        // with librdkafka's 300 s (the bimodal `make chaos` broker test: 42 s or 85–270 s to recover, new documents
        // stuck). 10 s bounds that window; it costs one metadata request for the subscribed topics per 10 s.
        "topic.metadata.refresh.interval.ms": "10000",
    ]

    private let core: ConsumerCore

    /// Joins `groupID` and subscribes to `topics`. `bufferCapacity` bounds how many messages are read ahead.
    public init(
        configuration: KafkaConfiguration, groupID: String, topics: [String], logger: Logger,
        bufferCapacity: Int = 256
    ) throws {
        var logger = logger
        logger[metadataKey: KafkaLoggingKeys.clientID] = "\(configuration.clientID)"
        logger[metadataKey: KafkaLoggingKeys.group] = "\(groupID)"
        var configuration = configuration
        if configuration.properties["group.id"] == nil { configuration.properties["group.id"] = groupID }
        core = try ConsumerCore(configuration: configuration, topics: topics, logger: logger,
                                capacity: max(1, bufferCapacity))
        let core = self.core
        KafkaThread.detach(name: "kafka-consumer-\(configuration.clientID)") { core.run() }
    }

    deinit {
        core.requestShutdown()
    }

    /// The messages of the subscribed topics, in order per partition; ends after `shutdown()`
    /// (or a fatal client error, see `failure`).
    public var messages: KafkaMessages { KafkaMessages(core: core) }

    /// Up to `max` messages already read ahead, without waiting: after `messages` handed one out, the rest of a
    /// batch. Same order and ownership rules as `messages` (iterate and take from one task).
    public func takeBuffered(max: Int) -> [KafkaMessage] { core.takeBuffered(max) }

    /// Commits `message.offset + 1` for the message's partition and waits for the broker's answer.
    ///
    /// A partition that was revoked in the meantime is skipped without error: its new owner re-reads the
    /// uncommitted messages (at-least-once).
    public func commit(_ message: KafkaMessage) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            core.post(.commit(
                ConsumerCore.PartitionKey(topic: message.topic, partition: message.partition),
                message.offset + 1, continuation))
        }
    }

    /// Leaves the group (within `ConsumerCore.closeTimeout`), ends `messages` and destroys the client.
    /// Messages read ahead but not yet handed out are dropped (they were not committed). Idempotent.
    public func shutdown() async {
        await withCheckedContinuation { continuation in
            core.requestShutdown(waiter: continuation)
        }
    }

    /// Topic → partitions currently assigned to this member.
    public var assignment: [String: [Int32]] { core.currentAssignment }

    /// The fatal error that ended `messages`, if any.
    public var failure: KafkaError? { core.failure }
}

/// The messages a `KafkaConsumer` receives. Iterate it from one task.
public struct KafkaMessages: AsyncSequence, Sendable {
    public typealias Element = KafkaMessage
    let core: ConsumerCore

    public struct AsyncIterator: AsyncIteratorProtocol {
        let core: ConsumerCore

        public mutating func next() async -> KafkaMessage? {
            await core.next()
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(core: core)
    }
}

/// Rebalance callback, served on the consumer's poll thread inside `rd_kafka_consumer_poll` (while it leaves the group,
/// `leaveGroup` takes the same steps from the rebalance event).
private func rebalanceCallback(_ rk: OpaquePointer?, _ err: rd_kafka_resp_err_t,
                               _ partitions: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?,
                               _ opaque: UnsafeMutableRawPointer?) {
    guard let opaque else { return }
    unsafeDowncast(RDKafkaContext.from(opaque), to: ConsumerCore.self).rebalance(err, partitions)
}

/// Owns one consumer handle.
///
/// Confinement: every librdkafka call on `handle` happens on the consumer's poll thread, except
/// `rd_kafka_queue_yield` on `wakeQueue`, which is thread-safe and done under `condition` while the queue
/// exists. The buffer, waiters, commands and assignment are guarded by `condition`.
final class ConsumerCore: RDKafkaContext, @unchecked Sendable {
    struct PartitionKey: Hashable {
        var topic: String
        var partition: Int32
    }

    enum Command {
        case commit(PartitionKey, Int64, CheckedContinuation<Void, any Error>)
    }

    private(set) var handle: OpaquePointer!
    private let capacity: Int
    private let condition = NSCondition()
    private var wakeQueue: OpaquePointer?
    private var buffer: [KafkaMessage] = []
    private var bufferHead = 0
    private var waiters: [(id: UInt64, continuation: CheckedContinuation<KafkaMessage?, Never>)] = []
    private var nextWaiterID: UInt64 = 0
    private var commands: [Command] = []
    private var stopRequested = false
    private var finished = false  // `messages` has ended; no more commands accepted
    private var destroyed = false
    private var shutdownWaiters: [CheckedContinuation<Void, Never>] = []
    private var assigned: Set<PartitionKey> = []
    private var fatal: KafkaError?
    /// The group's rebalance protocol, known from the configured assignors: librdkafka refuses to mix eager and
    /// cooperative ones. Asking `rd_kafka_rebalance_protocol` inside the callback can block for ever while the
    /// consumer closes (librdkafka issue 4041).
    private let cooperative: Bool
    /// Longest wait for leaving the group at shutdown; past it the client is destroyed without the close (its
    /// partitions go to the others after `session.timeout.ms`, and uncommitted messages are read again).
    static let closeTimeout: TimeInterval = 10

    init(configuration: KafkaConfiguration, topics: [String], logger: Logger, capacity: Int) throws {
        self.capacity = capacity
        let strategy = configuration.properties["partition.assignment.strategy"]
            ?? KafkaConsumer.defaultProperties["partition.assignment.strategy"] ?? ""
        cooperative = strategy.contains("cooperative")
        super.init(logger: logger)
        handle = try RDKafka.makeHandle(
            type: RD_KAFKA_CONSUMER, configuration: configuration,
            defaults: KafkaConsumer.defaultProperties, context: self
        ) { conf in
            rd_kafka_conf_set_rebalance_cb(conf, rebalanceCallback)
        }
        // Route client events (errors, logs) to the consumer queue, so consumer_poll serves them.
        rd_kafka_poll_set_consumer(handle)
        let list = rd_kafka_topic_partition_list_new(Int32(topics.count))
        for topic in topics {
            rd_kafka_topic_partition_list_add(list, topic, RD_KAFKA_PARTITION_UA)
        }
        let err = rd_kafka_subscribe(handle, list)
        rd_kafka_topic_partition_list_destroy(list)
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR else {
            rd_kafka_destroy(handle)
            throw KafkaError(code: .configuration, rdKafka: err, context: "cannot subscribe to \(topics)")
        }
        wakeQueue = rd_kafka_queue_get_consumer(handle)
        logger.debug("consumer subscribed", metadata: [KafkaLoggingKeys.topic: "\(topics)"])
    }

    var currentAssignment: [String: [Int32]] {
        condition.withLock {
            Dictionary(grouping: assigned, by: \.topic).mapValues { $0.map(\.partition).sorted() }
        }
    }

    var failure: KafkaError? { condition.withLock { fatal } }

    // MARK: Application side

    func next() async -> KafkaMessage? {
        enum Immediate { case message(KafkaMessage), end, wait(UInt64) }
        let immediate = condition.withLock { () -> Immediate in
            if let message = popLocked() { return .message(message) }
            if finished { return .end }
            nextWaiterID += 1
            return .wait(nextWaiterID)
        }
        let id: UInt64
        switch immediate {
        case .message(let message): return message
        case .end: return nil
        case .wait(let waiterID): id = waiterID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                condition.lock()
                if let message = popLocked() {
                    condition.unlock()
                    continuation.resume(returning: message)
                } else if finished || Task.isCancelled {
                    condition.unlock()
                    continuation.resume(returning: nil)
                } else {
                    waiters.append((id, continuation))
                    condition.unlock()
                }
            }
        } onCancel: {
            condition.lock()
            let index = waiters.firstIndex(where: { $0.id == id })
            let waiter = index.map { waiters.remove(at: $0) }
            condition.unlock()
            waiter?.continuation.resume(returning: nil)
        }
    }

    func takeBuffered(_ max: Int) -> [KafkaMessage] {
        condition.withLock {
            var taken: [KafkaMessage] = []
            while taken.count < max, let message = popLocked() { taken.append(message) }
            return taken
        }
    }

    /// Takes the oldest buffered message; wakes the poll thread when that makes room. Caller holds the lock.
    private func popLocked() -> KafkaMessage? {
        guard bufferHead < buffer.count else { return nil }
        let message = buffer[bufferHead]
        bufferHead += 1
        if bufferHead == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            bufferHead = 0
        }
        if buffer.count - bufferHead == capacity - 1 { condition.signal() }  // room again for the poll thread
        return message
    }

    func post(_ command: Command) {
        condition.lock()
        guard !finished else {
            condition.unlock()
            if case .commit(_, _, let continuation) = command {
                continuation.resume(throwing: KafkaError(code: .shutdown, message: "consumer is shut down"))
            }
            return
        }
        commands.append(command)
        wakeLocked()
        condition.unlock()
    }

    func requestShutdown(waiter: CheckedContinuation<Void, Never>? = nil) {
        condition.lock()
        stopRequested = true
        if destroyed {
            condition.unlock()
            waiter?.resume()
            return
        }
        if let waiter { shutdownWaiters.append(waiter) }
        wakeLocked()
        condition.unlock()
    }

    /// Interrupts a blocking `rd_kafka_consumer_poll`; caller holds the lock.
    private func wakeLocked() {
        if let wakeQueue { rd_kafka_queue_yield(wakeQueue) }
        condition.signal()
    }

    // MARK: Poll thread

    func run() {
        while true {
            condition.lock()
            // Full buffer: stop calling consumer_poll until the reader takes a message (or a command arrives).
            // Like a plain poll/process loop, the gap between polls is then one message's handling time,
            // which must stay below max.poll.interval.ms.
            if commands.isEmpty, !stopRequested, fatal == nil, buffer.count - bufferHead >= capacity {
                _ = condition.wait(until: Date(timeIntervalSinceNow: 0.1))
            }
            let work = commands
            commands.removeAll()
            let stop = stopRequested || fatal != nil
            let full = buffer.count - bufferHead >= capacity
            condition.unlock()

            if !work.isEmpty { performCommits(work) }
            if stop { break }
            if full { continue }
            guard let message = rd_kafka_consumer_poll(handle, 100) else { continue }
            handle(message)
            rd_kafka_message_destroy(message)
        }
        tearDown()
    }

    private func handle(_ message: UnsafeMutablePointer<rd_kafka_message_t>) {
        let err = message.pointee.err
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR else {
            switch err {
            case RD_KAFKA_RESP_ERR__PARTITION_EOF:
                return
            case RD_KAFKA_RESP_ERR__FATAL:
                var errstr = [CChar](repeating: 0, count: 512)
                let fatalErr = rd_kafka_fatal_error(handle, &errstr, errstr.count)
                let error = KafkaError(
                    code: .fatal, message: "fatal consumer error: \(RDKafka.string(errstr))",
                    librdkafkaError: String(cString: rd_kafka_err2name(fatalErr)))
                logger.critical("\(error)")
                condition.withLock { fatal = error }
            default:
                // Per-partition or transient errors (unknown topic, broker down): librdkafka keeps retrying.
                let topic = message.pointee.rkt.map { String(cString: rd_kafka_topic_name($0)) } ?? ""
                let detail = rd_kafka_message_errstr(message).map { String(cString: $0) } ?? ""
                logger.warning("consumer error: \(detail)", metadata: [
                    KafkaLoggingKeys.error: "\(String(cString: rd_kafka_err2name(err)))",
                    KafkaLoggingKeys.topic: "\(topic)",
                ])
            }
            return
        }
        let copy = Self.copy(message)
        condition.lock()
        if waiters.isEmpty {
            buffer.append(copy)
            condition.unlock()
        } else {
            let waiter = waiters.removeFirst()
            condition.unlock()
            waiter.continuation.resume(returning: copy)
        }
    }

    /// Copies a message out of librdkafka's memory.
    private static func copy(_ message: UnsafeMutablePointer<rd_kafka_message_t>) -> KafkaMessage {
        let m = message.pointee
        let key = m.key.map { Array(UnsafeRawBufferPointer(start: $0, count: m.key_len)) }
        let value = m.payload.map { Array(UnsafeRawBufferPointer(start: $0, count: m.len)) } ?? []
        var headers: [KafkaHeader] = []
        var hdrs: OpaquePointer?
        if rd_kafka_message_headers(message, &hdrs) == RD_KAFKA_RESP_ERR_NO_ERROR, let hdrs {
            var index = 0
            var name: UnsafePointer<CChar>?
            var bytes: UnsafeRawPointer?
            var size = 0
            while rd_kafka_header_get_all(hdrs, index, &name, &bytes, &size) == RD_KAFKA_RESP_ERR_NO_ERROR {
                let value = bytes.map { Array(UnsafeRawBufferPointer(start: $0, count: size)) } ?? []
                headers.append(KafkaHeader(key: name.map { String(cString: $0) } ?? "", value: value))
                index += 1
            }
        }
        var timestampType = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE
        let ms = rd_kafka_message_timestamp(message, &timestampType)
        return KafkaMessage(
            topic: m.rkt.map { String(cString: rd_kafka_topic_name($0)) } ?? "",
            partition: m.partition, offset: m.offset, key: key, value: value, headers: headers,
            timestamp: ms >= 0 ? Date(timeIntervalSince1970: Double(ms) / 1000) : nil
        )
    }

    /// Commits the highest requested offset per partition in one synchronous request.
    private func performCommits(_ work: [Command]) {
        var offsets: [PartitionKey: Int64] = [:]
        var continuations: [CheckedContinuation<Void, any Error>] = []
        for case .commit(let key, let offset, let continuation) in work {
            offsets[key] = max(offsets[key] ?? -1, offset)
            continuations.append(continuation)
        }
        let owned = condition.withLock { assigned }
        let (mine, revoked) = offsets.reduce(into: ([PartitionKey: Int64](), [PartitionKey]())) { acc, entry in
            if owned.contains(entry.key) { acc.0[entry.key] = entry.value } else { acc.1.append(entry.key) }
        }
        for key in revoked {
            logger.info("not committing: partition no longer assigned", metadata: [
                KafkaLoggingKeys.topic: "\(key.topic)", KafkaLoggingKeys.partition: "\(key.partition)",
            ])
        }
        var result: Result<Void, KafkaError> = .success(())
        if !mine.isEmpty {
            let list = rd_kafka_topic_partition_list_new(Int32(mine.count))!
            for (key, offset) in mine {
                rd_kafka_topic_partition_list_add(list, key.topic, key.partition).pointee.offset = offset
            }
            let err = rd_kafka_commit(handle, list, 0)
            if err != RD_KAFKA_RESP_ERR_NO_ERROR {
                result = .failure(KafkaError(code: .commit, rdKafka: err, context: "offset commit failed"))
            } else if let elems = list.pointee.elems,
                      let bad = (0..<Int(list.pointee.cnt)).first(where: { elems[$0].err != RD_KAFKA_RESP_ERR_NO_ERROR }) {
                result = .failure(KafkaError(
                    code: .commit, rdKafka: elems[bad].err,
                    context: "offset commit failed for \(String(cString: elems[bad].topic))[\(elems[bad].partition)]"))
            }
            rd_kafka_topic_partition_list_destroy(list)
        }
        for continuation in continuations { continuation.resume(with: result.mapError { $0 }) }
    }

    func rebalance(_ err: rd_kafka_resp_err_t, _ partitions: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?) {
        let changed = Set(RDKafka.partitions(partitions).map { PartitionKey(topic: $0.topic, partition: $0.partition) })
        switch err {
        case RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS:
            if cooperative {
                if let error = rd_kafka_incremental_assign(handle, partitions) { logAndDestroy(error, "incremental assign") }
            } else {
                rd_kafka_assign(handle, partitions)
            }
            condition.withLock {
                if cooperative { assigned.formUnion(changed) } else { assigned = changed }
            }
            logger.info("partitions assigned", metadata: [KafkaLoggingKeys.assignment: "\(describe(changed))"])
        case RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS:
            if rd_kafka_assignment_lost(handle) != 0 {
                logger.warning("assignment lost (session timed out?)", metadata: [
                    KafkaLoggingKeys.assignment: "\(describe(changed))"])
            }
            if cooperative {
                if let error = rd_kafka_incremental_unassign(handle, partitions) { logAndDestroy(error, "incremental unassign") }
            } else {
                rd_kafka_assign(handle, nil)
            }
            condition.withLock {
                if cooperative { assigned.subtract(changed) } else { assigned.removeAll() }
                // Read-ahead messages of revoked partitions go to their next owner; never hand them out.
                let kept = buffer[bufferHead...].filter { assigned.contains(PartitionKey(topic: $0.topic, partition: $0.partition)) }
                buffer = Array(kept)
                bufferHead = 0
            }
            logger.info("partitions revoked", metadata: [KafkaLoggingKeys.assignment: "\(describe(changed))"])
        default:
            rd_kafka_assign(handle, nil)
            condition.withLock { assigned.removeAll() }
            logger.error("rebalance error", metadata: [KafkaLoggingKeys.error: "\(String(cString: rd_kafka_err2name(err)))"])
        }
    }

    /// Leaves the group (revoking from the rebalance event, on this thread) within `closeTimeout`:
    /// `rd_kafka_consumer_close` alone can wait for ever on a broker that stopped answering mid-join.
    private func leaveGroup() -> Bool {
        let queue = rd_kafka_queue_new(handle)
        defer { rd_kafka_queue_destroy(queue) }
        if let error = rd_kafka_consumer_close_queue(handle, queue) {
            logAndDestroy(error, "consumer close")
            return false
        }
        let deadline = Date(timeIntervalSinceNow: Self.closeTimeout)
        // Served as events, not callbacks: the consumer's queue (read-ahead messages included) now forwards here,
        // and serving a message as a callback aborts inside librdkafka. The revocation is done here as in the
        // callback; everything else is dropped (uncommitted messages are read again by the next member).
        while rd_kafka_consumer_closed(handle) == 0, Date() < deadline {
            guard let event = rd_kafka_queue_poll(queue, 100) else { continue }
            if rd_kafka_event_type(event) == RD_KAFKA_EVENT_REBALANCE {
                rebalance(rd_kafka_event_error(event), rd_kafka_event_topic_partition_list(event))
            }
            rd_kafka_event_destroy(event)
        }
        if rd_kafka_consumer_closed(handle) == 0 {
            logger.warning("consumer did not leave its group within \(Int(Self.closeTimeout)) s; destroyed without leaving")
            return false
        }
        return true
    }

    private func logAndDestroy(_ error: OpaquePointer, _ what: String) {
        logger.error("\(what) failed: \(String(cString: rd_kafka_error_string(error)))")
        rd_kafka_error_destroy(error)
    }

    private func describe(_ partitions: Set<PartitionKey>) -> String {
        Dictionary(grouping: partitions, by: \.topic)
            .map { "\($0.key)\($0.value.map(\.partition).sorted())" }.sorted().joined(separator: " ")
    }

    private func tearDown() {
        let closed = leaveGroup()
        condition.lock()
        finished = true
        let left = commands
        commands.removeAll()
        let pendingWaiters = waiters
        waiters.removeAll()
        buffer.removeAll()
        bufferHead = 0
        let queue = wakeQueue
        wakeQueue = nil
        condition.unlock()
        for case .commit(_, _, let continuation) in left {
            continuation.resume(throwing: KafkaError(code: .shutdown, message: "consumer shut down before commit"))
        }
        for waiter in pendingWaiters { waiter.continuation.resume(returning: nil) }
        if let queue { rd_kafka_queue_destroy(queue) }
        if closed { rd_kafka_destroy(handle) } else { rd_kafka_destroy_flags(handle, RD_KAFKA_DESTROY_F_NO_CONSUMER_CLOSE) }
        logger.debug("consumer destroyed")
        let shutdown = condition.withLock { () -> [CheckedContinuation<Void, Never>] in
            destroyed = true
            defer { shutdownWaiters.removeAll() }
            return shutdownWaiters
        }
        for waiter in shutdown { waiter.resume() }
    }
}
