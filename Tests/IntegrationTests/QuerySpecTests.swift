import DalaCore
import DalaKafka
import DalaService
import DalaStorage
import Foundation
import Hummingbird
import QueryAPI
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Records what `POST /v1/reprocess` would publish.
final class RecordingRepublisher: DocumentRepublisher, @unchecked Sendable {
    // Confinement: `published` is only touched under `lock`.
    private let lock = NSLock()
    private var published: [ReprocessCandidate] = []
    var documents: [ReprocessCandidate] { lock.withLock { published } }
    func republish(_ documents: [ReprocessCandidate]) async throws { lock.withLock { published += documents } }
}

/// The spec at the repository root, as committed.
enum RepoSpec {
    static var url: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("openapi.json")
    }
    static func load() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }
}

@Suite(.serialized, .enabled(if: Env.pgURL != nil, "set DALA_TEST_PG_URL (make test does) to run query API tests"))
struct QuerySpecTests {
    static let token = "qt-operator-\(UUID().uuidString)"

    /// Sample values for path ids, so every route can be called for real.
    static func concretePath(_ path: String, route: QueryRoute, ids: [UUID], eventID: String) -> String {
        switch route {
        case .document, .documentText, .documentAnnotations: path.replacingOccurrences(of: "{id}", with: ids[0].uuidString)
        case .entity, .entityMentions, .entityCooccurrences: path.replacingOccurrences(of: "{id}", with: "qt:kz")
        case .event: path.replacingOccurrences(of: "{id}", with: eventID)
        default: path
        }
    }

    @Test func everyRouteIsInTheSpecAndEverySpecOperationIsARoute() async throws {
        let spec = try RepoSpec.load()
        #expect(spec["openapi"] as? String == "3.1.0")
        let paths = try #require(spec["paths"] as? [String: [String: Any]])
        var specOps = Set<String>()
        for (path, ops) in paths {
            for method in ops.keys where ["get", "post", "put", "delete", "patch", "head"].contains(method) {
                specOps.insert(method.uppercased() + " " + path)
            }
        }
        // The routes the query service's router really has (not a list kept beside it: `/v1/documents/{id}/pages` and
        // `/file` were registered outside `QueryRoute` and missing from the spec), less the HTML pages and the probes.
        let pg = Env.postgres(poolSize: 1)
        let router = QueryApp.buildRouter(store: QueryStore(client: pg), vocabulary: FakeVocabulary(),
                                          operational: OperationalRoutes(service: "spec", postgres: pg, kafka: Env.kafka("spec")))
        await pg.shutdown()
        let unspecified = Set(["/healthz", "/readyz", "/metrics"] + WebPages.paths)
        let routeOps = Set(router.routes.map { ($0.method.rawValue, $0.path.description) }
            .filter { !unspecified.contains($0.1) }.map { $0.0 + " " + $0.1 })
        #expect(routeOps.contains("GET /v1/documents/{id}/pages") && routeOps.contains("GET /v1/search"), "\(routeOps.sorted())")
        let declared = Set(QueryRoute.allCases.map { $0.endpoint.method + " " + $0.endpoint.path })
        #expect(declared.subtracting(routeOps).isEmpty, "QueryRoute cases without a route: \(declared.subtracting(routeOps).sorted())")
        #expect(routeOps.subtracting(specOps).isEmpty, "routes missing from openapi.json: \(routeOps.subtracting(specOps).sorted())")
        #expect(specOps.subtracting(routeOps).isEmpty, "spec operations without a route: \(specOps.subtracting(routeOps).sorted())")
        // Every $ref resolves.
        let text = try String(contentsOf: RepoSpec.url, encoding: .utf8)
        let schemas = try #require((spec["components"] as? [String: Any])?["schemas"] as? [String: Any])
        for match in text.matches(of: /"#\/components\/schemas\/([A-Za-z]+)"/) {
            #expect(schemas[String(match.1)] != nil, "unresolved $ref \(match.1)")
        }
    }

