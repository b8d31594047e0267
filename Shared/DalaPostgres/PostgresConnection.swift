import CLibPQ
import Foundation
import Logging

/// A connection confined to one OS thread. All its methods are synchronous and may only be called inside
/// `PostgresClient.withConnection` / `withTransaction` (i.e. on that connection's thread).
public final class PostgresConnection {
    /// The `PGconn`; owned by this object, freed in `deinit`.
    private let handle: OpaquePointer
    private let logger: Logger
    /// Set when a connection-class failure was seen; the pool resets the connection before its next use.
    private(set) var isBroken = false
    /// Statements that succeeded since the pool last zeroed it (start of a lease); decides whether a retry is safe.
    var succeededStatements = 0
    /// Cancel key of the current backend, renewed on reset; lets another thread cancel a running statement.
    private(set) var cancelHandle: PostgresCancelHandle?
    /// Set by the pool for each lease: true once the caller's task was cancelled; checked before each statement.
    var isCancelled: @Sendable () -> Bool = { false }
    /// Server-side prepared statements of this session: statement name by parameter types and SQL text.
    private var preparedStatements: [PreparedKey: String] = [:]
    private var preparedCounter = 0
    /// More distinct prepared statements than this (SQL built with varying fragments) start the cache afresh.
    static let preparedStatementLimit = 256

    private struct PreparedKey: Hashable {
        var sql: String
        var types: [UInt32]
    }

    private init(handle: OpaquePointer, logger: Logger) {
        self.handle = handle
        self.logger = logger
    }

    deinit {
        PQfinish(handle)
    }

    /// Opens a connection (blocking, up to the connect timeout). Keyword defaults come first so the URL can
    /// override them; a URL that sets `options` must keep `DateStyle=ISO` for `Date` decoding.
    static func connect(configuration: PostgresConfiguration, logger: Logger) throws -> PostgresConnection {
        let params: [(String, String)] = [
            ("connect_timeout", String(configuration.connectTimeoutSeconds)),
            ("application_name", configuration.applicationName),
            ("client_encoding", "UTF8"),
            // Decoders expect ISO dates and exact floats whatever the server's defaults are.
            ("options", "-c DateStyle=ISO -c extra_float_digits=3"),
            ("dbname", configuration.url),
        ]
        // Both arrays end with a NULL entry, as libpq requires.
        let handle: OpaquePointer? = withCStringArray(params.map(\.0) + [nil]) { keywords in
            withCStringArray(params.map(\.1) + [nil]) { values in
                // expand_dbname = 1: the `dbname` value is a full connection string or URL.
                PQconnectdbParams(keywords, values, 1)
            }
        }
        guard let handle else {
            throw PostgresError(code: .connectionFailed, message: "libpq could not allocate a connection")
        }
        let connection = PostgresConnection(handle: handle, logger: logger)
        guard PQstatus(handle) == CONNECTION_OK else {
            throw PostgresError(code: .connectionFailed, message: connection.libpqErrorMessage)
        }
        connection.installNoticeReceiver()
        connection.cancelHandle = PostgresCancelHandle(PQgetCancel(handle))
        return connection
    }

    /// Re-establishes a broken connection with the same parameters (blocking).
    func reset() throws {
        PQreset(handle)
        guard PQstatus(handle) == CONNECTION_OK else {
            isBroken = true
            throw PostgresError(code: .connectionFailed, message: libpqErrorMessage)
        }
        isBroken = false
        cancelHandle = PostgresCancelHandle(PQgetCancel(handle))
        // A new backend session: the statements prepared on the old one are gone.
        preparedStatements.removeAll()
    }

    /// Number of statements currently prepared on this session (for tests).
    public var preparedStatementCount: Int { preparedStatements.count }

    /// True when the connection must be reset before use.
    var needsReset: Bool { isBroken || PQstatus(handle) != CONNECTION_OK }

    /// Whether the session is inside a transaction block (open or failed).
    var inTransaction: Bool {
        let status = PQtransactionStatus(handle)
        return status == PQTRANS_INTRANS || status == PQTRANS_INERROR
    }

    /// Process ID of the server backend serving this connection.
    public var backendPID: Int { Int(PQbackendPID(handle)) }

    // MARK: - Statements

    /// Runs a statement and returns its rows, copied into Swift values.
    public func query(_ q: PostgresQuery) throws -> [PostgresRow] {
        let result = try run(q)
        return result.rows()
    }

