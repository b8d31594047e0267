import DalaAnalysis
import DalaCore
import DalaKafka
import DalaPostgres
import DalaService
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// The enrichment worker process: the consumer loop plus a small HTTP server for health and metrics.
public enum EnrichmentApp {
    public static func run(reader: ConfigReader = ConfigReader()) async throws {
        let config = ServiceConfiguration(reader: reader, defaultPort: 8082)
        let logger = Observability.bootstrap(service: "dala-enrichment", level: config.logLevel)
        var settings = EnrichmentWorker.Settings(
            maxAttempts: max(1, reader.int("max-attempts", default: 3)),
            workerName: reader.string("worker-name", default: "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"))
        settings.batchSize = max(1, reader.int("batch-size", default: settings.batchSize))
        settings.batchCharacters = max(1, reader.int("batch-characters", default: settings.batchCharacters))
        let kafka = config.kafka(clientID: settings.workerName)
        let postgres = PostgresClient(configuration: config.postgres, logger: logger)
        try await StartUp.prepare(configuration: config, postgres: postgres, kafka: kafka, logger: logger)

        let loadStart = Date()
        let pipeline = try Pipeline()
        logger.info("analysis pipeline loaded", metadata: ["extractor.version": "\(Pipeline.version)",
                                                           "config.hash": "\(pipeline.configHash)",
                                                           LogKey.duration: "\(Int(Date().timeIntervalSince(loadStart) * 1000))"])
        let producer = try KafkaProducer(configuration: kafka, logger: logger)
        let consumer = try KafkaConsumer(configuration: kafka, groupID: reader.string("consumer-group", default: "dala-enrichment"),
                                         topics: [Topics.ingested], logger: logger)
        let worker = EnrichmentWorker(consumer: consumer, producer: producer, postgres: postgres, pipeline: pipeline,
                                      settings: settings, logger: logger)
        // The story linker (on unless `--story-linker false`: at least one process of a deployment must run it).
        var storySettings = StoryLinkerService.Settings()
        storySettings.batchSize = max(1, reader.int("story-batch-size", default: storySettings.batchSize))
        storySettings.linger = .milliseconds(max(0, reader.int("story-linger-ms", default: 500)))
        storySettings.sweepSeconds = max(0, reader.int("story-sweep-seconds", default: storySettings.sweepSeconds))
        let storyLinker = try reader.bool("story-linker", default: true)
            ? StoryLinkerService(
                consumer: KafkaConsumer(configuration: kafka, groupID: reader.string("story-consumer-group", default: "dala-stories"),
                                        topics: [Topics.enriched], logger: logger, bufferCapacity: storySettings.batchSize),
                producer: producer, postgres: postgres, settings: storySettings, logger: logger)
            : nil
        let router = Router()
        router.add(middleware: ProblemMiddleware())
        OperationalRoutes(service: "dala-enrichment", postgres: postgres, kafka: kafka).register(on: router)
        let app = Application(router: router, server: ServiceHTTP.server,
                              configuration: .init(address: .hostname(config.httpHost, port: config.httpPort),
                                                   serverName: "dala-enrichment"), logger: logger)
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: ClosingService(name: "postgres") { await postgres.shutdown() }),
            .init(service: ClosingService(name: "producer") { await producer.shutdown() }),
            .init(service: TopicKeeper(partitions: config.topicPartitions, kafka: kafka, logger: logger)),
            .init(service: app),
            .init(service: worker),
        ]
        if let storyLinker { services.append(.init(service: storyLinker)) }
        let group = ServiceGroup(configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
        logger.warning("service group ended; exiting")
    }
}
