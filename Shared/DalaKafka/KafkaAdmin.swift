import CRdKafka
import Logging

/// One-shot cluster requests. Each call creates a short-lived client on a thread of its own.
public struct KafkaAdmin {
    /// Creates topics; topics that already exist are fine (their partition count is left as it is).
    public static func createTopics(
        _ names: [String], partitions: Int32, replicationFactor: Int16 = 1,
        configuration: KafkaConfiguration, timeout: Duration = .seconds(10), logger: Logger? = nil
    ) async throws {
        guard !names.isEmpty else { return }
        let timeoutMs = RDKafka.milliseconds(timeout)
        try await KafkaThread.run(name: "kafka-admin") {
            try withAdminHandle(configuration, logger) { handle in
                try createTopics(handle, names, partitions, replicationFactor, timeoutMs)
            }
        }
    }

    /// Topic name → partition count, from a metadata request (internal topics such as
    /// `__consumer_offsets` included).
    public static func listTopics(
        configuration: KafkaConfiguration, timeout: Duration = .seconds(10), logger: Logger? = nil
    ) async throws -> [String: Int] {
        let timeoutMs = RDKafka.milliseconds(timeout)
        return try await KafkaThread.run(name: "kafka-admin") {
            try withAdminHandle(configuration, logger) { handle in
                try withMetadata(handle, allTopics: true, timeoutMs) { metadata in
                    var topics: [String: Int] = [:]
                    for i in 0..<Int(metadata.pointee.topic_cnt) {
                        let topic = metadata.pointee.topics[i]
                        guard topic.err == RD_KAFKA_RESP_ERR_NO_ERROR else { continue }
                        topics[String(cString: topic.topic)] = Int(topic.partition_cnt)
                    }
                    return topics
                }
            }
        }
    }

    /// Succeeds when a broker answers a metadata request within `timeout` (for readiness probes).
    public static func ping(
        configuration: KafkaConfiguration, timeout: Duration = .seconds(3), logger: Logger? = nil
    ) async throws {
        let timeoutMs = RDKafka.milliseconds(timeout)
        try await KafkaThread.run(name: "kafka-admin") {
            try withAdminHandle(configuration, logger) { handle in
                try withMetadata(handle, allTopics: false, timeoutMs) { metadata in
                    guard metadata.pointee.broker_cnt > 0 else {
                        throw KafkaError(code: .connection, message: "metadata response lists no brokers")
                    }
                }
            }
        }
    }

    // MARK: Blocking helpers (admin thread only)

    private static func withAdminHandle<T>(
        _ configuration: KafkaConfiguration, _ logger: Logger?, _ body: (OpaquePointer) throws -> T
    ) throws -> T {
        let context = RDKafkaContext(logger: logger ?? Logger(label: "dala.kafka.admin", factory: { _ in SwiftLogNoOpLogHandler() }))
        let handle = try RDKafka.makeHandle(
            type: RD_KAFKA_PRODUCER, configuration: configuration, defaults: [:], context: context)
        defer {
            rd_kafka_destroy(handle)
            withExtendedLifetime(context) {}  // callbacks may run until destroy returns
        }
        return try body(handle)
    }

    private static func withMetadata<T>(
        _ handle: OpaquePointer, allTopics: Bool, _ timeoutMs: Int32,
        _ body: (UnsafePointer<rd_kafka_metadata_t>) throws -> T
    ) throws -> T {
        var metadata: UnsafePointer<rd_kafka_metadata_t>?
        let err = rd_kafka_metadata(handle, allTopics ? 1 : 0, nil, &metadata, timeoutMs)
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR, let metadata else {
            throw KafkaError(code: connectivityCode(err), rdKafka: err, context: "metadata request failed")
        }
        defer { rd_kafka_metadata_destroy(metadata) }
        return try body(metadata)
    }

    private static func connectivityCode(_ err: rd_kafka_resp_err_t) -> KafkaError.Code {
        switch err {
        case RD_KAFKA_RESP_ERR__TIMED_OUT: .timeout
        case RD_KAFKA_RESP_ERR__TRANSPORT, RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN, RD_KAFKA_RESP_ERR__RESOLVE: .connection
        default: .admin
        }
    }

    private static func createTopics(
        _ handle: OpaquePointer, _ names: [String], _ partitions: Int32, _ replicationFactor: Int16,
        _ timeoutMs: Int32
    ) throws {
        var errstr = [CChar](repeating: 0, count: 512)
        var newTopics: [OpaquePointer?] = []
        defer { for topic in newTopics { rd_kafka_NewTopic_destroy(topic) } }
        for name in names {
            guard let topic = rd_kafka_NewTopic_new(name, partitions, Int32(replicationFactor), &errstr, errstr.count) else {
                throw KafkaError(code: .admin, message: "invalid topic \(name): \(RDKafka.string(errstr))")
            }
            newTopics.append(topic)
        }
        let options = rd_kafka_AdminOptions_new(handle, RD_KAFKA_ADMIN_OP_CREATETOPICS)
        defer { rd_kafka_AdminOptions_destroy(options) }
        _ = rd_kafka_AdminOptions_set_request_timeout(options, timeoutMs, &errstr, errstr.count)
        _ = rd_kafka_AdminOptions_set_operation_timeout(options, timeoutMs, &errstr, errstr.count)
        let queue = rd_kafka_queue_new(handle)
        defer { rd_kafka_queue_destroy(queue) }

        newTopics.withUnsafeMutableBufferPointer { buffer in
            rd_kafka_CreateTopics(handle, buffer.baseAddress, buffer.count, options, queue)
        }
        // The request times out on its own after timeoutMs; the margin covers connection set-up.
        guard let event = rd_kafka_queue_poll(queue, timeoutMs + 1000) else {
            throw KafkaError(code: .timeout, message: "no CreateTopics result within \(timeoutMs) ms")
        }
        defer { rd_kafka_event_destroy(event) }
        let err = rd_kafka_event_error(event)
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR else {
            let reason = rd_kafka_event_error_string(event).map { String(cString: $0) } ?? ""
            throw KafkaError(code: connectivityCode(err), rdKafka: err, context: "CreateTopics failed (\(reason))")
        }
        guard let result = rd_kafka_event_CreateTopics_result(event) else {
            throw KafkaError(code: .admin, message: "unexpected admin event \(rd_kafka_event_type(event))")
        }
        var count = 0
        guard let results = rd_kafka_CreateTopics_result_topics(result, &count) else { return }
        for i in 0..<count {
            let topicErr = rd_kafka_topic_result_error(results[i])
            guard topicErr != RD_KAFKA_RESP_ERR_NO_ERROR, topicErr != RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS else { continue }
            let name = String(cString: rd_kafka_topic_result_name(results[i]))
            let reason = rd_kafka_topic_result_error_string(results[i]).map { String(cString: $0) } ?? ""
            throw KafkaError(code: .admin, rdKafka: topicErr, context: "cannot create topic \(name) (\(reason))")
        }
    }
}
