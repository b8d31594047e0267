import DalaCore
import Foundation
import Hummingbird
import Logging

/// Bearer tokens that grant access to a set of routes, held only as SHA-256 digests and compared in constant time.
///
/// Tokens come from a file (one a line; `#` comments; a line `sha256:<64 hex>` is a digest, so the file itself can
/// hold no secret) and/or an environment variable (comma-separated). A token never reaches a log or an error.
public struct AccessTokens: Sendable {
    /// SHA-256 digests of the accepted tokens.
    let digests: [[UInt8]]

    public init(digests: [[UInt8]]) { self.digests = digests }

    /// Tokens given in the clear are hashed at once; `sha256:` lines are taken as digests.
    public init(lines: [String]) {
        var digests: [[UInt8]] = []
        for raw in lines {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.lowercased().hasPrefix("sha256:"), let digest = Self.hexBytes(String(line.dropFirst(7))), digest.count == 32 {
                digests.append(digest)
            } else {
                digests.append(Self.digest(line))
            }
        }
        self.digests = digests
    }

    /// No token configured: the routes are open.
    public var isEmpty: Bool { digests.isEmpty }
    public var count: Int { digests.count }

    /// Tokens from a file (one a line) and a comma-separated list; throws when the file cannot be read.
    public static func load(file: String?, list: String?) throws -> AccessTokens {
        var lines: [String] = []
        if let file {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw ConfigurationError("cannot read the token file \(file)")
            }
            lines += text.split(whereSeparator: \.isNewline).map(String.init)
        }
        if let list { lines += list.split(separator: ",").map(String.init) }
        return AccessTokens(lines: lines)
    }

    /// These tokens and those of `other`.
    public func union(_ other: AccessTokens) -> AccessTokens { AccessTokens(digests: digests + other.digests) }

    /// Whether `token` is one of the configured tokens. Every digest is compared in full, whatever matches.
    public func accepts(_ token: String) -> Bool {
        let given = Self.digest(token)
        var found = false
        for digest in digests where Self.constantTimeEqual(digest, given) { found = true }
        return found
    }

    static func digest(_ token: String) -> [UInt8] { SHA256.digest(Array(token.utf8)) }

    /// Equal-length byte arrays compared without an early exit.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var diff: UInt8 = 0
        for i in 0..<a.count { diff |= a[i] ^ b[i] }
        return diff == 0
    }

    static func hexBytes(_ hex: String) -> [UInt8]? {
        let chars = Array(hex.utf8)
        guard chars.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(chars.count / 2)
        var i = 0
        while i < chars.count {
            guard let hi = nibble(chars[i]), let lo = nibble(chars[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
            i += 2
        }
        return out
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// The bearer token of a request: nil when there is no `Authorization: Bearer ...` header.
    public static func bearer(_ request: Request) -> String? {
        guard let header = request.headers[.authorization] else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }

    /// Checks a request: 401 with `WWW-Authenticate: Bearer` when it carries no bearer token, 403 when the token is
    /// not one of these. Passes when no token is configured.
    public func authorize(_ request: Request, realm: String) throws {
        guard !isEmpty else { return }
        guard let token = Self.bearer(request) else {
            throw Problem(.unauthorized, "Unauthorized",
                          detail: "This endpoint needs a token: send \"Authorization: Bearer <token>\".",
                          headers: [.wwwAuthenticate: "Bearer realm=\"\(realm)\""])
        }
        guard accepts(token) else {
            throw Problem(.forbidden, "Forbidden", detail: "The token is not valid for this endpoint.")
        }
    }
}

/// A configuration the service cannot start with; says what to change.
public struct ConfigurationError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Who may write and read, read once at start-up.
public struct AccessPolicy: Sendable {
    /// Tokens for write endpoints (`--api-tokens FILE` / `DALA_API_TOKENS`; or `DALA_API_TOKEN_LIST=a,b`).
    public var write: AccessTokens
    /// Tokens for read endpoints (`--read-tokens FILE` / `DALA_READ_TOKENS`; or `DALA_READ_TOKEN_LIST`); none: open.
    public var read: AccessTokens

    public init(write: AccessTokens = AccessTokens(digests: []), read: AccessTokens = AccessTokens(digests: [])) {
        self.write = write; self.read = read
    }

    /// Reads the token settings. Without write tokens a service whose write routes would be open may only listen on
    /// a loopback address, unless `--allow-open-writes` (`DALA_ALLOW_OPEN_WRITES`) says otherwise; it logs a warning
    /// either way. `writesAreGuarded`: the service's write routes check tokens of their own (query's reprocess).
    public static func load(_ reader: ConfigReader, host: String, service: String, logger: Logger,
                            writesAreGuarded: Bool = false) throws -> AccessPolicy {
        let write = try AccessTokens.load(file: reader.optionalString("api-tokens"), list: reader.optionalString("api-token-list"))
        let read = try AccessTokens.load(file: reader.optionalString("read-tokens"), list: reader.optionalString("read-token-list"))
        if write.isEmpty && !writesAreGuarded {
            let loopback = isLoopback(host)
            if !loopback && !reader.bool("allow-open-writes", default: false) {
                throw ConfigurationError("\(service): no write tokens configured (--api-tokens FILE) and the HTTP host \(host) is not a "
                    + "loopback address; configure tokens, bind 127.0.0.1, or pass --allow-open-writes to accept writes from anyone")
            }
            logger.warning("write endpoints are open: no write tokens configured (--api-tokens FILE)",
                           metadata: ["http.host": "\(host)", "reachable": "\(loopback ? "this machine only" : "anyone who can reach the port")"])
        } else {
            logger.info("write endpoints need a bearer token", metadata: ["tokens": "\(write.count)"])
        }
        if !read.isEmpty { logger.info("read endpoints need a bearer token", metadata: ["tokens": "\(read.count)"]) }
        return AccessPolicy(write: write, read: read)
    }

    /// 127.0.0.0/8, ::1 and localhost.
    public static func isLoopback(_ host: String) -> Bool {
        let h = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
        return h == "localhost" || h == "::1" || h.hasPrefix("127.")
    }
}

/// Guards routes with tokens: writes (POST, PUT, PATCH, DELETE) need a write token, except on `selfGuarded` paths
/// whose handlers check tokens of their own (reprocess also takes the operator token); reads (GET, HEAD) need a read
/// or write token when read tokens are configured. `/healthz`, `/readyz`, `/metrics` and `/openapi.json` stay open
/// for probes.
public struct AccessMiddleware<Context: RequestContext>: RouterMiddleware {
    let policy: AccessPolicy
    let realm: String
    let selfGuarded: Set<String>
    public init(policy: AccessPolicy, realm: String, selfGuarded: Set<String> = []) {
        self.policy = policy; self.realm = realm; self.selfGuarded = selfGuarded
    }

    static var openPaths: Set<String> { ["/healthz", "/readyz", "/metrics", "/openapi.json"] }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if !Self.openPaths.contains(request.uri.path) {
            switch request.method {
            case .get, .head, .options:
                if !policy.read.isEmpty { try policy.read.union(policy.write).authorize(request, realm: realm) }
            default:
                if !selfGuarded.contains(request.uri.path) { try policy.write.authorize(request, realm: realm) }
            }
        }
        return try await next(request, context)
    }
}
