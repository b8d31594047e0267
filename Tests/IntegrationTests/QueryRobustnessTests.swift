import DalaService
import DalaStorage
import Foundation
import Hummingbird
import HummingbirdCore
import NIOCore
import NIOPosix
import QueryAPI
import ServiceLifecycle
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The bugs schemathesis and hand-made hostile requests found in the query API (issue 6): every answer is a
/// problem+json with a message that says what is wrong, never a 500 or an empty body, and every id is lower-case.
@Suite(.serialized, .enabled(if: Env.pgURL != nil, "set DALA_TEST_PG_URL (make test does) to run query API tests"))
struct QueryRobustnessTests {
    static var lowerUUID: Regex<Substring> { /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/ }
    static var upperUUID: Regex<Substring> { /[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}/ }

    /// Expects a problem+json reply with `status` whose detail mentions `needle`.
    static func expectProblem(_ reply: HTTP.Reply, _ status: Int, _ needle: String, _ what: String,
                              sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(reply.status == status, "\(what) → \(reply.status) \(reply.text.prefix(200))", sourceLocation: sourceLocation)
        #expect(reply.contentType?.hasPrefix("application/problem+json") == true, "\(what): \(reply.contentType ?? "-")",
                sourceLocation: sourceLocation)
        #expect(reply.json?["status"] as? Int == status, "\(what): \(reply.text.prefix(200))", sourceLocation: sourceLocation)
        let detail = reply.json?["detail"] as? String ?? ""
        #expect(detail.localizedCaseInsensitiveContains(needle), "\(what): \(detail)", sourceLocation: sourceLocation)
    }

    @Test func everyIDTheAPISendsIsLowerCaseAndEitherCaseIsAccepted() async throws {
        try await withQueryServer { base, ids, _ in
            let upper = ids[0].uuidString, lower = ids[0].lowercasedString
            #expect(upper != lower)
            for spelling in [upper, lower] {
                // The plain body is rendered by PostgreSQL, the include=mentions body by JSONEncoder: both lower-case.
                for suffix in ["", "?include=mentions", "/annotations"] {
                    let reply = try await HTTP.send("GET", "\(base)/v1/documents/\(spelling)\(suffix)")
                    #expect(reply.status == 200, "\(spelling)\(suffix)")
                    let id = (reply.json?["id"] ?? reply.json?["document_id"]) as? String
                    #expect(id == lower, "\(suffix): \(id ?? "-")")
                }
            }
            let bodies = [
                "/v1/documents?limit=200", "/v1/search?q=\(q("Kazakhstan"))", "/v1/search?q=\(q("Kazakhstan"))&type=document",
                "/v1/events?entity=qt:kz", "/v1/entities/qt:kz/mentions", "/v1/export/events?format=csv",
                "/v1/export/events?format=jsonl", "/v1/export/mentions?entity=qt:kz&format=csv",
                "/v1/export/mentions?entity=qt:kz&format=jsonl", "/v1/documents/\(upper)?include=mentions",
            ]
            for path in bodies {
                let reply = try await HTTP.send("GET", base + path)
                #expect(reply.status == 200, "\(path)")
                #expect(reply.text.contains(Self.lowerUUID), "\(path) has ids")
                #expect(!reply.text.contains(Self.upperUUID), "\(path) has an upper-case id: \(reply.text.prefix(300))")
            }
            let event = try #require(items(try await getJSON("\(base)/v1/events?entity=qt:kz")).first?["id"] as? String)
            let byUpper = try await getJSON("\(base)/v1/events/\(event.uppercased())")
            #expect(byUpper["id"] as? String == event)
            // Only the canonical 8-4-4-4-12 spelling: Foundation's parser would also take braces.
            for bad in ["{\(lower)}", lower.replacingOccurrences(of: "-", with: ""), lower + "0", " \(lower)"] {
                Self.expectProblem(try await HTTP.send("GET", "\(base)/v1/documents/\(q(bad))"), 400, "UUID", bad)
            }
            Self.expectProblem(try await HTTP.send("GET", "\(base)/v1/export/mentions?document=\(q("{\(lower)}"))"), 400, "UUID",
                               "braced document filter")
        }
    }

    @Test func escapesThatAreNotUTF8AreAProblemNamingTheParameter() async throws {
        try await withQueryServer { base, _, _ in
            // Hummingbird turned %FF into U+FFFD and kept a malformed escape as typed, so these searched for garbage.
            for (path, needle) in [("/v1/search?q=%FF", "\"q\""), ("/v1/search?q=%C0%AF", "\"q\""),
                                   ("/v1/entities?name=%ED%A0%80", "\"name\""), ("/v1/search?q=x&%FF=1", "parameter name")] {
                Self.expectProblem(try await HTTP.send("GET", base + path), 400, needle, path)
                Self.expectProblem(try await HTTP.send("GET", base + path), 400, "UTF-8", path)
            }
            // Malformed escapes go out byte for byte (URLSession would re-encode the `%`).
            let port = try #require(Int(base.split(separator: ":").last ?? ""))
            for target in ["/v1/search?q=ab%G1", "/v1/search?q=x%", "/v1/search?q=%E2%82"] {
                let reply = try await RawHTTP.get(port: port, target: Array(target.utf8))
                #expect(reply.status == 400, "\(target) → \(reply.head)")
                let detail = (try? JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any])?["detail"] as? String ?? ""
                #expect(detail.contains("\"q\" is not valid percent-encoded UTF-8"), "\(target): \(detail)")
            }
            // A path escape that is not UTF-8 was looked up as the literal text "%FF" (a 404 about an entity "%FF").
            Self.expectProblem(try await HTTP.send("GET", "\(base)/v1/entities/%FF"), 400, "UTF-8", "entity %FF")
            Self.expectProblem(try await HTTP.send("GET", "\(base)/v1/entities/%FF/mentions"), 400, "UTF-8", "mentions %FF")
            Self.expectProblem(try await HTTP.send("GET", "\(base)/v1/entities/a%7Fb"), 400, "control", "DEL in an entity id")
            // Well-formed UTF-8 escapes still work, and `+` is a space as in any form-encoded query.
            let sco = items(try await getJSON("\(base)/v1/entities?name=Shanghai+Cooperation+Organisation"))
            #expect(sco.contains { $0["id"] as? String == "qt:sco" })
            let kz = items(try await getJSON("\(base)/v1/entities?name=\(q("Қазақстанның"))"))
            #expect(kz.contains { $0["id"] as? String == "qt:kz" })
            #expect(try await HTTP.send("GET", "\(base)/v1/entities/qt%3Akz").status == 200)
        }
    }

    @Test func hostileParameterValuesAreClearProblems() async throws {
        try await withQueryServer { base, ids, _ in
            let doc = ids[0].lowercasedString
            let huge = String(repeating: "a", count: 60_000)
            let cases: [(String, String)] = [
                ("/v1/search?q=x&from=99999-01-01", "Bad date"), ("/v1/search?q=x&from=0000-01-01", "Bad date"),
                ("/v1/events?to=2023-02-29", "Bad date"), ("/v1/timeline?from=2024-00", "Bad date"),
                ("/v1/search?q=x&limit=0", "positive"), ("/v1/search?q=x&limit=1e9", "positive"),
                ("/v1/search?q=x&limit=NaN", "positive"), ("/v1/documents?limit=9223372036854775808", "positive"),
                ("/v1/search?q=\(huge)", "longer than 500"), ("/v1/entities?name=\(huge)", "longer than 200"),
                ("/v1/search?q=x&cursor=\(huge)", "cursor"),
                ("/v1/search?q=x&cursor=\(Cursor.encode(["search-sentence", "0.5", "{\(doc)}", "0"]))", "cursor"),
                ("/v1/documents?cursor=\(Cursor.encode(["documents", "2020-01-01T00:00:00Z", doc.uppercased() + "x"]))", "cursor"),
                ("/v1/search?q=x&lang=en&lang=en", "more than once"), ("/v1/graph?entity=qt:kz&format=GRAPHML", "format"),
                ("/v1/export/events?format=xlsx", "format"), ("/v1/search?q=x&%7A%7A=y", "Unknown parameter \"zz\""),
                ("/v1/search?q=x&%71=y", "more than once"),
            ]
            for (path, needle) in cases {
                Self.expectProblem(try await HTTP.send("GET", base + path), 400, needle, String(path.prefix(120)))
            }
            // Entity ids with SQL, LIKE and regex metacharacters are data: not found, never an error.
            for id in ["qt:kz'--", "qt:%", "qt:_z", ".*", "(a+)+$", "qt:kz\\", "qt:kz;DROP TABLE entities"] {
                Self.expectProblem(try await HTTP.send("GET", "\(base)/v1/entities/\(q(id))"), 404, "No entity", id)
                Self.expectProblem(try await HTTP.send("GET", "\(base)/v1/graph?entity=\(q(id))"), 404, "No entity", id)
            }
            // A repeated unknown parameter, thousands of parameters: a 400 about the first unknown one.
            let many = (0..<5_000).map { "p\($0)=1" }.joined(separator: "&")
            Self.expectProblem(try await HTTP.send("GET", "\(base)/v1/documents?\(many)"), 400, "Unknown parameter \"p0\"", "5000 parameters")
        }
    }

    @Test func otherMethodsAreA405WithAllowAndUnknownPathsPointAtTheSpec() async throws {
        try await withQueryServer { base, ids, _ in
            for (method, path, allow) in [("DELETE", "/v1/documents/\(ids[0].lowercasedString)", "GET"), ("PUT", "/v1/stats", "GET"),
                                          ("GET", "/v1/reprocess", "POST"), ("POST", "/v1/entities/qt:kz/mentions", "GET"),
                                          ("PATCH", "/openapi.json", "GET")] {
                var request = URLRequest(url: URL(string: base + path)!)
                request.httpMethod = method
                let (data, response) = try await URLSession.shared.data(for: request)
                let http = response as! HTTPURLResponse
                let reply = HTTP.Reply(status: http.statusCode, body: data, contentType: http.value(forHTTPHeaderField: "Content-Type"))
                Self.expectProblem(reply, 405, "use \(allow)", "\(method) \(path)")
                #expect(http.value(forHTTPHeaderField: "Allow") == allow, "\(method) \(path)")
            }
            Self.expectProblem(try await HTTP.send("GET", "\(base)/v1/nope"), 404, "/openapi.json", "unknown path")
            Self.expectProblem(try await HTTP.send("GET", "\(base)/v1/documents/\(ids[0].lowercasedString)/text/extra"), 404,
                               "No route", "path too long")
        }
    }

    @Test func aDatabaseOutageIsA503WithRetryAfterNotA500() async throws {
        // Nothing listens on port 1: every query fails to connect, as when PostgreSQL is down.
        let pg = Env.postgres(poolSize: 1, url: "postgres://dala@127.0.0.1:1/dala")
        let router = QueryApp.buildRouter(store: QueryStore(client: pg), vocabulary: FakeVocabulary(),
                                          operational: OperationalRoutes(service: "dala-query-test", postgres: pg,
                                                                         kafka: Env.kafka("dala-query-test")))
        do {
            try await withLiveServer(router) { base in
                // Exports used to answer 200 with a lone CSV header and then cut the connection.
                for path in ["/v1/stats", "/v1/documents?limit=5", "/v1/documents/\(UUID().lowercasedString)", "/v1/entities/Q232",
                             "/v1/search?q=\(q("Kazakhstan"))", "/v1/export/events", "/v1/export/mentions?format=jsonl"] {
                    var request = URLRequest(url: URL(string: base + path)!)
                    request.httpMethod = "GET"
                    let (data, response) = try await URLSession.shared.data(for: request)
                    let http = response as! HTTPURLResponse
                    Self.expectProblem(HTTP.Reply(status: http.statusCode, body: data, contentType: http.value(forHTTPHeaderField: "Content-Type")),
                                       503, "retry", path)
                    #expect(http.value(forHTTPHeaderField: "Retry-After") == "5", "\(path)")
                }
                // Bad input is still judged without the database.
                Self.expectProblem(try await HTTP.send("GET", "\(base)/v1/search?q=x&limit=0"), 400, "positive", "limit=0 while down")
            }
        } catch {
            await pg.shutdown()
            throw error
        }
        await pg.shutdown()
    }

    @Test func bytesTheHTTPParserRejectsGetAProblemToo() async throws {
        let (url, _) = try await QueryFixture.prepare()
        let pg = Env.postgres(poolSize: 2, url: url)
        let router = QueryApp.buildRouter(store: QueryStore(client: pg), vocabulary: FakeVocabulary(),
                                          operational: OperationalRoutes(service: "dala-query-test", postgres: pg,
                                                                         kafka: Env.kafka("dala-query-test")))
        do {
            try await withLiveServer(router, server: QueryApp.httpServer) { port in
                // Raw UTF-8 (К), a raw 0xFF, a space and a control byte in the request target: Hummingbird alone answers an
                // empty 400 for each.
                for target: [UInt8] in [Array("/v1/search?q=".utf8) + [0xD0, 0x9A], Array("/v1/entities/".utf8) + [0xFF],
                                        Array("/v1/search?q=a b".utf8), Array("/v1/search?q=".utf8) + [0x01]] {
                    let reply = try await RawHTTP.get(port: port, target: target)
                    let shown = String(decoding: target, as: UTF8.self)
                    #expect(reply.status == 400, "\(shown) → \(reply.head)")
                    #expect(reply.head.lowercased().contains("content-type: application/problem+json"), "\(reply.head)")
                    let json = try JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any]
                    #expect(json?["status"] as? Int == 400)
                    // Bound first: inside #expect, `(x as? String ?? "").contains(...)` expands to a check that cannot fail.
                    let detail = json?["detail"] as? String ?? ""
                    #expect(detail.contains("percent-encode"), "\(shown): \(json ?? [:])")
                }
                // A request line over the decoder's limit.
                let long = try await RawHTTP.get(port: port, target: Array("/v1/search?q=".utf8) + Array(repeating: UInt8(ascii: "a"), count: 100_000))
                #expect(long.status == 431, "\(long.head)")
                #expect(long.head.lowercased().contains("content-type: application/problem+json"), "\(long.head)")
                // The server keeps serving.
                #expect(try await RawHTTP.get(port: port, target: Array("/v1/stats".utf8)).status == 200)
            }
        } catch {
            await pg.shutdown()
            throw error
        }
        await pg.shutdown()
    }
}

/// A bare HTTP/1.1 client that sends the request target byte for byte (URLSession would percent-encode it).
enum RawHTTP {
    struct Reply { var status: Int; var head: String; var body: [UInt8] }

    /// `GET target` (or `method`), with `headers` (each line ending in CRLF) after `Host`.
    static func get(port: Int, target: [UInt8], method: String = "GET", headers: String = "") async throws -> Reply {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        var received: [UInt8] = []
        try await channel.executeThenClose { inbound, outbound in
            try await outbound.write(ByteBuffer(bytes: Array("\(method) ".utf8) + target
                + Array(" HTTP/1.1\r\nHost: 127.0.0.1\r\n\(headers)Connection: close\r\n\r\n".utf8)))
            for try await chunk in inbound { received += chunk.readableBytesView }
        }
        let separator = Array("\r\n\r\n".utf8)
        let split = (0...max(0, received.count - separator.count)).first { Array(received[$0..<min(received.count, $0 + 4)]) == separator }
        let headEnd = split ?? received.count
        let head = String(decoding: received[..<headEnd], as: UTF8.self)
        let body = split.map { Array(received[($0 + 4)...]) } ?? []
        let status = head.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
        return Reply(status: status, head: head, body: body)
    }
}
