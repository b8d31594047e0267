import Hummingbird
import HummingbirdCore
import NIOCore
import NIOHTTP1
// NIOHTTPTypes (swift-nio-extras) comes with Hummingbird: its HTTP/1 channel speaks these request/response parts.
import NIOHTTPTypes

/// The HTTP/1.1 server every service runs.
public enum ServiceHTTP {
    /// Hummingbird's HTTP/1.1 server plus problem+json for requests its parser rejects (`ProblemParseErrorHandler`).
    /// Pass it as `Application(router:server:...)`.
    public static var server: HTTPServerBuilder {
        .http1(configuration: .init(additionalChannelHandlers: [ProblemParseErrorHandler()]))
    }
}

/// Answers a request NIO's HTTP parser rejects (raw non-ASCII or control bytes in the URL, a space in the query,
/// an oversized request line or header block) with problem+json instead of Hummingbird's empty 400.
///
/// Such a request never reaches the router, so `ProblemMiddleware` cannot see it: Hummingbird's channel handler
/// catches the `HTTPParserError` and writes a bodyless 400 itself. This handler sits in the channel pipeline after
/// the HTTP codec (`HTTP1Channel.Configuration.additionalChannelHandlers`), writes the problem, closes the
/// connection (the parser cannot continue after an error) and keeps the error from reaching Hummingbird, so
/// exactly one response goes out. When a response is already under way on the connection it lets the error pass.
final class ProblemParseErrorHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private var responseInFlight = false
    private var answered = false

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let parseError = error as? HTTPParserError, !responseInFlight, !answered else {
            context.fireErrorCaught(error)
            return
        }
        answered = true
        let problem = Self.problem(for: parseError)
        let body = problem.body(allocator: context.channel.allocator) ?? ByteBuffer()
        var fields = problem.headers
        fields[.contentLength] = String(body.readableBytes)
        fields[.connection] = "close"
        context.write(wrapOutboundOut(.head(HTTPResponse(status: problem.status, headerFields: fields))), promise: nil)
        context.write(wrapOutboundOut(.body(body)), promise: nil)
        let written = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: written)
        let channel = context.channel
        written.futureResult.whenComplete { _ in channel.close(promise: nil) }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        // After the problem went out, Hummingbird may still try to answer (a request whose body was cut short):
        // drop that, the connection is closing.
        if answered {
            promise?.succeed(())
            return
        }
        switch unwrapOutboundIn(data) {
        case .head(let head) where head.status.kind == .informational: break
        case .head: responseInFlight = true
        case .body: break
        case .end: responseInFlight = false
        }
        context.write(data, promise: promise)
    }

    /// The problem for a parser error: 431 when the request line and headers are too large, 400 otherwise.
    static func problem(for error: HTTPParserError) -> Problem {
        switch error {
        case .headerOverflow:
            return Problem(.init(code: 431), "Request header fields too large",
                           detail: "The request line and headers are over the server's limit (80 KiB); send long input in the body or in fewer, shorter parameters.")
        case .invalidURL, .invalidPath, .invalidQueryString, .invalidFragment, .invalidCharactersUsed:
            return Problem(.badRequest, "Malformed request",
                           detail: "The URL contains bytes HTTP does not allow (non-ASCII, spaces or control characters); percent-encode them as UTF-8 (%D0%9A for К).")
        case .invalidConstant, .invalidVersion:
            // A raw space in the URL ends the request target early: the parser then meets the rest where it expects
            // the version.
            return Problem(.badRequest, "Malformed request",
                           detail: "The request line is not `METHOD target HTTP/1.1`; a raw space in the URL cuts it short: percent-encode spaces (%20, or + in a query).")
        default:
            return Problem(.badRequest, "Malformed request", detail: "The request is not valid HTTP/1.1 (\(error)).")
        }
    }
}
