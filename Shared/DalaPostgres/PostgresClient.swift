import Foundation
import Logging
import NIOPosix

/// Metadata keys of this module's log lines.
enum PostgresLogKey {
    static let url = "db.url"
    static let poolSize = "db.pool.size"
    static let connection = "db.connection.id"
    static let error = "db.error"
    static let severity = "db.notice.severity"
    static let message = "db.notice.message"
}

/// Connection pool over libpq. Each pooled connection owns a dedicated OS thread, so blocking libpq calls never
/// run on Swift's cooperative pool. Connections are opened lazily: a client can be created before the server is up.
///
/// A connection that broke (server restart, terminated backend) is reset before its next use, and a call is
/// retried once on a fresh connection when it failed on a broken connection before any of its statements
/// succeeded (so a transaction is retried only if BEGIN itself failed). Otherwise callers get `.connectionFailed`.
///
/// Cancellation: cancelling the caller's task while it waits for a connection ends the wait, and while its
/// statement runs sends a cancel request to the server and starts no further statement; the call then throws
/// `CancellationError` (a transaction is rolled back). A call made by a task that was already cancelled runs
/// normally, so shutdown paths can still write.
public final class PostgresClient: Sendable {
    public let configuration: PostgresConfiguration
    private let logger: Logger
    private let state = Locked(PoolState())

    struct PoolState {
        var all: [PoolSlot] = []
        var idle: [PoolSlot] = []
        var waiters: [(id: UInt64, continuation: CheckedContinuation<PoolSlot, any Error>)] = []
        var nextWaiterID: UInt64 = 0
        var closed = false
    }

    /// Creates the pool; no connection is opened until the first call.
    public init(configuration: PostgresConfiguration, logger: Logger = Logger(label: "dala.postgres")) {
        self.configuration = configuration
        var logger = logger
        logger[metadataKey: PostgresLogKey.url] = .string(configuration.redactedURL)
        self.logger = logger
    }

    deinit {
        // Not shut down: stop the threads without waiting so they do not outlive the client forever.
        for slot in state.withLock({ $0.all }) { slot.closeDetached() }
    }

    private var poolSize: Int { max(1, configuration.poolSize) }

    /// Runs one statement and returns its rows.
    public func query(_ q: PostgresQuery) async throws -> [PostgresRow] {
        try await withConnection { try $0.query(q) }
    }

    /// Runs one statement and returns the number of affected rows.
    @discardableResult
    public func execute(_ q: PostgresQuery) async throws -> Int {
        try await withConnection { try $0.execute(q) }
    }

    /// Leases a connection and runs `body` on its thread (one hop: batch work inside the closure).
    /// `body` may run twice: when its first statement found the connection broken, it is run again on a fresh
    /// connection, so keep side effects other than the database's inside the transaction or after the call.
    public func withConnection<T: Sendable>(_ body: @Sendable (PostgresConnection) throws -> T) async throws -> T {
        try await run(transaction: false, body)
    }

    /// Like `withConnection`, inside BEGIN/COMMIT; ROLLBACK when `body` throws.
    public func withTransaction<T: Sendable>(_ body: @Sendable (PostgresConnection) throws -> T) async throws -> T {
        try await run(transaction: true, body)
    }

    /// A snapshot of the pool, for health and metrics endpoints.
    public var poolStatistics: PostgresPoolStatistics {
        state.withLock { s in
            PostgresPoolStatistics(
                poolSize: poolSize, connections: s.all.count, idle: s.idle.count,
                leased: s.all.count - s.idle.count, waiting: s.waiters.count)
        }
    }

    /// `SELECT 1`, for readiness checks.
    public func ping() async throws {
        _ = try await query("SELECT 1")
    }

    /// Fails waiting callers with `.poolClosed`, lets running calls finish, closes every connection and
    /// waits for the connection threads to exit. Later calls fail with `.poolClosed`.
    public func shutdown() async {
        let (waiters, slots) = state.withLock { s in
            let waiters = s.waiters
            s.waiters = []
            s.closed = true
            return (waiters, s.all)
        }
        for waiter in waiters { waiter.continuation.resume(throwing: Self.closedError) }
        for slot in slots { await slot.close() }
    }

