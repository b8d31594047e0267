/// The one error type of `DalaPostgres`. Its description never contains bound values or passwords.
public struct PostgresError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, coarse enough to branch on; extensible.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// Could not connect, or the connection broke (server restart, terminated backend, network).
        public static let connectionFailed = Code("connectionFailed")
        /// The server rejected the statement (syntax, missing table, constraint other than those below, ...).
        public static let queryFailed = Code("queryFailed")
        /// SQLSTATE 23505.
        public static let uniqueViolation = Code("uniqueViolation")
        /// SQLSTATE 23503.
        public static let foreignKeyViolation = Code("foreignKeyViolation")
        /// SQLSTATE 40001 (serialization failure) or 40P01 (deadlock): retry the whole transaction.
        public static let serialization = Code("serialization")
        /// COPY FROM STDIN failed (bad row, server error during the copy).
        public static let copyFailed = Code("copyFailed")
        /// A value could not be encoded or decoded (NUL byte in text, unparsable column, missing column, NULL).
        public static let badValue = Code("badValue")
        /// The client was shut down.
        public static let poolClosed = Code("poolClosed")
        /// SQLSTATE 57014: statement timeout or cancel.
        public static let timeout = Code("timeout")
    }

    public var code: Code
    /// Five-character SQLSTATE when the server reported one.
    public var sqlState: String?
    /// Primary message from libpq/the server, with bound values that it quotes removed.
    public var message: String
    /// Constraint named by the server (unique, foreign key, check), useful to tell violations apart.
    public var constraint: String?
    /// Table named by the server, when it reports one.
    public var table: String?

    public init(code: Code, sqlState: String? = nil, message: String, constraint: String? = nil, table: String? = nil) {
        self.code = code
        self.sqlState = sqlState
        self.message = message
        self.constraint = constraint
        self.table = table
    }

    public var description: String {
        var s = "PostgresError(\(code)"
        if let sqlState { s += ", sqlState: \(sqlState)" }
        if let constraint { s += ", constraint: \(constraint)" }
        return s + "): \(message)"
    }

    /// Maps a SQLSTATE to a code; connection-class states (08xxx, admin shutdown) become `connectionFailed`.
    static func code(forSQLState state: String?) -> Code {
        guard let state else { return .queryFailed }
        switch state {
        case "23505": return .uniqueViolation
        case "23503": return .foreignKeyViolation
        case "40001", "40P01": return .serialization
        case "57014": return .timeout
        case "57P01", "57P02", "57P03": return .connectionFailed
        default: return state.hasPrefix("08") ? .connectionFailed : .queryFailed
        }
    }
}
