import DalaCore
import DalaKafka
import DalaPostgres
import DalaStorage
import Foundation
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle

enum DalaJSONBridge {
    static func encode<T: Encodable>(_ value: T) throws -> [UInt8] { try DalaJSON.encode(value) }
}

/// Keeps a client alive while the service group runs and closes it on graceful shutdown. Put it before its users in
/// the group: the group shuts services down in reverse order, so users finish first.
public struct ClosingService: Service {
    let name: String
    let close: @Sendable () async -> Void
    public init(name: String, close: @escaping @Sendable () async -> Void) { self.name = name; self.close = close }

    public func run() async throws {
        try? await gracefulShutdown()
        await close()
    }
}

/// Runs blocking or CPU-heavy work on a dedicated thread, so Swift's cooperative pool (2 threads here) keeps serving.
public final class BlockingWorker: Sendable {
    private let queue: DispatchQueue
    public init(label: String) { queue = DispatchQueue(label: label) }

    public func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try body() }) }
        }
    }
}

/// Start-up steps every service takes in order: check the Kafka library, create topics, migrate the schema.
public enum StartUp {
    public static func prepare(configuration c: ServiceConfiguration, postgres: PostgresClient, kafka: KafkaConfiguration,
                               logger: Logger) async throws {
        try Librdkafka.checkVersion()
        logger.info("starting", metadata: ["librdkafka": "\(Librdkafka.version)", "db": "\(PostgresConfiguration(url: c.postgresURL).redactedURL)",
                                           "kafka.brokers": "\(c.kafkaBrokers)"])
        try await retrying("PostgreSQL", logger: logger) { try await Migrator.migrate(postgres, logger: logger) }
        try await retrying("Kafka", logger: logger) {
            try await KafkaAdmin.createTopics(Topics.all, partitions: Int32(c.topicPartitions), configuration: kafka)
        }
    }

    /// Retries start-up steps for ~30 s so services can start before their dependencies answer.
    static func retrying(_ what: String, logger: Logger, _ body: @Sendable () async throws -> Void) async throws {
        var attempt = 0
        while true {
            do { try await body(); return } catch {
                attempt += 1
                if attempt >= 30 { throw error }
                logger.warning("\(what) not ready, retrying", metadata: [LogKey.error: "\(error)", LogKey.attempt: "\(attempt)"])
                try await Task.sleep(for: .seconds(1))
            }
        }
    }
}

extension ServiceConfiguration {
    /// The librdkafka configuration for this service.
    public func kafka(clientID: String) -> KafkaConfiguration {
        KafkaConfiguration(brokers: kafkaBrokers, clientID: clientID, properties: kafkaProperties)
    }

    public var postgres: PostgresConfiguration { PostgresConfiguration(url: postgresURL, poolSize: postgresPoolSize) }
}

/// Process-wide runtime settings, applied first thing in `main`.
public enum ServiceRuntime {
    /// Runs Swift concurrency's global executor on NIO's event loops (the ones Hummingbird serves HTTP on), so a request
    /// handler is not handed from the loop to Swift's pool and back for every request, and a PostgreSQL result
    /// resumes on the loop of its HTTP connection. Blocking work must stay off it: PostgreSQL and Kafka calls already
    /// run on their own threads, analysis on `BlockingWorker`. `--event-loop-executor false`
    /// (`DALA_EVENT_LOOP_EXECUTOR`) keeps Swift's own pool. Call from the main thread before any task starts.
    @discardableResult
    public static func configureExecutor(_ reader: ConfigReader) -> Bool {
        guard reader.bool("event-loop-executor", default: true) else { return false }
        return NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
    }
}

/// Re-creates the topics when the broker lost them (the local broker keeps everything in memory; an Apache Kafka
/// cluster restored empty does the same): every `interval` it lists the topics and creates the missing ones, so
/// producers and consumers waiting for them go on without a restart. Runs in every service.
public struct TopicKeeper: Service {
    let topics: [String]
    let partitions: Int32
    let kafka: KafkaConfiguration
    let interval: Duration
    let logger: Logger

    public init(topics: [String] = Topics.all, partitions: Int, kafka: KafkaConfiguration, interval: Duration = .seconds(3),
                logger: Logger) {
        self.topics = topics; self.partitions = Int32(partitions); self.kafka = kafka; self.interval = interval; self.logger = logger
    }

    public func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try await Task.sleep(for: interval)
                do {
                    let existing = try await KafkaAdmin.listTopics(configuration: kafka, timeout: .seconds(2))
                    let missing = topics.filter { existing[$0] == nil }
                    if !missing.isEmpty {
                        try await KafkaAdmin.createTopics(missing, partitions: partitions, configuration: kafka, timeout: .seconds(5))
                        logger.warning("re-created missing topics (the broker lost its state?)", metadata: ["topics": "\(missing)"])
                    }
                } catch {
                    logger.debug("topic check failed", metadata: [LogKey.error: "\(error)"])
                }
            }
        }
    }
}
