import CRdKafka
import Foundation
import Logging

/// Dotted metadata keys for every log line this module writes.
enum KafkaLoggingKeys {
    static let brokers = "kafka.brokers"
    static let clientID = "kafka.client_id"
    static let facility = "kafka.facility"
    static let topic = "kafka.topic"
    static let partition = "kafka.partition"
    static let offset = "kafka.offset"
    static let group = "kafka.group"
    static let error = "kafka.error"
    static let assignment = "kafka.assignment"
    static let count = "kafka.count"
}

/// State the C callbacks reach through librdkafka's opaque pointer.
///
/// The pointer is unretained: every subclass keeps itself alive (its poll thread holds a strong reference)
/// until `rd_kafka_destroy` has returned, so a callback never outlives it.
/// `@unchecked Sendable`: subclasses guard their mutable state with their own lock.
class RDKafkaContext: @unchecked Sendable {
    let logger: Logger

    init(logger: Logger) {
        self.logger = logger
    }

    /// Client-level errors from librdkafka's error callback; served on whichever thread polls.
    func clientError(_ err: rd_kafka_resp_err_t, reason: String) {
        logger.warning(
            "librdkafka error: \(reason)",
            metadata: [KafkaLoggingKeys.error: "\(String(cString: rd_kafka_err2name(err)))"]
        )
    }

    var opaque: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }

    static func from(_ opaque: UnsafeMutableRawPointer) -> RDKafkaContext {
        Unmanaged<RDKafkaContext>.fromOpaque(opaque).takeUnretainedValue()
    }
}

/// librdkafka calls this from its internal threads; it only forwards to the context's logger
/// (swift-log handlers are thread-safe).
private func logCallback(_ rk: OpaquePointer?, _ level: Int32, _ facility: UnsafePointer<CChar>?,
                         _ buffer: UnsafePointer<CChar>?) {
    guard let rk, let opaque = rd_kafka_opaque(rk), let buffer else { return }
    let context = RDKafkaContext.from(opaque)
    let swiftLevel: Logger.Level
    switch level {  // syslog levels
    case ...2: swiftLevel = .critical
    case 3: swiftLevel = .error
    case 4: swiftLevel = .warning
    case 5: swiftLevel = .notice
    case 6: swiftLevel = .info
    default: swiftLevel = .debug
    }
    context.logger.log(
        level: swiftLevel, "\(String(cString: buffer))",
        metadata: [KafkaLoggingKeys.facility: "\(facility.map { String(cString: $0) } ?? "")"]
    )
}

private func errorCallback(_ rk: OpaquePointer?, _ err: Int32, _ reason: UnsafePointer<CChar>?,
                           _ opaque: UnsafeMutableRawPointer?) {
    guard let opaque else { return }
    RDKafkaContext.from(opaque).clientError(
        rd_kafka_resp_err_t(rawValue: err), reason: reason.map { String(cString: $0) } ?? "")
}

enum RDKafka {
    /// Properties every client gets unless `KafkaConfiguration.properties` overrides them.
    static let commonDefaults: [String: String] = [
        // Tansu and idle-connection reapers close connections routinely; that is not worth a log line.
        "log.connection.close": "false",
    ]

    /// Creates a client handle. The context must outlive the handle (see `RDKafkaContext`).
    static func makeHandle(
        type: rd_kafka_type_t,
        configuration: KafkaConfiguration,
        defaults: [String: String],
        context: RDKafkaContext,
        configure: (OpaquePointer) -> Void = { _ in }
    ) throws -> OpaquePointer {
        try Librdkafka.checkVersion()
        guard let conf = rd_kafka_conf_new() else {
            throw KafkaError(code: .configuration, message: "rd_kafka_conf_new failed")
        }
        var properties = commonDefaults.merging(defaults) { $1 }
        properties["bootstrap.servers"] = configuration.brokers
        properties["client.id"] = configuration.clientID
        properties.merge(configuration.properties) { $1 }
        do {
            // Sorted so that a failure is reproducible from run to run.
            for (key, value) in properties.sorted(by: { $0.key < $1.key }) {
                try set(conf, key, value)
            }
        } catch {
            rd_kafka_conf_destroy(conf)
            throw error
        }
        rd_kafka_conf_set_opaque(conf, context.opaque)
        rd_kafka_conf_set_log_cb(conf, logCallback)
        rd_kafka_conf_set_error_cb(conf, errorCallback)
        configure(conf)

        var errstr = [CChar](repeating: 0, count: 512)
        // On success rd_kafka_new takes ownership of conf; on failure it stays ours.
        guard let handle = rd_kafka_new(type, conf, &errstr, errstr.count) else {
            rd_kafka_conf_destroy(conf)
            throw KafkaError(
                code: .configuration,
                message: "cannot create Kafka client: \(string(errstr))"
            )
        }
        return handle
    }

    private static func set(_ conf: OpaquePointer, _ key: String, _ value: String) throws {
        var errstr = [CChar](repeating: 0, count: 512)
        guard rd_kafka_conf_set(conf, key, value, &errstr, errstr.count) == RD_KAFKA_CONF_OK else {
            // The value is left out on purpose: it may be a secret (sasl.password).
            throw KafkaError(
                code: .configuration,
                message: "property \(key) rejected: \(string(errstr))"
            )
        }
    }

    /// Decodes a NUL-terminated error buffer filled by librdkafka.
    static func string(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Copies a partition list into Swift values.
    static func partitions(_ list: UnsafePointer<rd_kafka_topic_partition_list_t>?) -> [(topic: String, partition: Int32)] {
        guard let list, let elems = list.pointee.elems else { return [] }
        return (0..<Int(list.pointee.cnt)).map { i in
            (String(cString: elems[i].topic), elems[i].partition)
        }
    }

    /// Milliseconds for librdkafka timeouts, clamped into Int32.
    static func milliseconds(_ duration: Duration) -> Int32 {
        let (seconds, attoseconds) = duration.components
        let ms = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        return Int32(clamping: max(0, ms))
    }
}

/// Runs blocking librdkafka calls on OS threads of our own, never on Swift's cooperative pool.
enum KafkaThread {
    /// Starts a named detached thread.
    static func detach(name: String, _ body: @escaping @Sendable () -> Void) {
        let thread = Thread(block: body)
        thread.name = name
        thread.start()
    }

    /// Runs `body` on a fresh thread and resumes with its result (for rare calls: admin requests).
    static func run<T: Sendable>(name: String, _ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            detach(name: name) {
                continuation.resume(with: Result { try body() })
            }
        }
    }
}
