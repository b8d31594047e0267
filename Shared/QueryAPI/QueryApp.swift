import DalaKafka
import DalaPostgres
import DalaService
import DalaStorage
import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import ServiceLifecycle

/// The query service: read-only HTTP API over PostgreSQL. It never talks to the other services; its one Kafka
/// producer serves `POST /v1/reprocess` only.
public enum QueryApp {
    public static func buildRouter(store: QueryStore, vocabulary: any SearchVocabulary,
                                   operational: OperationalRoutes,
                                   reprocessing: Reprocessing? = nil,
                                   submissions: (any SubmissionPublisher)? = nil,
                                   access: AccessPolicy = AccessPolicy(),
                                   upload: UploadSettings = UploadSettings()) -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: ProblemMiddleware())
        router.add(middleware: MetricsMiddleware())
        // Reads need a token only when read tokens are configured, writes (the upload form) a write token; reprocess
        // checks its own tokens (the operator token too).
        router.add(middleware: AccessMiddleware(policy: access, realm: "dala-query", selfGuarded: ["/v1/reprocess"]))
        router.add(middleware: UnroutedMiddleware())
        operational.register(on: router)
        let controller = QueryController(store: store, vocabulary: vocabulary, reprocessing: reprocessing)
        controller.register(on: router)
        // The analyst's pages (server-rendered HTML over the same store); uploads go to ingest through Kafka.
        WebPages(store: store, vocabulary: vocabulary, searchKeys: controller.searchKeys, submissions: submissions,
                 upload: upload).register(on: router)
        FileRoutes(files: FileStore(client: store.client)).register(on: router)  // originals and page maps (issue 16)
        return router
    }

    /// The query API's HTTP/1.1 server: the one every service runs (`ServiceHTTP.server`).
    public static var httpServer: HTTPServerBuilder { ServiceHTTP.server }
}

/// Requests no route takes: a known path with another method is a 405 with `Allow` (not the router's bare 404),
/// an unknown path a 404 that points at the spec. Sits inside `ProblemMiddleware`, so it sees the router's own
/// `HTTPError(.notFound)`; the handlers' "no such document" 404s are `Problem`s and pass untouched.
struct UnroutedMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Method and path pattern of every route, the operational ones included.
    static var routes: [(method: String, path: [Substring])] {
        var routes: [(method: String, path: [Substring])] = QueryRoute.allCases.map { ($0.endpoint.method, $0.endpoint.path.split(separator: "/")) }
        for path in ["/healthz", "/readyz", "/metrics"] + WebPages.paths { routes.append(("GET", path.split(separator: "/"))) }
        routes.append(("POST", ["upload"]))
        return routes
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let segments = request.uri.path.split(separator: "/")
            let allowed = Self.routes.filter { route in
                route.path.count == segments.count
                    && zip(route.path, segments).allSatisfy { pattern, segment in pattern == "{id}" || pattern == segment }
            }.map(\.method)
            guard !allowed.isEmpty else {
                throw Problem.notFound("No route \(request.method) \(ProblemText.short(request.uri.path)); the API is described at /openapi.json.")
            }
            let allow = Array(Set(allowed)).sorted().joined(separator: ", ")
            var response = try Problem(.methodNotAllowed, "Method not allowed",
                                       detail: "\(ProblemText.short(request.method.rawValue)) is not allowed here; use \(allow).")
                .response(from: request, context: context)
            response.headers[.allow] = allow
            return response
        }
    }
}

/// Client-supplied text shortened and stripped of control characters for an error message.
enum ProblemText {
    static func short(_ s: String, _ limit: Int = 100) -> String {
        let kept = s.unicodeScalars.prefix(limit).filter { $0.value >= 0x20 && $0.value != 0x7F }
        return String(String.UnicodeScalarView(kept)) + (s.unicodeScalars.count > limit ? "…" : "")
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