    @Test func theServerRoutesMatchTheSpecIncludingQueryParameters() async throws {
        let spec = try RepoSpec.load()
        let paths = try #require(spec["paths"] as? [String: [String: [String: Any]]])
        var queryParameters: [String: Set<String>] = [:]
        for (path, ops) in paths {
            for (method, operation) in ops {
                queryParameters[method.uppercased() + " " + path] = Set((operation["parameters"] as? [[String: Any]] ?? [])
                    .filter { $0["in"] as? String == "query" }.compactMap { $0["name"] as? String })
            }
        }
        let specQueryParameters = queryParameters
        let reprocessing = Reprocessing(operatorToken: Self.token, extractorVersion: "dala-0.1.0", publisher: RecordingRepublisher())
        try await withQueryServer(reprocessing: reprocessing) { base, ids, _ in
            let served = try await HTTP.send("GET", "\(base)/openapi.json")
            #expect(served.status == 200)
            #expect(served.body == (try Data(contentsOf: RepoSpec.url)), "the served spec is the repository's openapi.json")
            let eventID = try #require(items(try await getJSON("\(base)/v1/events?entity=qt:kz")).first?["id"] as? String)
            for route in QueryRoute.allCases {
                let (method, path) = route.endpoint
                let specParams = try #require(specQueryParameters[method + " " + path], "\(method) \(path) is not in the spec")
                let url = base + Self.concretePath(path, route: route, ids: ids, eventID: eventID)
                // The route exists: a bare call is not a routing 404 (entity/doc ids exist) and never a 5xx.
                let bare = try await HTTP.send(method, url + (route == .graph ? "?entity=qt:kz" : ""))
                #expect(bare.status < 500 && bare.status != 404 && bare.status != 405, "\(method) \(path) → \(bare.status)")
                // The parameters the server accepts are exactly the spec's query parameters.
                if route == .openAPI || route == .stats { continue }
                var request = URLRequest(url: URL(string: url + "?zz_unknown=1")!)
                request.httpMethod = method
                request.setValue("Bearer \(Self.token)", forHTTPHeaderField: "Authorization")
                let (data, response) = try await URLSession.shared.data(for: request)
                #expect((response as! HTTPURLResponse).statusCode == 400, "\(path) accepts an unknown parameter")
                let detail = (try? JSONSerialization.jsonObject(with: data) as? [String: Any])?["detail"] as? String ?? ""
                let listed = detail.components(separatedBy: "takes: ").last.map {
                    Set($0.trimmingCharacters(in: CharacterSet(charactersIn: ".")).components(separatedBy: ", ").filter { !$0.isEmpty })
                } ?? []
                #expect(listed == specParams, "\(method) \(path): server takes \(listed.sorted()), spec says \(specParams.sorted())")
            }
        }
    }

    /// `lang` is checked against the language registry (languages.tsv): Kyrgyz, registered after kk/ru/en and named by
    /// no column or list in the query code, is taken by every `lang` parameter.
    @Test func everyLangParameterTakesTheRegistrysLanguages() async throws {
        try await withQueryServer { base, ids, _ in
            for path in ["/v1/entities?lang=ky", "/v1/entities/qt:kz?lang=ky", "/v1/documents/\(ids[0].uuidString)?lang=ky",
                         "/v1/entities/qt:kz/cooccurrences?lang=ky", "/v1/graph?entity=qt:kz&lang=ky", "/v1/documents?lang=ky",
                         "/v1/search?q=x&lang=ky", "/v1/events?lang=ky", "/v1/export/mentions?lang=ky",
                         "/v1/entities/qt:kz/mentions?lang=ky"] {
                let reply = try await HTTP.send("GET", base + path)
                #expect(reply.status == 200, "\(path) → \(reply.status) \(reply.text.prefix(200))")
            }
        }
    }

