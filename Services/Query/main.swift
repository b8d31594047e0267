import DalaAnalysis
import DalaKafka
import DalaPostgres
import DalaService
import DalaStorage
import Hummingbird
import QueryAPI
import ServiceLifecycle

// The query service: read-only HTTP API over PostgreSQL; it never talks to the other services. Its one Kafka producer
// serves POST /v1/reprocess only.
let reader = ConfigReader()
ServiceRuntime.configureExecutor(reader)
let config = ServiceConfiguration(reader: reader, defaultPort: 8080)
let logger = Observability.bootstrap(service: "dala-query", level: config.logLevel)
// Reads stay open unless read tokens are configured; the upload form needs a write token when tokens are configured;
// POST /v1/reprocess checks the operator and write tokens itself.
let access = try AccessPolicy.load(reader, host: config.httpHost, service: "dala-query", logger: logger)
let kafka = config.kafka(clientID: "dala-query")
let postgres = PostgresClient(configuration: config.postgres, logger: logger)
try await StartUp.prepare(configuration: config, postgres: postgres, kafka: kafka, logger: logger)
// Upload form limits (`--max-upload-file-bytes`, `--max-upload-bytes`): a file travels inside its submit message, so
// the producer takes messages that large unless `--kafka-properties` sets message.max.bytes itself.
let upload = UploadSettings(reader: reader)
var producerKafka = kafka
if producerKafka.properties["message.max.bytes"] == nil { producerKafka.properties["message.max.bytes"] = String(upload.messageMaxBytes) }
let producer = try KafkaProducer(configuration: producerKafka, logger: logger)
let store = QueryStore(client: postgres)
// Operator token for POST /v1/reprocess (`--operator-token`, `DALA_OPERATOR_TOKEN`); unset disables the endpoint.
let reprocessing = Reprocessing(operatorToken: reader.optionalString("operator-token"), apiTokens: access.write,
                                extractorVersion: Pipeline.version,
                                publisher: KafkaRepublisher(producer: producer))
let router = QueryApp.buildRouter(store: store, vocabulary: try Pipeline(),
                                  operational: OperationalRoutes(service: "dala-query", postgres: postgres, kafka: kafka),
                                  reprocessing: reprocessing,
                                  // The upload page hands documents to ingest through dala.documents.submit.
                                  submissions: KafkaSubmissionPublisher(producer: producer), access: access,
                                  upload: upload)
let app = Application(router: router, server: QueryApp.httpServer, configuration: .init(address: .hostname(config.httpHost, port: config.httpPort),
                                                           serverName: "dala-query"), logger: logger)
logger.info("query API listening", metadata: ["http": "\(config.httpHost):\(config.httpPort)"])
try await ServiceGroup(configuration: .init(services: [
    .init(service: ClosingService(name: "postgres") { await postgres.shutdown() }),
    .init(service: ClosingService(name: "producer") { await producer.shutdown() }),
    // Seconds between checks for new extraction runs (`--stats-refresh-seconds`, `DALA_STATS_REFRESH_SECONDS`). Default 30.
    .init(service: StatisticsRefresher(store: store, interval: .seconds(max(1, reader.int("stats-refresh-seconds", default: 30))),
                                       logger: logger)),
    .init(service: TopicKeeper(partitions: config.topicPartitions, kafka: kafka, logger: logger)),
    .init(service: app),
], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)).run()
