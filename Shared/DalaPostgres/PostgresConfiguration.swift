import Foundation

/// Connection settings for a `PostgresClient`.
public struct PostgresConfiguration: Sendable {
    /// libpq connection string: a URL (`postgres://user:pass@host:port/db?sslmode=disable`) or `key=value` pairs.
    public var url: String
    /// Number of pooled connections, each on its own OS thread. Default 4; values below 1 are treated as 1.
    public var poolSize: Int
    /// libpq `connect_timeout` in seconds, unless `url` sets its own. Default 5.
    public var connectTimeoutSeconds: Int
    /// `application_name` reported to the server (visible in `pg_stat_activity`), unless `url` sets its own.
    public var applicationName: String

    public init(url: String, poolSize: Int = 4, connectTimeoutSeconds: Int = 5, applicationName: String = "dala") {
        self.url = url
        self.poolSize = poolSize
        self.connectTimeoutSeconds = connectTimeoutSeconds
        self.applicationName = applicationName
    }

    /// `url` with any password replaced by `***`, safe for logs.
    public var redactedURL: String { Self.redact(url) }

    static func redact(_ conninfo: String) -> String {
        if let schemeEnd = conninfo.range(of: "://") {
            var result = String(conninfo[..<schemeEnd.upperBound])
            let rest = conninfo[schemeEnd.upperBound...]
            // The user info ends at the last '@' before the query string; passwords may contain '@' or '/'.
            let beforeQuery = rest[..<(rest.firstIndex(of: "?") ?? rest.endIndex)]
            var afterUserInfo = rest.startIndex
            if let at = beforeQuery.lastIndex(of: "@") {
                let userInfo = rest[..<at]
                if let colon = userInfo.firstIndex(of: ":") {
                    result += userInfo[..<colon] + ":***"
                } else {
                    result += userInfo
                }
                afterUserInfo = at
            }
            var tail = String(rest[afterUserInfo...])
            if let q = tail.firstIndex(of: "?") {
                let query = tail[tail.index(after: q)...].split(separator: "&", omittingEmptySubsequences: false).map { pair in
                    pair.lowercased().hasPrefix("password=") ? "password=***" : String(pair)
                }
                tail = tail[...q] + query.joined(separator: "&")
            }
            return result + tail
        }
        return redactKeywordValue(conninfo)
    }

    /// `host=h password='se cret' dbname=d` → `host=h password=*** dbname=d`.
    private static func redactKeywordValue(_ conninfo: String) -> String {
        var out = ""
        var i = conninfo.startIndex
        while let match = conninfo.range(of: "password", options: .caseInsensitive, range: i..<conninfo.endIndex) {
            out += conninfo[i..<match.upperBound]
            var j = match.upperBound
            while j < conninfo.endIndex, conninfo[j] == " " { j = conninfo.index(after: j) }
            guard j < conninfo.endIndex, conninfo[j] == "=" else { i = match.upperBound; continue }
            j = conninfo.index(after: j)
            while j < conninfo.endIndex, conninfo[j] == " " { j = conninfo.index(after: j) }
            out += "=***"
            if j < conninfo.endIndex, conninfo[j] == "'" {
                // Quoted value: backslash escapes the next character.
                j = conninfo.index(after: j)
                while j < conninfo.endIndex, conninfo[j] != "'" {
                    if conninfo[j] == "\\" { j = conninfo.index(after: j); if j == conninfo.endIndex { break } }
                    j = conninfo.index(after: j)
                }
                if j < conninfo.endIndex { j = conninfo.index(after: j) }
            } else {
                while j < conninfo.endIndex, conninfo[j] != " " { j = conninfo.index(after: j) }
            }
            i = j
        }
        return out + conninfo[i...]
    }
}
