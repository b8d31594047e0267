import DalaKafka
import DalaPostgres
import Foundation
import Hummingbird
import Logging

/// An RFC 9457 problem+json error. Every HTTP error of every service goes out in this shape.
public struct Problem: Error, HTTPResponseError, Sendable {
    public var status: HTTPResponse.Status
    public var title: String
    public var detail: String
    public var extra: [String: String]
    /// Response headers besides the content type (`Retry-After`, `WWW-Authenticate`).
    public var extraHeaders: HTTPFields

    public init(_ status: HTTPResponse.Status, _ title: String, detail: String, extra: [String: String] = [:],
                headers: HTTPFields = [:]) {
        self.status = status; self.title = title; self.detail = detail; self.extra = extra; self.extraHeaders = headers
    }

    public static func badRequest(_ detail: String) -> Problem { .init(.badRequest, "Bad request", detail: detail) }
    public static func notFound(_ detail: String) -> Problem { .init(.notFound, "Not found", detail: detail) }

    public var headers: HTTPFields {
        var fields = extraHeaders
        fields[.contentType] = "application/problem+json"
        return fields
    }

    public func body(allocator: ByteBufferAllocator) -> ByteBuffer? {
        var object: [String: String] = extra
        object["type"] = "about:blank"
        object["title"] = title
        object["detail"] = detail
        var json = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        // status is a number in problem+json: splice it in front of the sorted string fields.
        if json.count > 1 { json = Data("{\"status\":\(status.code),".utf8) + json.dropFirst() }
        return allocator.buffer(bytes: json)
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = self.headers
        let body = self.body(allocator: ByteBufferAllocator()) ?? ByteBuffer()
        headers[.contentLength] = String(body.readableBytes)
        return Response(status: status, headers: headers, body: .init(byteBuffer: body))
    }
}

/// A lost database or broker is the service's trouble, not a bug: a 503 with `Retry-After` that says which, instead
/// of a 500. Statement timeouts and serialization failures are retryable too. The one place every service maps them.
public enum Outage {
    /// Seconds a client is asked to wait (`Retry-After`).
    public static let retryAfterSeconds = 5
    public static let retryableDatabase: Set<PostgresError.Code> = [.connectionFailed, .poolClosed, .timeout, .serialization]
    public static let retryableBroker: Set<KafkaError.Code> = [.connection, .timeout, .delivery, .shutdown, .fatal, .admin]

    /// The 503 for an error that means a dependency is away; nil for any other error.
    public static func problem(for error: any Error) -> Problem? {
        if let error = error as? PostgresError, retryableDatabase.contains(error.code) {
            return unavailable("Database unavailable",
                               detail: "PostgreSQL cannot answer right now (\(error.code)); retry in a few seconds.")
        }
        if let error = error as? KafkaError, retryableBroker.contains(error.code) {
            return unavailable("Broker unavailable",
                               detail: "The Kafka broker cannot take messages right now (\(error.code)); retry in a few seconds.")
        }
        return nil
    }

    /// A 503 problem with `Retry-After`.
    public static func unavailable(_ title: String, detail: String) -> Problem {
        Problem(.serviceUnavailable, title, detail: detail, headers: [.retryAfter: String(retryAfterSeconds)])
    }
}

/// Turns every error escaping a route into problem+json: known HTTP errors keep their status, a lost database or
/// broker is a 503 with `Retry-After` (`Outage`), anything else is a 500 whose details go to the log, never to the
/// client.
public struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    public init() {}
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let problem as Problem {
            throw problem
        } catch let error where Outage.problem(for: error) != nil {
            context.logger.warning("dependency unavailable", metadata: ["error": "\(error)"])
            throw Outage.problem(for: error)!
        } catch let error as HTTPError {
            throw Problem(error.status, error.status.reasonPhrase, detail: error.body ?? error.status.reasonPhrase)
        } catch let error as any HTTPResponseError {
            throw Problem(error.status, error.status.reasonPhrase, detail: error.status.reasonPhrase)
        } catch is CancellationError {
            throw Outage.unavailable("Shutting down", detail: "The service is shutting down; retry.")
        } catch {
            context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
            throw Problem(.internalServerError, "Internal error", detail: "The request failed; see the service log.")
        }
    }
}
