// swift-tools-version:6.0
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "dala",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "dala-ingest", targets: ["DalaIngest"]),
        .executable(name: "dala-enrichment", targets: ["DalaEnrichment"]),
        .executable(name: "dala-query", targets: ["DalaQuery"]),
        .executable(name: "dala", targets: ["DalaCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.6.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.80.0"),
    ],
    targets: [
        // C libraries from the system, one module each.
        .systemLibrary(
            name: "CLibPQ", path: "Shared/CLibPQ", pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        .systemLibrary(
            name: "CRdKafka", path: "Shared/CRdKafka", pkgConfig: "rdkafka",
            providers: [.apt(["librdkafka-dev"])]
        ),
        .systemLibrary(
            name: "CPoppler", path: "Shared/CPoppler", pkgConfig: "poppler-glib",
            providers: [.apt(["libpoppler-glib-dev", "libcairo2-dev"])]
        ),
        .systemLibrary(
            name: "CTesseract", path: "Shared/CTesseract", pkgConfig: "tesseract",
            providers: [.apt(["libtesseract-dev"])]
        ),
        .systemLibrary(name: "CZlib", path: "Shared/CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // Text from PDF (text layer and OCR), DOCX and HTML files: no network or database, bounded by limits.
        .target(
            name: "DalaExtract", dependencies: ["CPoppler", "CTesseract", "CZlib", "DalaLanguages"], path: "Shared/DalaExtract",
            swiftSettings: swiftSettings
        ),

        // Domain model: documents, annotations, message envelopes. No I/O.
        .target(name: "DalaCore", dependencies: ["DalaLanguages"], path: "Shared/DalaCore", swiftSettings: swiftSettings),
        // The analysis languages: registry (languages.tsv), one data folder per language, the one data-file reader,
        // case fold and word key.
        .target(
            name: "DalaLanguages", path: "Shared/DalaLanguages", resources: [.copy("Resources")], swiftSettings: swiftSettings
        ),
        // Text analysis engine: pure Swift, no I/O, data in resources.
        .target(
            name: "DalaText", dependencies: ["DalaLanguages"], path: "Shared/DalaText", exclude: ["SCHEMA.md"],
            resources: [.copy("Resources")], swiftSettings: swiftSettings
        ),
        // Entity recognition: morphology (kk/ru/en), knowledge base, mentions, cross-lingual linking.
        .target(
            name: "DalaEntities", dependencies: ["DalaText"], path: "Shared/DalaEntities",
            resources: [.copy("Resources")], swiftSettings: swiftSettings
        ),
        // Time expressions, events with evidence, keywords.
        .target(
            name: "DalaEvents", dependencies: ["DalaLanguages", "DalaText", "DalaEntities"], path: "Shared/DalaEvents",
            resources: [.copy("Resources")], swiftSettings: swiftSettings
        ),
        // PostgreSQL client over libpq.
        .target(
            name: "DalaPostgres", dependencies: [
                "CLibPQ",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ], path: "Shared/DalaPostgres", swiftSettings: swiftSettings
        ),
        // Kafka client over librdkafka.
        .target(
            name: "DalaKafka", dependencies: [
                "CRdKafka",
                .product(name: "Logging", package: "swift-log"),
            ], path: "Shared/DalaKafka", swiftSettings: swiftSettings
        ),
        // Schema migrations and repositories over DalaPostgres.
        .target(
            name: "DalaStorage", dependencies: ["DalaCore", "DalaPostgres",
                .product(name: "Logging", package: "swift-log"),
            ], path: "Shared/DalaStorage", resources: [.copy("Migrations")], swiftSettings: swiftSettings
        ),
        // Service support: configuration, HTTP errors, health and metrics routes, Kafka/PG services.
        .target(
            name: "DalaService", dependencies: [
                "DalaCore", "DalaKafka", "DalaPostgres", "DalaStorage",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ], path: "Shared/DalaService", swiftSettings: swiftSettings
        ),

        // Scoring against annotated passages and throughput benchmarks (`dala bench`, tests); not in the runtime path.
        .target(
            name: "DalaEvaluation", dependencies: ["DalaText", "DalaEntities", "DalaEvents"], path: "Shared/DalaEvaluation",
            resources: [.copy("Resources")], swiftSettings: swiftSettings
        ),
        // The whole analysis (stages 1-3) behind one call, and its mapping to storage rows.
        .target(
            name: "DalaAnalysis", dependencies: ["DalaCore", "DalaText", "DalaEntities", "DalaEvents"],
            path: "Shared/DalaAnalysis", swiftSettings: swiftSettings
        ),
        // Service logic, kept out of the executables so tests build the same applications.
        .target(
            name: "IngestAPI", dependencies: ["DalaService", "DalaExtract", .product(name: "NIOCore", package: "swift-nio")], path: "Shared/IngestAPI", swiftSettings: swiftSettings
        ),
        .target(
            name: "EnrichmentWorker", dependencies: ["DalaService", "DalaAnalysis", "DalaExtract"],
            path: "Shared/EnrichmentWorker", swiftSettings: swiftSettings
        ),
        .target(
            name: "QueryAPI", dependencies: ["DalaService", "DalaLanguages"], path: "Shared/QueryAPI", resources: [.copy("Resources")],
            swiftSettings: swiftSettings
        ),

        .executableTarget(
            name: "DalaIngest", dependencies: ["IngestAPI", "DalaService"],
            path: "Services/Ingest", swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "DalaEnrichment", dependencies: ["EnrichmentWorker"],
            path: "Services/Enrichment", swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "DalaQuery", dependencies: [
                "QueryAPI", "DalaAnalysis", "DalaService",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Services/Query", swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "DalaCLI", dependencies: [
                "DalaCore", "DalaAnalysis", "DalaEvaluation", "DalaText", "DalaEntities", "DalaEvents", "DalaStorage",
                "DalaPostgres",
                "DalaExtract",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ], path: "Services/CLI", swiftSettings: swiftSettings
        ),

        // Unit tests: no servers.
        .testTarget(name: "DalaTextTests", dependencies: ["DalaText", "DalaEvaluation"], path: "Tests/DalaTextTests",
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "DalaEntitiesTests", dependencies: ["DalaEntities", "DalaEvaluation"], path: "Tests/DalaEntitiesTests",
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "DalaEventsTests", dependencies: ["DalaEvents", "DalaEvaluation"], path: "Tests/DalaEventsTests",
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "DalaLanguagesTests", dependencies: ["DalaLanguages"], path: "Tests/DalaLanguagesTests"),
        .testTarget(name: "DalaAnalysisTests", dependencies: ["DalaAnalysis"], path: "Tests/DalaAnalysisTests",
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "DalaCoreTests", dependencies: ["DalaCore"], path: "Tests/DalaCoreTests"),
        .testTarget(name: "DalaExtractTests", dependencies: ["DalaExtract", "DalaAnalysis"], path: "Tests/DalaExtractTests",
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "DalaKafkaTests", dependencies: ["DalaKafka"], path: "Tests/DalaKafkaTests"),
        // The web workspace's HTML, pictures and data files (no servers).
        .testTarget(name: "QueryAPITests", dependencies: ["QueryAPI", "DalaEvents"], path: "Tests/QueryAPITests"),
        // Integration tests: real PostgreSQL and the real broker, addresses from the environment.
        .testTarget(
            name: "IntegrationTests", dependencies: [
                "DalaCore", "DalaKafka", "DalaPostgres", "DalaStorage", "DalaService", "IngestAPI", "QueryAPI",
                "EnrichmentWorker", "DalaAnalysis", "DalaExtract",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ], path: "Tests/IntegrationTests"
        ),
    ]
)
