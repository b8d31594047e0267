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
                                   operational: OperationalRoutes) -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: ProblemMiddleware())
        router.add(middleware: MetricsMiddleware())
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
        let kafka = config.kafka(clientID: "dala-ingest")
        let postgres = PostgresClient(configuration: config.postgres, logger: logger)
        try await StartUp.prepare(configuration: config, postgres: postgres, kafka: kafka, logger: logger)

        let producer = try KafkaProducer(configuration: kafka, logger: logger)
        let intake = DocumentIntake(documents: DocumentStore(client: postgres), producer: producer, logger: logger)
        let submit = try KafkaConsumer(configuration: kafka, groupID: reader.string("submit-group", default: "dala-ingest-submit"),
                                       topics: [Topics.submit], logger: logger)
        let router = buildRouter(intake: intake, validator: validator,
                                 operational: OperationalRoutes(service: "dala-ingest", postgres: postgres, kafka: kafka))
        let app = Application(router: router, server: ServiceHTTP.server,
                              configuration: .init(address: .hostname(config.httpHost, port: config.httpPort),
                                                   serverName: "dala-ingest"), logger: logger)
        let group = ServiceGroup(configuration: .init(services: [
            .init(service: ClosingService(name: "postgres") { await postgres.shutdown() }),
            .init(service: ClosingService(name: "producer") { await producer.shutdown() }),
            .init(service: OutboxRelay(intake: intake, logger: logger)),
            .init(service: SubmitConsumer(consumer: submit, intake: intake, validator: validator,
                                          deadLetters: DeadLetterPublisher(producer: producer, service: "dala-ingest", logger: logger),
                                          logger: logger)),
            .init(service: app),
        ], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        logger.info("ingest API listening", metadata: ["http": "\(config.httpHost):\(config.httpPort)"])
        try await group.run()
    }
}