    @Test func badInputIsAClearProblemNeverA500() async throws {
        try await withQueryServer { base, ids, _ in
            let doc = ids[0].uuidString
            let cases: [(String, String)] = [
                ("/v1/search?q=x&type=bogus", "type"),
                ("/v1/search?q=x&from=2024-13", "Bad date"),
                ("/v1/search?q=x&from=2024-02-30", "Bad date"),
                ("/v1/search?q=x&from=2021&to=2020", "after"),
                ("/v1/search?q=x&limit=100000", "at most"),
                ("/v1/search?q=x&limit=-1", "positive"),
                ("/v1/search?q=x&limit=99999999999999999999999", "positive"),
                ("/v1/search?q=x&cursor=not-a-cursor", "cursor"),
                ("/v1/search?q=x&cursor=\(Cursor.encode(["events", "2020-01-01", doc]))", "cursor"),
                ("/v1/search?q=x&cursor=\(Cursor.encode(["search-sentence", "1e50", doc, "0"]))", "cursor"),
                ("/v1/search", "Give a query"),
                ("/v1/search?q=x&q=y", "more than once"),
                ("/v1/search?q=x&lang=xx", "lang"),
                ("/v1/entities?lang=zz", "lang"),
                ("/v1/entities/qt:kz?lang=uz", "lang"),     // uz is no registry language: no labels in it
                ("/v1/documents?lang=qq", "lang"),
                ("/v1/documents?cursor=\(Cursor.encode(["documents", "2026-13-45T99:00:00Z", doc]))", "cursor"),
                ("/v1/documents?status=done", "status"),
                ("/v1/documents/not-a-uuid", "UUID"),
                ("/v1/documents/\(doc)/text?start=5&end=2", "end"),
                ("/v1/documents/\(doc)/text?start=-1", "start"),
                ("/v1/entities?type=planet", "type"),
                ("/v1/entities?cursor=\(Cursor.encode(["entities", "x", "y"]))", "cursor"),
                ("/v1/entities/qt:kz/cooccurrences?window=paragraph", "window"),
                ("/v1/entities/qt:kz/cooccurrences?min_count=0", "min_count"),
                ("/v1/entities/qt:kz/mentions?cursor=\(Cursor.encode(["mentions", "1; DROP TABLE x"]))", "cursor"),
                ("/v1/events?type=x'%20OR%201=1--", "type"),
                ("/v1/events?modality=bogus", "modality"),
                ("/v1/events?role=actor", "needs"),
                ("/v1/events?cursor=\(Cursor.encode(["events", "2020-02-31", doc]))", "cursor"),
                ("/v1/events/123", "UUID"),
                ("/v1/graph", "entity"),
                ("/v1/graph?entity=qt:kz&format=svg", "format"),
                ("/v1/timeline?from=yesterday", "Bad date"),
                ("/v1/export/mentions?document=nope", "UUID"),
            ]
            for (path, needle) in cases {
                let reply = try await HTTP.send("GET", base + path)
                #expect(reply.status == 400, "\(path) → \(reply.status) \(reply.text.prefix(200))")
                #expect(reply.contentType?.hasPrefix("application/problem+json") == true, "\(path)")
                let detail = reply.json?["detail"] as? String ?? ""
                #expect(detail.localizedCaseInsensitiveContains(needle), "\(path): \(detail)")
            }
            // Hostile but well-formed values are data, not SQL: they find nothing and fail nothing.
            for path in ["/v1/search?q=\(q("'; DROP TABLE documents; --"))", "/v1/search?q=\(q("a & b | !c <-> d:*"))",
                         "/v1/entities?name=\(q("') OR 1=1 --"))", "/v1/entities/\(q("x'; --"))", "/v1/documents?extractor_version=\(q("'"))",
                         "/v1/search?q=\(q(String(repeating: "ә", count: 500)))", "/v1/events?entity=\(q("\u{202E}\u{0301}"))"] {
                let reply = try await HTTP.send("GET", base + path)
                #expect(reply.status < 500, "\(path) → \(reply.status)")
            }
        }
    }