    /// Runs a statement and returns the number of rows it affected (0 for statements without a count).
    @discardableResult
    public func execute(_ q: PostgresQuery) throws -> Int {
        try run(q).affectedRows
    }

    /// Runs several `;`-separated statements without parameters (migrations). They run in one implicit
    /// transaction unless the script has its own BEGIN/COMMIT.
    public func execute(unescapedScript sql: String) throws {
        try checkCancelled()
        let raw = PQexec(handle, sql)
        _ = try check(raw, binds: [])
    }

    /// `COPY table (columns) FROM STDIN` in text format; returns the number of rows copied.
    /// Values are escaped here (tab, newline, carriage return, backslash); `nil` is NULL.
    /// A row with the wrong number of values, or a value with a NUL byte, aborts the whole copy.
    @discardableResult
    public func copy(into table: String, columns: [String], rows: some Sequence<[String?]>) throws -> Int {
        try copy(into: table, columns: columns) { put in
            var buffer = [UInt8]()
            let flushThreshold = 256 * 1024
            buffer.reserveCapacity(flushThreshold + 4096)
            var rowNumber = 0
            for row in rows {
                rowNumber += 1
                guard row.count == columns.count else {
                    throw PostgresError(
                        code: .badValue,
                        message: "COPY row \(rowNumber) has \(row.count) values, expected \(columns.count)")
                }
                guard PostgresCopyText.appendRow(row, to: &buffer) else {
                    throw PostgresError(code: .badValue, message: "COPY row \(rowNumber) contains a NUL byte")
                }
                if buffer.count >= flushThreshold {
                    try put(buffer[...])
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            if !buffer.isEmpty { try put(buffer[...]) }
        }
    }

    /// `COPY` of rows already in COPY text form (`PostgresCopyRows`, built off the connection), sent chunk by
    /// chunk; a part with a row that could not be encoded aborts the whole copy.
    @discardableResult
    public func copy(into table: String, columns: [String], encoded parts: some Sequence<PostgresCopyRows>) throws -> Int {
        try copy(into: table, columns: columns) { put in
            for part in parts {
                if let problem = part.problem { throw PostgresError(code: .badValue, message: problem) }
                guard part.columns == columns.count else {
                    throw PostgresError(code: .badValue, message: "COPY rows of \(part.columns) values, expected \(columns.count)")
                }
                for chunk in part.chunks where !chunk.isEmpty { try put(chunk[...]) }
            }
        }
    }

    private func copy(into table: String, columns: [String], send: ((ArraySlice<UInt8>) throws -> Void) throws -> Void) throws -> Int {
        let columnList = columns.map(PostgresQuery.quoteIdentifier).joined(separator: ", ")
        let sql = "COPY \(PostgresQuery.quoteIdentifier(table)) (\(columnList)) FROM STDIN"
        try checkCancelled()
        let start = PostgresResult(PQexec(handle, sql))
        guard let start, PQresultStatus(start.handle) == PGRES_COPY_IN else {
            // Not in COPY mode: the server rejected the statement (no such table or column, ...).
            _ = try check(start?.release(), binds: [], failureCode: .copyFailed)
            throw PostgresError(code: .copyFailed, message: "server did not enter COPY mode")
        }
        do {
            try send { chunk in
                try checkCancelled()
                try putCopyData(chunk)
            }
        } catch {
            // Ends COPY mode with an error so the server rolls the copy back and the connection stays usable.
            if !isBroken {
                _ = PQputCopyEnd(handle, "aborted by client")
                drainResults()
            }
            throw error
        }
        guard PQputCopyEnd(handle, nil) == 1 else {
            throw connectionError(message: libpqErrorMessage)
        }
        // The final status arrives as the next result; libpq then returns NULL.
        let final = try check(PQgetResult(handle), binds: [], failureCode: .copyFailed)
        drainResults()
        return final.affectedRows
    }

    private func putCopyData(_ bytes: ArraySlice<UInt8>) throws {
        let ok = bytes.withUnsafeBufferPointer { buf in
            buf.withMemoryRebound(to: CChar.self) { PQputCopyData(handle, $0.baseAddress, Int32($0.count)) }
        }
        guard ok == 1 else { throw connectionError(message: libpqErrorMessage) }
    }

    private func abandonCopy(_ status: ExecStatusType) {
        if status == PGRES_COPY_IN {
            _ = PQputCopyEnd(handle, "not supported by this client")
        } else {
            var row: UnsafeMutablePointer<CChar>?
            while PQgetCopyData(handle, &row, 0) > 0 {
                PQfreemem(row)
                row = nil
            }
        }
        drainResults()
    }

    private func drainResults() {
        while let r = PQgetResult(handle) { PQclear(r) }
    }

    // MARK: - Transactions

    /// BEGIN, body, COMMIT; ROLLBACK when the body throws.
    func transaction<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        try execute("BEGIN")
        let value: T
        do {
            value = try body(self)
        } catch {
            rollbackQuietly()
            throw error
        }
        let commit = try run("COMMIT")
        // COMMIT of a failed transaction "succeeds" with the tag ROLLBACK (the body swallowed an error).
        if commit.commandStatus == "ROLLBACK" {
            throw PostgresError(code: .queryFailed, message: "transaction was rolled back: an earlier statement failed")
        }
        return value
    }

    /// Ends a transaction left open; errors are ignored because the caller is already failing or cleaning up.
    func rollbackQuietly() {
        guard !isBroken, PQstatus(handle) == CONNECTION_OK else { return }
        if let r = PQexec(handle, "ROLLBACK") { PQclear(r) }
    }

    // MARK: - libpq plumbing

    private func checkCancelled() throws {
        // Once the caller's task is cancelled, no further statement of its call starts.
        if isCancelled() { throw CancellationError() }
    }

    private func run(_ q: PostgresQuery) throws -> PostgresResult {
        try checkCancelled()
        let binds = q.binds
        let sql = q.sql
        for (i, bind) in binds.enumerated() where bind.value?.utf8.contains(0) == true {
            // libpq takes C strings: a NUL would silently truncate the value.
            throw PostgresError(code: .badValue, message: "parameter $\(i + 1) contains a NUL byte")
        }
        let types = binds.map(\.typeOID)
        if q.isPrepared { return try runPrepared(sql: sql, types: types, binds: binds, retry: true) }
        let raw: OpaquePointer? = withCStringArray(binds.map(\.value)) { values in
            types.withUnsafeBufferPointer { types in
                // Text format for all parameters and for the result (last argument 0).
                PQexecParams(handle, sql, Int32(binds.count), types.baseAddress, values, nil, nil, 0)
            }
        }
        return try check(raw, binds: binds)
    }

    /// Prepares the statement on first use in this session, then executes it by name.
    private func runPrepared(sql: String, types: [UInt32], binds: [PostgresBind], retry: Bool) throws -> PostgresResult {
        let key = PreparedKey(sql: sql, types: types)
        let name: String
        if let existing = preparedStatements[key] {
            name = existing
        } else {
            if preparedStatements.count >= Self.preparedStatementLimit { try deallocateAll() }
            preparedCounter += 1
            let fresh = "dala_\(preparedCounter)"
            let raw = types.withUnsafeBufferPointer { types in
                PQprepare(handle, fresh, sql, Int32(types.count), types.baseAddress)
            }
            // Preparing changes nothing on the server: it does not make a failed call unsafe to retry.
            _ = try check(raw, binds: binds, counted: false)
            preparedStatements[key] = fresh
            name = fresh
        }
        let raw: OpaquePointer? = withCStringArray(binds.map(\.value)) { values in
            PQexecPrepared(handle, name, Int32(binds.count), values, nil, nil, 0)
        }
        do {
            return try check(raw, binds: binds)
        } catch let error as PostgresError where error.sqlState == "0A000" || error.sqlState == "26000" {
            // "cached plan must not change result type" (a migration changed a table under the statement) or the
            // statement is gone (DEALLOCATE by someone else): forget it; outside a transaction, prepare it again once.
            preparedStatements[key] = nil
            guard retry, !inTransaction else { throw error }
            if error.sqlState == "0A000", let r = PQexec(handle, "DEALLOCATE \(name)") { PQclear(r) }
            return try runPrepared(sql: sql, types: types, binds: binds, retry: false)
        }
    }

    private func deallocateAll() throws {
        _ = try check(PQexec(handle, "DEALLOCATE ALL"), binds: [], counted: false)
        preparedStatements.removeAll()
    }

    /// Wraps a result, turning error statuses into `PostgresError`.
    private func check(_ raw: OpaquePointer?, binds: [PostgresBind], failureCode: PostgresError.Code? = nil,
                       counted: Bool = true) throws -> PostgresResult
    {
        guard let result = PostgresResult(raw) else {
            // NULL result: out of memory or the query could not be sent.
            throw connectionError(message: libpqErrorMessage)
        }
        switch PQresultStatus(result.handle) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            if counted { succeededStatements += 1 }
            return result
        case PGRES_COPY_IN, PGRES_COPY_OUT:
            // A COPY sent through query/execute/script: leave COPY mode so the connection stays usable.
            abandonCopy(PQresultStatus(result.handle))
            throw PostgresError(
                code: .queryFailed, message: "COPY FROM STDIN / TO STDOUT is only supported through copy(into:columns:rows:)")
        default:
            throw error(from: result, binds: binds, failureCode: failureCode)
        }
    }

