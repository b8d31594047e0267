import DalaService
import Foundation
import Hummingbird

/// Query-string parsing with problem+json errors for bad values; nothing reaches SQL unchecked.
struct QueryParameters {
    let raw: [String: String]

    init(_ request: Request) {
        var raw: [String: String] = [:]
        for (k, v) in request.uri.queryParameters { raw[String(k)] = String(v) }
        self.raw = raw
    }

    func string(_ name: String, maxLength: Int = 500) throws -> String? {
        guard let v = raw[name]?.trimmingCharacters(in: .whitespaces), !v.isEmpty else { return nil }
        guard v.count <= maxLength else { throw Problem.badRequest("Parameter \"\(name)\" is longer than \(maxLength) characters.") }
        return v
    }

    func oneOf(_ name: String, _ allowed: Set<String>) throws -> String? {
        guard let v = try string(name, maxLength: 64) else { return nil }
        guard allowed.contains(v) else {
            throw Problem.badRequest("Unknown \(name) \"\(v)\"; use one of: \(allowed.sorted().joined(separator: ", ")).")
        }
        return v
    }

    func limit(default value: Int = 20, maximum: Int = 200) throws -> Int {
        guard let s = raw["limit"] else { return value }
        guard let n = Int(s), n >= 1 else { throw Problem.badRequest("\"limit\" must be a positive integer.") }
        guard n <= maximum else { throw Problem.badRequest("\"limit\" must be at most \(maximum).") }
        return n
    }

    func cursor(parts: Int) throws -> [String]? {
        guard let s = raw["cursor"], !s.isEmpty else { return nil }
        guard let p = DalaStorageCursor.decode(s, parts: parts) else { throw Problem.badRequest("Malformed \"cursor\"; pass next_cursor back unchanged.") }
        return p
    }
}

/// Path parameter `{id}` as a UUID, or a 400 problem.
func documentID(_ context: some RequestContext) throws -> UUID {
    guard let s = context.parameters.get("id"), let id = UUID(uuidString: s) else {
        throw Problem.badRequest("The document id must be a UUID.")
    }
    return id
}
