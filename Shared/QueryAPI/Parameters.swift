import DalaService
import DalaStorage
import Foundation
import Hummingbird

/// Query-string parsing with problem+json errors for bad values; nothing reaches SQL unchecked.
/// Unknown parameter names are rejected too, so a typo (`limt=5`) is a 400 rather than a silently ignored filter.
struct QueryParameters {
    let raw: [String: String]

    init(_ request: Request, allowed: Set<String>) throws {
        var raw: [String: String] = [:]
        for (k, v) in request.uri.queryParameters {
            let key = String(k)
            guard allowed.contains(key) else {
                throw Problem.badRequest("Unknown parameter \"\(key.prefix(64))\"; this endpoint takes: \(allowed.sorted().joined(separator: ", ")).")
            }
            guard raw[key] == nil else { throw Problem.badRequest("Parameter \"\(key)\" is given more than once.") }
            raw[key] = String(v)
        }
        self.raw = raw
    }

    func string(_ name: String, maxLength: Int = 500) throws -> String? {
        guard let v = raw[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !v.isEmpty else { return nil }
        guard v.count <= maxLength else { throw Problem.badRequest("Parameter \"\(name)\" is longer than \(maxLength) characters.") }
        guard !v.unicodeScalars.contains(where: { $0.value == 0 }) else { throw Problem.badRequest("Parameter \"\(name)\" contains a NUL character.") }
        return v
    }

    func oneOf(_ name: String, _ allowed: Set<String>) throws -> String? {
        guard let v = try string(name, maxLength: 64) else { return nil }
        guard allowed.contains(v) else {
            throw Problem.badRequest("Unknown \(name) \"\(v)\"; use one of: \(allowed.sorted().joined(separator: ", ")).")
        }
        return v
    }

    /// A short lowercase identifier (event types, modalities, roles): letters, digits, `_`, `-`, `.`.
    func slug(_ name: String) throws -> String? {
        guard let v = try string(name, maxLength: 64) else { return nil }
        guard v.unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) || "_-.:".unicodeScalars.contains($0) }) else {
            throw Problem.badRequest("Parameter \"\(name)\" may contain only letters, digits, \"_\", \"-\", \".\" and \":\".")
        }
        return v
    }

    func integer(_ name: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
        guard let s = raw[name], !s.isEmpty else { return value }
        guard let n = Int(s) else { throw Problem.badRequest("\"\(name)\" must be an integer.") }
        guard range.contains(n) else {
            throw Problem.badRequest("\"\(name)\" must be between \(range.lowerBound) and \(range.upperBound).")
        }
        return n
    }

    func limit(default value: Int = 20, maximum: Int = 200) throws -> Int {
        guard let s = raw["limit"], !s.isEmpty else { return value }
        guard let n = Int(s), n >= 1 else { throw Problem.badRequest("\"limit\" must be a positive integer.") }
        guard n <= maximum else { throw Problem.badRequest("\"limit\" must be at most \(maximum).") }
        return n
    }

    /// The parts of a cursor this endpoint issued (`kind` tags it, so another endpoint's cursor is rejected).
    func cursor(_ kind: String, parts: Int, validate: ([String]) -> Bool = { _ in true }) throws -> [String]? {
        guard let s = raw["cursor"], !s.isEmpty else { return nil }
        guard let p = Cursor.decode(s, parts: parts + 1), p[0] == kind, validate(Array(p.dropFirst())) else {
            throw Problem.badRequest("Malformed \"cursor\"; pass next_cursor back unchanged.")
        }
        return Array(p.dropFirst())
    }

    /// A date bound: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as the first (`from`) or last (`to`) day it covers.
    func date(_ name: String, end: Bool) throws -> String? {
        guard let v = try string(name, maxLength: 10) else { return nil }
        guard let d = DateBound.parse(v, end: end) else {
            throw Problem.badRequest("Bad date \"\(v)\" in \"\(name)\"; use YYYY, YYYY-MM or YYYY-MM-DD.")
        }
        return d
    }

    /// `from` and `to` together, checked for order.
    func dateRange() throws -> (from: String?, to: String?) {
        let from = try date("from", end: false), to = try date("to", end: true)
        if let from, let to, from > to { throw Problem.badRequest("\"from\" (\(from)) is after \"to\" (\(to)).") }
        return (from, to)
    }
}

/// Calendar-checked date bounds.
enum DateBound {
    static func parse(_ s: String, end: Bool) -> String? {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4, parts.dropFirst().allSatisfy({ $0.count == 2 }),
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let year = Int(parts[0]), (1...9999).contains(year) else { return nil }
        let month = parts.count > 1 ? Int(parts[1])! : (end ? 12 : 1)
        guard (1...12).contains(month) else { return nil }
        let last = daysIn(month: month, year: year)
        let day = parts.count > 2 ? Int(parts[2])! : (end ? last : 1)
        guard (1...last).contains(day) else { return nil }
        return String(format: "%04d-%02d-%02d", year, month, day)
    }

    /// `YYYY-MM-DDTHH:MM:SS[.ffffff]Z` with a real calendar date and clock time (the documents cursor).
    static func isTimestamp(_ s: String) -> Bool {
        guard s.count <= 32, let m = s.wholeMatch(of: /(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?Z/) else { return false }
        let date = String(m.1)
        return parse(date, end: false) == date && Int(m.2)! < 24 && Int(m.3)! < 60 && Int(m.4)! < 60
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

/// A path parameter, percent-decoded.
func pathParameter(_ context: some RequestContext, _ name: String) -> String? {
    context.parameters.get(name).map { $0.removingPercentEncoding ?? $0 }
}

/// Path parameter `{id}` as a UUID, or a 400 problem.
func uuidParameter(_ context: some RequestContext, what: String) throws -> UUID {
    guard let s = pathParameter(context, "id"), let id = UUID(uuidString: s) else {
        throw Problem.badRequest("The \(what) id must be a UUID.")
    }
    return id
}

/// Path parameter `{id}` as an entity id (`Q232`, `dala:sco`, `local:...`).
func entityParameter(_ context: some RequestContext) throws -> String {
    guard let s = pathParameter(context, "id"), !s.isEmpty, s.count <= 300,
          !s.unicodeScalars.contains(where: { $0.value < 0x20 }) else {
        throw Problem.badRequest("Malformed entity id.")
    }
    return s
}
