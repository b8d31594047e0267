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
        for (key, value) in try Self.decode(request.uri.query ?? "") {
            guard allowed.contains(key) else {
                throw Problem.badRequest("Unknown parameter \"\(Self.printable(key))\"; this endpoint takes: \(allowed.sorted().joined(separator: ", ")).")
            }
            guard raw[key] == nil else { throw Problem.badRequest("Parameter \"\(key)\" is given more than once.") }
            raw[key] = value
        }
        self.raw = raw
    }

    /// Already decoded values (the web pages, which ignore names they do not know).
    init(raw: [String: String]) { self.raw = raw }

    /// Splits a raw query string into decoded pairs (`application/x-www-form-urlencoded`: `+` is a space, names are
    /// decoded too). Hummingbird's own `queryParameters` keeps a malformed escape as typed and turns bytes that are not
    /// UTF-8 into U+FFFD, so `?q=%FF` would search for "\u{FFFD}"; here both are a 400 naming the parameter.
    static func decode(_ query: String) throws -> [(String, String)] {
        var pairs: [(String, String)] = []
        for part in query.utf8.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let eq = part.firstIndex(of: UInt8(ascii: "="))
            let rawKey = eq.map { part[part.startIndex..<$0] } ?? part[...]
            let rawValue = eq.map { part[part.index(after: $0)...] } ?? part[part.endIndex...]
            guard let key = PercentDecoding.decode(rawKey) else {
                throw Problem.badRequest("A parameter name is not valid percent-encoded UTF-8.")
            }
            guard let value = PercentDecoding.decode(rawValue) else {
                throw Problem.badRequest("Parameter \"\(printable(key))\" is not valid percent-encoded UTF-8 (encode each byte of the UTF-8 text as %XX).")
            }
            pairs.append((key, value))
        }
        return pairs
    }

    static func printable(_ s: String) -> String { ProblemText.short(s, 64) }

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
        guard let v = try string(name, maxLength: 64) else { return nil }
        guard let d = DateBound.parse(v, end: end) else {
            throw Problem.badRequest("Bad date \"\(v)\" in \"\(name)\"; use YYYY, YYYY-MM or YYYY-MM-DD (years 0001 to 9999, a real calendar day).")
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

/// Strict percent-decoding: nil for a malformed escape (`%G1`, a lone `%`) or bytes that are not UTF-8.
enum PercentDecoding {
    static func decode(_ bytes: some Collection<UInt8>, plusIsSpace: Bool = true) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        while i != bytes.endIndex {
            let b = bytes[i]
            if b == UInt8(ascii: "%") {
                let h = bytes.index(after: i)
                guard h != bytes.endIndex, let hi = hex(bytes[h]) else { return nil }
                let l = bytes.index(after: h)
                guard l != bytes.endIndex, let lo = hex(bytes[l]) else { return nil }
                out.append(hi << 4 | lo)
                i = bytes.index(after: l)
                continue
            }
            out.append(plusIsSpace && b == UInt8(ascii: "+") ? UInt8(ascii: " ") : b)
            i = bytes.index(after: i)
        }
        return String(validating: out, as: UTF8.self)
    }

    static func hex(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// A path parameter, percent-decoded (`+` stays a plus in a path); a 400 when the escapes are not UTF-8.
func pathParameter(_ context: some RequestContext, _ name: String) throws -> String? {
    guard let raw = context.parameters.get(name) else { return nil }
    guard let s = PercentDecoding.decode(raw.utf8, plusIsSpace: false) else {
        throw Problem.badRequest("The path is not valid percent-encoded UTF-8 (encode each byte of the UTF-8 text as %XX).")
    }
    return s
}

/// Canonical UUID text only (8-4-4-4-12 hex digits, either case): Foundation's parser also takes `{...}` and
/// other spellings, which would make one resource answer under many URLs.
enum CanonicalUUID {
    static func parse(_ s: String) -> UUID? {
        let u = s.utf8
        guard u.count == 36 else { return nil }
        for (i, c) in u.enumerated() {
            if i == 8 || i == 13 || i == 18 || i == 23 {
                guard c == UInt8(ascii: "-") else { return nil }
            } else if PercentDecoding.hex(c) == nil {
                return nil
            }
        }
        return UUID(uuidString: s)
    }
}

/// Path parameter `{id}` as a UUID (either case), or a 400 problem.
func uuidParameter(_ context: some RequestContext, what: String) throws -> UUID {
    guard let s = try pathParameter(context, "id"), let id = CanonicalUUID.parse(s) else {
        throw Problem.badRequest("The \(what) id must be a UUID (8-4-4-4-12 hex digits).")
    }
    return id
}

/// Path parameter `{id}` as an entity id (`Q232`, `dala:sco`, `local:...`).
func entityParameter(_ context: some RequestContext) throws -> String {
    guard let s = try pathParameter(context, "id"), !s.isEmpty, s.count <= 300,
          !s.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
        throw Problem.badRequest("Malformed entity id: 1 to 300 characters, no control characters.")
    }
    return s
}