    private func error(from result: PostgresResult, binds: [PostgresBind], failureCode: PostgresError.Code?)
        -> PostgresError
    {
        let sqlState = result.errorField("C")
        var message = result.errorField("M") ?? libpqErrorMessage
        // Some messages quote the offending input (`invalid input syntax for type uuid: "..."`).
        for value in Set(binds.compactMap(\.value)) where !value.isEmpty {
            message = message.replacingOccurrences(of: "\"\(value)\"", with: "\"<value>\"")
        }
        var code = PostgresError.code(forSQLState: sqlState)
        if PQstatus(handle) != CONNECTION_OK { code = .connectionFailed }
        if code == .connectionFailed {
            isBroken = true
        } else if code == .queryFailed, let failureCode {
            code = failureCode
        }
        return PostgresError(
            code: code, sqlState: sqlState, message: message,
            constraint: result.errorField("n"), table: result.errorField("t"))
    }

    private func connectionError(message: String) -> PostgresError {
        isBroken = true
        return PostgresError(code: .connectionFailed, message: message)
    }

    private var libpqErrorMessage: String {
        guard let cstr = PQerrorMessage(handle) else { return "unknown libpq error" }
        // libpq's messages span several indented lines; one line reads better in logs.
        let s = String(cString: cstr).split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
        return s.isEmpty ? "unknown libpq error" : s
    }