    @Test func reprocessingNeedsTheOperatorTokenAndRepublishesOlderVersions() async throws {
        let recorder = RecordingRepublisher()
        let reprocessing = Reprocessing(operatorToken: Self.token, extractorVersion: "dala-0.1.0", publisher: recorder)
        try await withQueryServer(reprocessing: reprocessing) { base, ids, pg in
            let anonymous = try await HTTP.send("POST", "\(base)/v1/reprocess")
            #expect(anonymous.status == 401)
            var wrong = URLRequest(url: URL(string: "\(base)/v1/reprocess")!)
            wrong.httpMethod = "POST"
            wrong.setValue("Bearer nope", forHTTPHeaderField: "Authorization")
            #expect((try await URLSession.shared.data(for: wrong).1 as! HTTPURLResponse).statusCode == 403)
            #expect(recorder.documents.isEmpty)

            func post(_ query: String) async throws -> (Int, [String: Any]) {
                var r = URLRequest(url: URL(string: "\(base)/v1/reprocess\(query)")!)
                r.httpMethod = "POST"
                r.setValue("Bearer \(Self.token)", forHTTPHeaderField: "Authorization")
                let (data, response) = try await URLSession.shared.data(for: r)
                return ((response as! HTTPURLResponse).statusCode, (try? JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:])
            }
            let (dryStatus, dry) = try await post("?dry_run=true")
            #expect(dryStatus == 200 && dry["running_version"] as? String == "dala-0.1.0")
            #expect(((dry["older_versions"] as? [String: Int])?[QueryFixture.version] ?? 0) >= 4)
            #expect(recorder.documents.isEmpty)

            // Two at a time until done: every fixture document once, only older versions.
            var cursor: String? = nil, calls = 0
            repeat {
                let (status, body) = try await post("?limit=2" + (cursor.map { "&cursor=\($0)" } ?? ""))
                #expect(status == 202)
                cursor = body["next_cursor"] as? String
                calls += 1
            } while cursor != nil && calls < 10_000
            let published = recorder.documents
            #expect(Set(ids).isSubset(of: Set(published.map(\.id))))
            #expect(Set(published.map(\.id)).count == published.count)
            #expect(published.allSatisfy { $0.extractorVersion != "dala-0.1.0" })
            // Older results stay queryable, tagged with their version, until a worker replaces them.
            let doc = try await getJSON("\(base)/v1/documents/\(ids[0].uuidString)")
            #expect(doc["extractor_version"] as? String == QueryFixture.version)
            _ = pg
        }
        // Through the real broker: the envelope enrichment consumes, with reprocess_from (a topic of this test's own,
        // so no enrichment worker of another test picks the fixture up).
        if Env.brokers != nil {
            let topic = "dala.test.reprocess-\(UUID().uuidString.prefix(8))"
            // Producers do not create topics (`KafkaProducer.defaultProperties`): the services' start-up does.
            try await KafkaAdmin.createTopics([topic], partitions: 1, configuration: Env.kafka("dala-test-admin"))
            let producer = try KafkaProducer(configuration: Env.kafka("dala-query-test"), logger: Env.logger)
            let candidate = ReprocessCandidate(id: UUID(), sha256: "abc", extractorVersion: "dala-0.0.9")
            try await KafkaRepublisher(producer: producer, topic: topic).republish([candidate])
            await producer.shutdown()
            let message = try #require(try await awaitMessage(on: topic) { _ in true })
            let envelope = try DalaJSON.decode(Envelope<DocumentIngested>.self, from: message.value)
            #expect(envelope.type == DocumentIngested.type && envelope.producer == "dala-query")
            #expect(envelope.payload == DocumentIngested(documentID: candidate.id, sha256: "abc", reprocessFrom: "dala-0.0.9"))
            #expect(message.key == MessageKey.document(candidate.id))
        }
        // Without a configured token the endpoint is off.
        let off = Reprocessing(operatorToken: nil, extractorVersion: "dala-0.1.0", publisher: recorder)
        try await withQueryServer(reprocessing: off) { base, _, _ in
            let reply = try await HTTP.send("POST", "\(base)/v1/reprocess")
            #expect(reply.status == 503)
        }
    }
}
