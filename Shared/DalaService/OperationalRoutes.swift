import DalaCore
import DalaKafka
import DalaPostgres
import Foundation
import Hummingbird

/// `/healthz` (the process answers), `/readyz` (PostgreSQL and the broker answer), `/metrics` (Prometheus text).
public struct OperationalRoutes: Sendable {
    public let postgres: PostgresClient
    public let kafka: KafkaConfiguration
    public let service: String

    public init(service: String, postgres: PostgresClient, kafka: KafkaConfiguration) {
        self.service = service; self.postgres = postgres; self.kafka = kafka
    }

    public func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("/healthz") { _, _ in
            Self.json(["status": "ok", "service": service])
        }
        router.get("/readyz") { _, _ in
            async let db: String? = Self.check { try await postgres.ping() }
            async let broker: String? = Self.check { try await KafkaAdmin.ping(configuration: kafka, timeout: .seconds(2)) }
            let (dbError, brokerError) = await (db, broker)
            let ready = dbError == nil && brokerError == nil
            var body = ["status": ready ? "ready" : "not ready", "service": service,
                        "postgres": dbError ?? "ok", "kafka": brokerError ?? "ok"]
            if !ready { body["detail"] = "a dependency is unavailable" }
            return Self.json(body, status: ready ? .ok : .serviceUnavailable)
        }
        router.get("/metrics") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                     body: .init(byteBuffer: ByteBuffer(bytes: Observability.registry.emitToBuffer())))
        }
    }

    static func check(_ probe: @Sendable () async throws -> Void) async -> String? {
        do { try await probe(); return nil } catch { return String(describing: error) }
    }

    static func json(_ object: [String: String], status: HTTPResponse.Status = .ok) -> Response {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

extension Response {
    /// A JSON response from an Encodable value, encoded with Dala's shared settings.
    public static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        .json(bytes: try DalaJSONBridge.encode(value), status: status)
    }

    /// A JSON response from bytes already written (by `JSONWriter` or PostgreSQL).
    public static func json(bytes: [UInt8], status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