    private func installNoticeReceiver() {
        // libpq prints NOTICE/WARNING to stderr by default; route them to the logger instead.
        // Unretained is safe: libpq only calls the receiver during calls on this connection, while it is alive.
        PQsetNoticeReceiver(handle, postgresNoticeReceiver, Unmanaged.passUnretained(self).toOpaque())
    }

    fileprivate func logNotice(severity: String?, message: String?) {
        let level: Logger.Level = (severity == "WARNING") ? .warning : .debug
        logger.log(level: level, "postgres notice", metadata: [
            PostgresLogKey.severity: .string(severity ?? "NOTICE"),
            PostgresLogKey.message: .string(message ?? ""),
        ])
    }
}

/// Confined to its pool thread: never sendable to another task.
@available(*, unavailable)
extension PostgresConnection: Sendable {}

/// Notice receiver: finds its connection through the context pointer and hands the notice to its logger.
private func postgresNoticeReceiver(_ context: UnsafeMutableRawPointer?, _ result: OpaquePointer?) {
    guard let context, let result else { return }
    let connection = Unmanaged<PostgresConnection>.fromOpaque(context).takeUnretainedValue()
    func field(_ code: Character) -> String? {
        PQresultErrorField(result, Int32(code.asciiValue!)).map { String(cString: $0) }
    }
    connection.logNotice(severity: field("V"), message: field("M"))
}

/// A `PGcancel` (a backend's cancel key); owned by this object, freed in `deinit`.
final class PostgresCancelHandle: @unchecked Sendable {
    // Confinement: immutable after creation, and libpq documents PQcancel as safe from any thread. Whoever
    // cancels holds a reference, so `deinit` cannot free the PGcancel during a PQcancel.
    private let handle: OpaquePointer

    init?(_ handle: OpaquePointer?) {
        guard let handle else { return nil }
        self.handle = handle
    }

    deinit {
        PQfreeCancel(handle)
    }

    /// Asks the server to cancel the backend's current statement. Blocking: opens a short-lived connection.
    @discardableResult
    func cancel() -> Bool {
        var errbuf = [CChar](repeating: 0, count: 256)
        return PQcancel(handle, &errbuf, Int32(errbuf.count)) == 1
    }
}

/// A `PGresult`; owned by this object and cleared in `deinit`, after its data was copied out.
final class PostgresResult {
    private(set) var handle: OpaquePointer
    private var owned = true

    init?(_ handle: OpaquePointer?) {
        guard let handle else { return nil }
        self.handle = handle
    }

