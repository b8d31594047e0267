import DalaAnalysis
import DalaPostgres
import DalaService
import DalaStorage
import Hummingbird
import QueryAPI
import ServiceLifecycle

extension Pipeline: @retroactive SearchVocabulary {}

// The query service: read-only HTTP API over PostgreSQL; it never talks to the other services.
let reader = ConfigReader()
let config = ServiceConfiguration(reader: reader, defaultPort: 8080)
let logger = Observability.bootstrap(service: "dala-query", level: config.logLevel)
let kafka = config.kafka(clientID: "dala-query")
let postgres = PostgresClient(configuration: config.postgres, logger: logger)
try await StartUp.prepare(configuration: config, postgres: postgres, kafka: kafka, logger: logger)
let router = QueryApp.buildRouter(store: QueryStore(client: postgres), vocabulary: try Pipeline(),
                                  operational: OperationalRoutes(service: "dala-query", postgres: postgres, kafka: kafka))
let app = Application(router: router, configuration: .init(address: .hostname(config.httpHost, port: config.httpPort),
                                                           serverName: "dala-query"), logger: logger)
logger.info("query API listening", metadata: ["http": "\(config.httpHost):\(config.httpPort)"])
try await ServiceGroup(configuration: .init(services: [
    .init(service: ClosingService(name: "postgres") { await postgres.shutdown() }),
    .init(service: app),
], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)).run()
