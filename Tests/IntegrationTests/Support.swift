import DalaKafka
import DalaPostgres
import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import ServiceLifecycle
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Addresses of the real servers `make test` starts (deploy/scripts/test.sh).
enum Env {
    static let pgURL = ProcessInfo.processInfo.environment["DALA_TEST_PG_URL"].flatMap { $0.isEmpty ? nil : $0 }
    static let brokers = ProcessInfo.processInfo.environment["DALA_TEST_KAFKA_BROKERS"].flatMap { $0.isEmpty ? nil : $0 }
    static var both: Bool { pgURL != nil && brokers != nil }
    static let reason: Comment = "set DALA_TEST_PG_URL and DALA_TEST_KAFKA_BROKERS (make test does) to run service tests"

    static var logger: Logger {
        var l = Logger(label: "dala-test")
        l.logLevel = .warning
        return l
    }

    static func postgres(poolSize: Int = 2, url: String? = nil) -> PostgresClient {
        PostgresClient(configuration: PostgresConfiguration(url: url ?? pgURL ?? "", poolSize: poolSize), logger: logger)
    }

    /// A new empty database next to the test database, for suites whose assertions count the whole store
    /// (statistics, PMI) and so must not see what other suites write at the same time. Returns its URL.
    static func freshDatabase(_ name: String) async throws -> String {
        guard let base = pgURL, let slash = base.lastIndex(of: "/") else { throw CancellationError() }
        let admin = postgres(poolSize: 1)
        do {
            try await admin.withConnection { conn in
                try conn.execute(unescapedScript: "DROP DATABASE IF EXISTS \(name) WITH (FORCE); ")
                try conn.execute(unescapedScript: "CREATE DATABASE \(name)")
            }
            await admin.shutdown()
        } catch {
            await admin.shutdown()
            throw error
        }
        let rest = base[base.index(after: slash)...]
        let query = rest.firstIndex(of: "?").map { String(rest[$0...]) } ?? ""
        return String(base[...slash]) + name + query
    }

    static func kafka(_ client: String) -> KafkaConfiguration { KafkaConfiguration(brokers: brokers ?? "", clientID: client) }
}

import Testing

/// Runs `router` on a real HTTP server on a free port for the duration of `body`, which gets the base URL.
func withLiveServer<T: Sendable>(_ router: Router<BasicRequestContext>,
                                 _ body: @Sendable (String) async throws -> T) async throws -> T {
    try await withLiveServer(router, server: .http1()) { port in try await body("http://127.0.0.1:\(port)") }
}

/// The same with a given server builder (e.g. `ServiceHTTP.server`); `body` gets the port.
func withLiveServer<T: Sendable>(_ router: Router<BasicRequestContext>, server: HTTPServerBuilder,
                                 _ body: @Sendable (Int) async throws -> T) async throws -> T {
    let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
    let app = Application(router: router, server: server, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                          onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) },
                          logger: Env.logger)
    let group = ServiceGroup(services: [app], logger: Env.logger)
    return try await withThrowingTaskGroup(of: Void.self) { tasks in
        tasks.addTask { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw CancellationError() }
        do {
            let result = try await body(port)
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            return result
        } catch {
            await group.triggerGracefulShutdown()
            throw error
        }
    }
}

/// A small HTTP client over URLSession for the live-server tests.
struct HTTP {
    struct Reply: Sendable { var status: Int; var body: Data; var contentType: String?
        var json: [String: Any]? { try? JSONSerialization.jsonObject(with: body) as? [String: Any] }
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// `stream`: the body without a Content-Length (chunked), as a client that does not know its size sends it.
    static func send(_ method: String, _ url: String, body: Data? = nil, contentType: String? = nil,
                     headers: [String: String] = [:], stream: Bool = false) async throws -> Reply {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = method
        if stream, let body { request.httpBodyStream = InputStream(data: body) } else { request.httpBody = body }
        if let contentType { request.setValue(contentType, forHTTPHeaderField: "Content-Type") }
        for (k, v) in headers { request.setValue(v, forHTTPHeaderField: k) }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as! HTTPURLResponse
        return Reply(status: http.statusCode, body: data, contentType: http.value(forHTTPHeaderField: "Content-Type"))
    }

    static func postJSON(_ url: String, _ object: [String: Any]) async throws -> Reply {
        try await send("POST", url, body: try JSONSerialization.data(withJSONObject: object), contentType: "application/json")
    }
}

/// Reads `topic` from the start with a fresh group until `match` finds a message or `timeout` passes.
func awaitMessage(on topic: String, timeout: Duration = .seconds(20),
                  where match: @escaping @Sendable (KafkaMessage) -> Bool) async throws -> KafkaMessage? {
    let consumer = try KafkaConsumer(configuration: Env.kafka("dala-test-reader"), groupID: "test-\(UUID().uuidString)",
                                     topics: [topic], logger: Env.logger)
    let found = try await withThrowingTaskGroup(of: KafkaMessage?.self) { tasks in
        tasks.addTask {
            for await message in consumer.messages where match(message) { return message }
            return nil
        }
        tasks.addTask { try await Task.sleep(for: timeout); return nil }
        let first = try await tasks.next() ?? nil
        // Ending the consumer ends its message stream, so the reading task finishes too.
        await consumer.shutdown()
        tasks.cancelAll()
        return first
    }
    return found
}