    private static let closedError = PostgresError(code: .poolClosed, message: "the PostgreSQL client was shut down")

    private func run<T: Sendable>(transaction: Bool, _ body: @Sendable (PostgresConnection) throws -> T) async throws
        -> T
    {
        let slot = try await lease()
        defer { giveBack(slot) }
        // The job finishes before `perform` returns, so the closure never actually outlives this call.
        return try await withoutActuallyEscaping(body) { body in
            try await slot.perform { try $0.runLease(transaction: transaction, body) }
        }
    }

    // MARK: - Pool

    private func lease() async throws -> PoolSlot {
        let immediate: PoolSlot? = try state.withLock { s in
            if s.closed { throw Self.closedError }
            if let slot = s.idle.popLast() { return slot }
            if s.all.count < poolSize {
                let slot = PoolSlot(id: s.all.count, configuration: configuration, logger: logger)
                s.all.append(slot)
                return slot
            }
            return nil
        }
        if let immediate { return immediate }

        let id = state.withLock { s in
            s.nextWaiterID += 1
            return s.nextWaiterID
        }
        // Cancellation that arrives while waiting ends the wait; a task that was already cancelled waits
        // normally, the same rule as for a running statement (see `PoolSlot.perform`).
        let cancellable = !Task.isCancelled
        let wait = {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<PoolSlot, any Error>) in
                enum Outcome { case queued, cancelled, closed, slot(PoolSlot) }
                let outcome: Outcome = self.state.withLock { s in
                    if s.closed { return .closed }
                    // Checked under the lock: if the cancel handler already ran, it found nothing to remove.
                    if cancellable && Task.isCancelled { return .cancelled }
                    if let slot = s.idle.popLast() { return .slot(slot) }
                    s.waiters.append((id, continuation))
                    return .queued
                }
                switch outcome {
                case .queued: break
                case .cancelled: continuation.resume(throwing: CancellationError())
                case .closed: continuation.resume(throwing: Self.closedError)
                case .slot(let slot): continuation.resume(returning: slot)
                }
            }
        }
        guard cancellable else { return try await wait() }
        return try await withTaskCancellationHandler(operation: wait, onCancel: {
            let continuation = self.state.withLock { s in
                s.waiters.firstIndex { $0.id == id }.map { s.waiters.remove(at: $0).continuation }
            }
            continuation?.resume(throwing: CancellationError())
        })
    }

    private func giveBack(_ slot: PoolSlot) {
        // FIFO: the longest waiter gets the connection.
        let waiter = state.withLock { s -> CheckedContinuation<PoolSlot, any Error>? in
            if !s.waiters.isEmpty { return s.waiters.removeFirst().continuation }
            s.idle.append(slot)
            return nil
        }
        waiter?.resume(returning: slot)
    }
}

/// Pool occupancy at one moment.
public struct PostgresPoolStatistics: Sendable, Equatable {
    /// Configured maximum number of connections.
    public var poolSize: Int
    /// Connection slots created so far (each with its thread); they are created on demand.
    public var connections: Int
    /// Slots free for the next caller.
    public var idle: Int
    /// Slots in use by a call.
    public var leased: Int
    /// Callers waiting for a slot.
    public var waiting: Int

    public init(poolSize: Int, connections: Int, idle: Int, leased: Int, waiting: Int) {
        self.poolSize = poolSize
        self.connections = connections
        self.idle = idle
        self.leased = leased
        self.waiting = waiting
    }
}

/// One pooled connection and the OS thread it lives on.
final class PoolSlot: @unchecked Sendable {
    // Confinement: `connection` is read and written only on `thread`, and the slot is leased to one caller
    // at a time; `id`, `configuration` and `logger` are immutable.
    let id: Int
    private let configuration: PostgresConfiguration
    private let logger: Logger
    private let thread: ConnectionThread
    private var connection: PostgresConnection?
    private let canceller = StatementCanceller()

