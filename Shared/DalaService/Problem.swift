import Foundation
import Hummingbird
import Logging

/// An RFC 9457 problem+json error. Every HTTP error of every service goes out in this shape.
public struct Problem: Error, HTTPResponseError, Sendable {
    public var status: HTTPResponse.Status
    public var title: String
    public var detail: String
    public var extra: [String: String]

    public init(_ status: HTTPResponse.Status, _ title: String, detail: String, extra: [String: String] = [:]) {
        self.status = status; self.title = title; self.detail = detail; self.extra = extra
    }

    public static func badRequest(_ detail: String) -> Problem { .init(.badRequest, "Bad request", detail: detail) }
    public static func notFound(_ detail: String) -> Problem { .init(.notFound, "Not found", detail: detail) }

    public var headers: HTTPFields { [.contentType: "application/problem+json"] }

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

/// Turns every error escaping a route into problem+json: known HTTP errors keep their status, anything else is a
/// 500 whose details go to the log, never to the client.
public struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    public init() {}
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let problem as Problem {
            throw problem
        } catch let error as HTTPError {
            throw Problem(error.status, error.status.reasonPhrase, detail: error.body ?? error.status.reasonPhrase)
        } catch let error as any HTTPResponseError {
            throw Problem(error.status, error.status.reasonPhrase, detail: error.status.reasonPhrase)
        } catch is CancellationError {
            throw Problem(.serviceUnavailable, "Shutting down", detail: "The service is shutting down; retry.")
        } catch {
            context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))"])
            throw Problem(.internalServerError, "Internal error", detail: "The request failed; see the service log.")
        }
    }
}
