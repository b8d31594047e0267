import CRdKafka

/// The one error type of DalaKafka: an extensible code, a readable message and, when the error came
/// from librdkafka, its symbolic name (e.g. `MSG_SIZE_TOO_LARGE`, `_MSG_TIMED_OUT`).
public struct KafkaError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, coarse enough to act on. New codes may be added.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Backing: String, Hashable, Sendable {
            case configuration, unsupportedLibrary, connection, timeout, delivery, commit, admin, shutdown, fatal,
                consume
        }
        private let backing: Backing
        private init(_ backing: Backing) { self.backing = backing }

        /// A configuration property was rejected, or a client could not be created.
        public static let configuration = Code(.configuration)
        /// The loaded librdkafka is too old (see `Librdkafka.checkVersion`).
        public static let unsupportedLibrary = Code(.unsupportedLibrary)
        /// No broker could be reached.
        public static let connection = Code(.connection)
        /// An operation did not finish within its timeout.
        public static let timeout = Code(.timeout)
        /// A produced message was not delivered (rejected locally or by the broker, or timed out).
        public static let delivery = Code(.delivery)
        /// An offset commit failed.
        public static let commit = Code(.commit)
        /// An admin request (create topics, metadata) failed.
        public static let admin = Code(.admin)
        /// The client has been shut down.
        public static let shutdown = Code(.shutdown)
        /// librdkafka raised a fatal error: the client cannot continue and must be recreated.
        public static let fatal = Code(.fatal)
        /// The consumer hit an error it could not continue from.
        public static let consume = Code(.consume)

        public var description: String { backing.rawValue }
    }

    /// What went wrong.
    public var code: Code
    /// Human-readable detail; never contains credentials.
    public var message: String
    /// librdkafka's symbolic error name without the `RD_KAFKA_RESP_ERR_` prefix, when known.
    public var librdkafkaError: String?

    public init(code: Code, message: String, librdkafkaError: String? = nil) {
        self.code = code
        self.message = message
        self.librdkafkaError = librdkafkaError
    }

    public var description: String {
        if let name = librdkafkaError { return "KafkaError.\(code) (\(name)): \(message)" }
        return "KafkaError.\(code): \(message)"
    }

    /// Copies a librdkafka error code into a Swift error.
    init(code: Code, rdKafka err: rd_kafka_resp_err_t, context: String? = nil) {
        let text = String(cString: rd_kafka_err2str(err))
        self.init(
            code: code,
            message: context.map { "\($0): \(text)" } ?? text,
            librdkafkaError: String(cString: rd_kafka_err2name(err))
        )
    }
}