    init(id: Int, configuration: PostgresConfiguration, logger: Logger) {
        self.id = id
        self.configuration = configuration
        var logger = logger
        logger[metadataKey: PostgresLogKey.connection] = .stringConvertible(id)
        self.logger = logger
        thread = ConnectionThread(name: "dala-pg-\(id)")
    }

    /// Runs `work` on the slot's thread and waits for it without blocking the caller's thread.
    ///
    /// If the caller's task is cancelled while `work` runs, the running statement is cancelled on the server and
    /// no further statement starts; the call then throws `CancellationError`. A call made by a task that was
    /// already cancelled runs normally, so shutdown paths can still write.
    func perform<T: Sendable>(_ work: @escaping @Sendable (PoolSlot) throws -> T) async throws -> T {
        let cancellable = !Task.isCancelled
        let lease = canceller.arm()
        // A caller on an event loop (services that run Swift concurrency on NIO's loops) continues on that loop,
        // the one its HTTP connection lives on: no further hop to write the response.
        let home = MultiThreadedEventLoopGroup.currentEventLoop
        let submit = {
            try await withCheckedThrowingContinuation { continuation in
                let accepted = self.thread.submit {
                    let result = Result { try work(self) }
                    // Resumed by the thread after it dropped this job (and with it `work`), see ConnectionThread.
                    guard let home else { return { continuation.resume(with: result) } }
                    return { home.execute { continuation.resume(with: result) } }
                }
                if !accepted {
                    continuation.resume(
                        throwing: PostgresError(code: .poolClosed, message: "the PostgreSQL client was shut down"))
                }
            }
        }
        guard cancellable else { return try await submit() }
        return try await withTaskCancellationHandler(operation: submit, onCancel: { self.canceller.cancel(lease) })
    }

    /// On the slot's thread: one lease of the connection, with reconnect and at most one retry.
    func runLease<T>(transaction: Bool, _ body: (PostgresConnection) throws -> T) throws -> T {
        var retried = false
        defer { canceller.end() }
        while true {
            let conn = try readyConnection()
            conn.succeededStatements = 0
            canceller.begin(conn.cancelHandle)
            conn.isCancelled = { [canceller] in canceller.isRequested }
            defer {
                conn.isCancelled = { false }
                cleanUpAfterLease(conn)
            }
            do {
                return transaction ? try conn.transaction(body) : try body(conn)
            } catch let error as PostgresError where error.code == .timeout && canceller.isRequested {
                // Our own cancel request ended the statement: report it as Swift cancellation.
                throw CancellationError()
            } catch let error as PostgresError
                where error.code == .connectionFailed && conn.isBroken && conn.succeededStatements == 0 && !retried
            {
                // Nothing of this call ran on the server: safe to run it again on a fresh connection.
                retried = true
                logger.notice("PostgreSQL connection broke; reconnecting and retrying once",
                              metadata: [PostgresLogKey.error: .string(error.message)])
            }
        }
    }

    /// The connection, opened on first use and reset when broken.
    private func readyConnection() throws -> PostgresConnection {
        if let connection {
            if connection.needsReset {
                do {
                    try connection.reset()
                    logger.info("PostgreSQL connection re-established")
                } catch {
                    logger.warning("PostgreSQL reconnect failed", metadata: [PostgresLogKey.error: "\(error)"])
                    throw error
                }
            }
            return connection
        }
        do {
            let c = try PostgresConnection.connect(configuration: configuration, logger: logger)
            connection = c
            logger.debug("PostgreSQL connection opened")
            return c
        } catch {
            logger.warning("PostgreSQL connect failed", metadata: [PostgresLogKey.error: "\(error)"])
            throw error
        }
    }

    private func cleanUpAfterLease(_ conn: PostgresConnection) {
        // A body that opened a transaction and did not end it must not leak it to the next caller.
        if !conn.isBroken, conn.inTransaction {
            logger.warning("connection returned inside a transaction; rolling back")
            conn.rollbackQuietly()
        }
    }

    /// Closes the connection on its thread after queued work, then waits for the thread to exit.
    func close() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            thread.stop(finally: { self.connection = nil }, exited: { continuation.resume() })
        }
    }

    /// Like `close()` without waiting (used when the client is dropped without `shutdown()`).
    func closeDetached() {
        thread.stop(finally: { self.connection = nil }, exited: {})
    }
}