    deinit {
        if owned { PQclear(handle) }
    }

    /// Gives up ownership (the caller passes the handle to another owner).
    func release() -> OpaquePointer {
        owned = false
        return handle
    }

    func errorField(_ code: Character) -> String? {
        PQresultErrorField(handle, Int32(code.asciiValue!)).map { String(cString: $0) }
    }

    var commandStatus: String { PQcmdStatus(handle).map { String(cString: $0) } ?? "" }

    var affectedRows: Int {
        guard let s = PQcmdTuples(handle) else { return 0 }
        return Int(String(cString: s)) ?? 0
    }

    func rows() -> [PostgresRow] {
        let rowCount = Int(PQntuples(handle))
        let columnCount = Int(PQnfields(handle))
        let layout = PostgresRow.Columns(names: (0..<columnCount).map { c in
            PQfname(handle, Int32(c)).map { String(cString: $0) } ?? "?column?"
        })
        var rows = [PostgresRow]()
        rows.reserveCapacity(rowCount)
        for r in 0..<Int32(rowCount) {
            var values = [String?]()
            values.reserveCapacity(columnCount)
            for c in 0..<Int32(columnCount) {
                if PQgetisnull(handle, r, c) == 1 {
                    values.append(nil)
                } else {
                    // PQgetlength avoids a strlen per value.
                    let ptr = UnsafeRawPointer(PQgetvalue(handle, r, c)!).assumingMemoryBound(to: UInt8.self)
                    let count = Int(PQgetlength(handle, r, c))
                    values.append(String(decoding: UnsafeBufferPointer(start: ptr, count: count), as: UTF8.self))
                }
            }
            rows.append(PostgresRow(layout: layout, values: values))
        }
        return rows
    }
}

/// COPY text format: one line per row, tab-separated, `\N` for NULL, backslash escapes.
/// Rows in COPY text form, built where the CPU work belongs (a worker's analysis thread) and sent by
/// `copy(into:columns:encoded:)`: chunks of about 256 KB (the size sent at once) instead of an array of values per row,
/// and instead of one growing buffer (whose doubling held up to three times the text while it grew).
public struct PostgresCopyRows: Sendable {
    public let columns: Int
    /// The text in chunks; a row never spans two.
    public private(set) var chunks: [[UInt8]] = []
    public private(set) var count = 0
    /// Why a row could not be encoded (the first such row); the copy then fails with it.
    public private(set) var problem: String?
    static let chunkBytes = 256 * 1024

    public init(columns: Int) { self.columns = columns }

    /// Bytes of COPY text held.
    public var byteCount: Int { chunks.reduce(0) { $0 + $1.count } }

    /// Starts a row written field by field (`field`, then `endRow`), without an array of values per row: the
    /// annotation rows are most of a worker's COPY text, and the arrays and their strings were a tenth of its time.
    public mutating func beginRow() {
        if chunks.isEmpty || chunks[chunks.count - 1].count >= Self.chunkBytes {
            chunks.append([])
            chunks[chunks.count - 1].reserveCapacity(Self.chunkBytes + 4096)
        }
        rowStart = chunks[chunks.count - 1].count
        rowFields = 0
        rowHasNUL = false
    }

    /// The next text field of the row (nil: NULL), escaped for COPY text.
    public mutating func field(_ value: String?) {
        let last = chunks.count - 1
        if rowFields > 0 { chunks[last].append(UInt8(ascii: "\t")) }
        rowFields += 1
        guard let value else {
            chunks[last].append(UInt8(ascii: "\\")); chunks[last].append(UInt8(ascii: "N"))
            return
        }
        // Most values need no escape: copied at once. Scanned through the contiguous UTF-8 buffer: the generic
        // `utf8.contains(where:)` was 2 % of a worker's analysis-and-rows time.
        var text = value
        let plain = text.withUTF8 { bytes -> Bool in
            for b in bytes where b <= UInt8(ascii: "\\") && PostgresCopyText.needsEscape(b) { return false }
            chunks[last].append(contentsOf: bytes)
            return true
        }
        if !plain && !PostgresCopyText.appendEscaped(value, to: &chunks[last]) {
            rowHasNUL = true
        }
    }

