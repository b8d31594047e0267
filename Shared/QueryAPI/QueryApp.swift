import DalaAnalysis
import DalaKafka
import DalaPostgres
import DalaService
import DalaStorage
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// The query service: read-only HTTP API over PostgreSQL. It never talks to the other services.
public enum QueryApp {
    public static func buildRouter(store: QueryStore, pipeline: Pipeline, operational: OperationalRoutes) -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: ProblemMiddleware())
        router.add(middleware: MetricsMiddleware())
        operational.register(on: router)
        QueryController(store: store, pipeline: pipeline).register(on: router)
        return router
    }

    public static func run(reader: ConfigReader = ConfigReader()) async throws {
        let config = ServiceConfiguration(reader: reader, defaultPort: 8080)
        let logger = Observability.bootstrap(service: "dala-query", level: config.logLevel)
        let kafka = config.kafka(clientID: "dala-query")
        let postgres = PostgresClient(configuration: config.postgres, logger: logger)
        try await StartUp.prepare(configuration: config, postgres: postgres, kafka: kafka, logger: logger)
        let pipeline = try Pipeline()
        let router = buildRouter(store: QueryStore(client: postgres), pipeline: pipeline,
                                 operational: OperationalRoutes(service: "dala-query", postgres: postgres, kafka: kafka))
        let app = Application(router: router, configuration: .init(address: .hostname(config.httpHost, port: config.httpPort),
                                                                   serverName: "dala-query"), logger: logger)
        let group = ServiceGroup(configuration: .init(services: [
            .init(service: ClosingService(name: "postgres") { await postgres.shutdown() }),
            .init(service: app),
        ], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        logger.info("query API listening", metadata: ["http": "\(config.httpHost):\(config.httpPort)"])
        try await group.run()
    }
}
