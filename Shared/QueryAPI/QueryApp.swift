import DalaKafka
import DalaPostgres
import DalaService
import DalaStorage
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// The query service: read-only HTTP API over PostgreSQL. It never talks to the other services; its one Kafka
/// producer serves `POST /v1/reprocess` only.
public enum QueryApp {
    public static func buildRouter(store: QueryStore, vocabulary: any SearchVocabulary,
                                   operational: OperationalRoutes,
                                   reprocessing: Reprocessing? = nil) -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: ProblemMiddleware())
        router.add(middleware: MetricsMiddleware())
        operational.register(on: router)
        QueryController(store: store, vocabulary: vocabulary, reprocessing: reprocessing).register(on: router)
        return router
    }
}

/// Keeps the derived statistics of migration 0002 (entity counts, co-occurrence, timelines) current: every
/// `interval` it refreshes them if an extraction run finished since the last refresh. After a refresh that took
/// d seconds it waits at least 3·d, so on a large store the refresh never takes more than a quarter of the time.
public struct StatisticsRefresher: Service {
    let store: QueryStore
    let interval: Duration
    let logger: Logger

    /// `interval`: `--stats-refresh-seconds` / `DALA_STATS_REFRESH_SECONDS`, default 30 s.
    public init(store: QueryStore, interval: Duration = .seconds(30), logger: Logger) {
        self.store = store; self.interval = interval; self.logger = logger
    }

    public func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                let clock = ContinuousClock()
                let started = clock.now
                do {
                    if try await store.refreshDerived() {
                        let took = clock.now - started
                        let ms = Double(took.components.seconds) * 1000 + Double(took.components.attoseconds) / 1e15
                        logger.info("refreshed derived statistics", metadata: [LogKey.duration: "\(Int(ms))"])
                        try await Task.sleep(for: max(interval, took * 3))
                        continue
                    }
                } catch is CancellationError {
                    return
                } catch {
                    logger.warning("refreshing derived statistics failed", metadata: [LogKey.error: "\(error)"])
                }
                try await Task.sleep(for: interval)
            }
        }
    }
}