    /// The next field of the row: an integer, in decimal.
    public mutating func field(_ value: Int) {
        let last = chunks.count - 1
        if rowFields > 0 { chunks[last].append(UInt8(ascii: "\t")) }
        rowFields += 1
        var v = value.magnitude
        if value < 0 { chunks[last].append(UInt8(ascii: "-")) }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat { d[n] = UInt8(ascii: "0") + UInt8(v % 10); v /= 10; n += 1 } while v > 0
            for i in stride(from: n - 1, through: 0, by: -1) { chunks[last].append(d[i]) }
        }
    }

    /// The next field of the row: an integer in decimal, or NULL.
    public mutating func field(_ value: Int?) {
        if let value { field(value) } else { field(nil as String?) }
    }

    /// Ends the row started by `beginRow`: checks its field count and NUL bytes like `append`.
    public mutating func endRow() {
        count += 1
        let last = chunks.count - 1
        if problem != nil || rowFields != columns || rowHasNUL {
            chunks[last].removeSubrange(rowStart...)
            if problem == nil {
                problem = rowHasNUL ? "COPY row \(count) contains a NUL byte" : "COPY row \(count) has \(rowFields) values, expected \(columns)"
            }
            return
        }
        chunks[last].append(UInt8(ascii: "\n"))
    }

    private var rowStart = 0, rowFields = 0, rowHasNUL = false

    public mutating func append(_ row: [String?]) {
        count += 1
        guard problem == nil else { return }
        guard row.count == columns else { problem = "COPY row \(count) has \(row.count) values, expected \(columns)"; return }
        if chunks.isEmpty || chunks[chunks.count - 1].count >= Self.chunkBytes {
            chunks.append([])
            chunks[chunks.count - 1].reserveCapacity(Self.chunkBytes + 4096)
        }
        let last = chunks.count - 1, mark = chunks[last].count
        if !PostgresCopyText.appendRow(row, to: &chunks[last]) {
            chunks[last].removeSubrange(mark...)
            problem = "COPY row \(count) contains a NUL byte"
        }
    }
}

public enum PostgresCopyText {
    /// One row as a COPY text line (with the trailing newline); `nil` when a value contains a NUL byte.
    public static func encodeRow(_ row: [String?]) -> String? {
        var buffer = [UInt8]()
        guard appendRow(row, to: &buffer) else { return nil }
        return String(decoding: buffer, as: UTF8.self)
    }

    /// Whether COPY text escapes `byte` (`\`, tab, line feed, carriage return) or refuses it (NUL).
    @inline(__always)
    static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") || byte == 0
    }

    /// `value` escaped for COPY text; false (and nothing more appended than what came before the NUL) on a NUL byte.
    static func appendEscaped(_ value: String, to buffer: inout [UInt8]) -> Bool {
        let backslash = UInt8(ascii: "\\")
        for byte in value.utf8 {
            switch byte {
            case backslash: buffer += [backslash, backslash]
            case UInt8(ascii: "\t"): buffer += [backslash, UInt8(ascii: "t")]
            case UInt8(ascii: "\n"): buffer += [backslash, UInt8(ascii: "n")]
            case UInt8(ascii: "\r"): buffer += [backslash, UInt8(ascii: "r")]
            case 0: return false
            default: buffer.append(byte)
            }
        }
        return true
    }

    static func appendRow(_ row: [String?], to buffer: inout [UInt8]) -> Bool {
        let backslash = UInt8(ascii: "\\")
        for (i, value) in row.enumerated() {
            if i > 0 { buffer.append(UInt8(ascii: "\t")) }
            guard let value else {
                buffer.append(backslash)
                buffer.append(UInt8(ascii: "N"))
                continue
            }
            guard appendEscaped(value, to: &buffer) else { return false }
        }
        buffer.append(UInt8(ascii: "\n"))
        return true
    }
}

/// Calls `body` with an array of C strings (`const char * const *`, `nil` for an empty array); `nil` entries
/// stay NULL pointers. The strings live in one buffer that is valid only during `body`.
func withCStringArray<R>(_ strings: [String?], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> R) -> R {
    var storage = [CChar]()
    var offsets = [Int?]()
    offsets.reserveCapacity(strings.count)
    for s in strings {
        guard let s else { offsets.append(nil); continue }
        offsets.append(storage.count)
        storage.append(contentsOf: s.utf8.map { CChar(bitPattern: $0) })
        storage.append(0)
    }
    return storage.withUnsafeBufferPointer { buf in
        let pointers: [UnsafePointer<CChar>?] = offsets.map { offset in offset.map { buf.baseAddress! + $0 } }
        return pointers.withUnsafeBufferPointer { body($0.isEmpty ? nil : $0.baseAddress) }
    }
}