/// Cancels the statement of the current lease from another thread, and never a later lease's statement.
final class StatementCanceller: @unchecked Sendable {
    // Confinement: all state is guarded by `condition`.
    private let condition = NSCondition()
    private var target: PostgresCancelHandle?
    private var requested = false
    private var inFlight = false
    /// Identifies the current lease, so a late cancel of an earlier lease is ignored.
    private var lease: UInt64 = 0

    /// Caller side, before the lease's work is submitted; returns the token to cancel this lease with.
    func arm() -> UInt64 {
        condition.lock()
        defer { condition.unlock() }
        requested = false
        lease &+= 1
        return lease
    }

    /// Connection thread: the lease's work starts on a connection with this cancel key.
    func begin(_ handle: PostgresCancelHandle?) {
        condition.lock()
        target = handle
        condition.unlock()
    }

    /// Connection thread: the lease's work is done. Waits for a cancel request in flight, so that it reaches
    /// the server before the next statement on this connection can start (an idle backend ignores it).
    func end() {
        condition.lock()
        target = nil
        while inFlight { condition.wait() }
        condition.unlock()
    }

    var isRequested: Bool {
        condition.lock()
        defer { condition.unlock() }
        return requested
    }

    /// Any thread: marks the lease cancelled and asks the server to cancel the running statement.
    func cancel(_ lease: UInt64) {
        condition.lock()
        guard lease == self.lease else {
            condition.unlock()
            return
        }
        requested = true
        guard let target, !inFlight else {
            condition.unlock()
            return
        }
        inFlight = true
        condition.unlock()
        // PQcancel blocks on a short connection to the server: keep it off Swift's cooperative pool.
        DispatchQueue.global().async {
            target.cancel()
            self.condition.lock()
            self.inFlight = false
            self.condition.broadcast()
            self.condition.unlock()
        }
    }
}

/// A dedicated OS thread that runs submitted jobs one at a time, in order.
///
/// A job returns a completion that the thread calls after releasing the job. Callers resume their continuation
/// in that completion, so a closure captured by the job is provably released before the caller continues
/// (`withoutActuallyEscaping` checks exactly that).
final class ConnectionThread: @unchecked Sendable {
    typealias Job = @Sendable () -> (@Sendable () -> Void)
    // Confinement: `jobs`, `stopping` and the stop callbacks are guarded by `condition`; jobs run only on the thread.
    private let condition = NSCondition()
    private var jobs: [Job] = []
    private var stopping = false
    private var finally: (@Sendable () -> Void)?
    private var exited: (@Sendable () -> Void)?

    init(name: String) {
        let thread = Thread { [self] in self.main() }
        thread.name = name
        thread.start()
    }

    /// Queues a job; false once the thread is stopping.
    func submit(_ job: @escaping Job) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !stopping else { return false }
        jobs.append(job)
        condition.signal()
        return true
    }

    /// Lets queued jobs finish, runs `finally` on the thread, then `exited` as the thread's last action.
    func stop(finally: @escaping @Sendable () -> Void, exited: @escaping @Sendable () -> Void) {
        condition.lock()
        defer { condition.unlock() }
        guard !stopping else {
            // Already stopping: report exit right away rather than never.
            exited()
            return
        }
        stopping = true
        self.finally = finally
        self.exited = exited
        condition.signal()
    }

    private func main() {
        while true {
            condition.lock()
            while jobs.isEmpty && !stopping { condition.wait() }
            if jobs.isEmpty {
                let (finally, exited) = (self.finally, self.exited)
                // `finally` captures the slot that owns this thread: drop it to break the cycle.
                (self.finally, self.exited) = (nil, nil)
                condition.unlock()
                finally?()
                exited?()
                return
            }
            var job: Job? = jobs.removeFirst()
            condition.unlock()
            let complete = job!()
            job = nil
            complete()
        }
    }
}

/// A value guarded by a lock.
final class Locked<Value>: @unchecked Sendable {
    // Confinement: `value` is only touched inside `withLock`.
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
