import DalaCore
import DalaKafka
import DalaPostgres
import DalaService
import DalaStorage
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// The ingest service: HTTP intake, the submit-topic consumer and the outbox relay.
public enum IngestApp {
    /// The router the service and the tests use.
    public static func buildRouter(intake: DocumentIntake, validator: SubmissionValidator,
                                   operational: OperationalRoutes, access: AccessPolicy = AccessPolicy()) -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: ProblemMiddleware())
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: AccessMiddleware(policy: access, realm: "dala-ingest"))
        operational.register(on: router)
        IngestController(intake: intake, validator: validator).register(on: router)
        return router
    }

    /// Reads configuration, prepares the schema and topics, runs until SIGTERM/SIGINT.
    public static func run(reader: ConfigReader = ConfigReader()) async throws {
        let config = ServiceConfiguration(reader: reader, defaultPort: 8081)
        // Largest document in bytes (`--max-document-bytes`, `DALA_MAX_DOCUMENT_BYTES`). Default 10 MiB.
        let validator = SubmissionValidator(maxBytes: reader.int("max-document-bytes", default: 10 * 1024 * 1024))
        let logger = Observability.bootstrap(service: "dala-ingest", level: config.logLevel)
        let access = try AccessPolicy.load(reader, host: config.httpHost, service: "dala-ingest", logger: logger)
        let kafka = config.kafka(clientID: "dala-ingest")
        let postgres = PostgresClient(configuration: config.postgres, logger: logger)
        try await StartUp.prepare(configuration: config, postgres: postgres, kafka: kafka, logger: logger)

        // Longest wait for the broker's acknowledgement of a new document (`--publish-timeout-ms`,
        // `DALA_PUBLISH_TIMEOUT_MS`), default 3000: past it the POST still answers (the document is stored,
        // `received`) and the outbox relay publishes it later, so a broker outage never holds a client.
        let publishTimeout = max(100, reader.int("publish-timeout-ms", default: 3000))
        let producer = try KafkaProducer(configuration: kafka, logger: logger)
        let intake = DocumentIntake(documents: DocumentStore(client: postgres), producer: producer,
                                    publishTimeout: .milliseconds(publishTimeout), logger: logger)
        // Outbox relay: every `--relay-interval-seconds` (default 5) it re-publishes documents still `received`
        // `--relay-after-seconds` (default 10) after they were stored, and `queued` ones when no extraction run
        // finished for `--relay-stalled-seconds` (default 30).
        let relay = OutboxRelay(intake: intake, interval: .seconds(max(1, reader.int("relay-interval-seconds", default: 5))),
                                after: max(1, reader.int("relay-after-seconds", default: 10)),
                                stalledAfter: max(1, reader.int("relay-stalled-seconds", default: 30)), logger: logger)
        let submit = try KafkaConsumer(configuration: kafka, groupID: reader.string("submit-group", default: "dala-ingest-submit"),
                                       topics: [Topics.submit], logger: logger)
        let router = buildRouter(intake: intake, validator: validator,
                                 operational: OperationalRoutes(service: "dala-ingest", postgres: postgres, kafka: kafka),
                                 access: access)
        let app = Application(router: router, server: ServiceHTTP.server,
                              configuration: .init(address: .hostname(config.httpHost, port: config.httpPort),
                                                   serverName: "dala-ingest"), logger: logger)
        let group = ServiceGroup(configuration: .init(services: [
            .init(service: ClosingService(name: "postgres") { await postgres.shutdown() }),
            .init(service: ClosingService(name: "producer") { await producer.shutdown() }),
            .init(service: TopicKeeper(partitions: config.topicPartitions, kafka: kafka, logger: logger)),
            .init(service: relay),
            .init(service: SubmitConsumer(consumer: submit, intake: intake, validator: validator,
                                          deadLetters: DeadLetterPublisher(producer: producer, service: "dala-ingest", logger: logger),
                                          logger: logger)),
            .init(service: app),
        ], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        logger.info("ingest API listening", metadata: ["http": "\(config.httpHost):\(config.httpPort)"])
        try await group.run()
        logger.warning("service group ended; exiting")
    }
}
