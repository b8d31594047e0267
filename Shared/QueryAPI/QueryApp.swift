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
    public static func buildRouter(store: QueryStore, vocabulary: any SearchVocabulary,
                                   operational: OperationalRoutes) -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: ProblemMiddleware())
        router.add(middleware: MetricsMiddleware())
        operational.register(on: router)
        QueryController(store: store, vocabulary: vocabulary).register(on: router)
        return router
    }
}
