import Foundation

/// A Swift value that can be sent as a text-format query parameter.
public protocol PostgresEncodable: Sendable {
    /// PostgreSQL text input form of the value; `nil` sends NULL.
    var postgresText: String? { get }
    /// Type OID sent with the parameter; 0 lets the server infer it from context (like a quoted literal).
    static var postgresTypeOID: UInt32 { get }
}

/// A Swift value that can be read from PostgreSQL's text output.
public protocol PostgresDecodable {
    init(postgresText: String) throws
}

/// Type OIDs from `pg_type` used by the built-in conformances.
public enum PostgresTypeOID {
    public static let unspecified: UInt32 = 0
    public static let bool: UInt32 = 16
    public static let bytea: UInt32 = 17
    public static let int8: UInt32 = 20
    public static let int4: UInt32 = 23
    public static let text: UInt32 = 25
    public static let float8: UInt32 = 701
    public static let boolArray: UInt32 = 1000
    public static let int4Array: UInt32 = 1007
    public static let textArray: UInt32 = 1009
    public static let int8Array: UInt32 = 1016
    public static let float8Array: UInt32 = 1022
    public static let timestamptz: UInt32 = 1184
    public static let timestamptzArray: UInt32 = 1185
    public static let uuid: UInt32 = 2950
    public static let uuidArray: UInt32 = 2951
    public static let jsonb: UInt32 = 3802
}

func decodeError(_ type: Any.Type) -> PostgresError {
    // The value itself stays out of the message: it may be personal data.
    PostgresError(code: .badValue, message: "cannot decode value as \(type)")
}

// MARK: - Scalars

extension String: PostgresEncodable, PostgresDecodable {
    public var postgresText: String? { self }
    /// Untyped, like a quoted literal, so one String binds to text, varchar, uuid, jsonb or enum columns.
    public static var postgresTypeOID: UInt32 { PostgresTypeOID.unspecified }
    public init(postgresText: String) { self = postgresText }
}

extension Int: PostgresEncodable, PostgresDecodable {
    public var postgresText: String? { String(self) }
    public static var postgresTypeOID: UInt32 { PostgresTypeOID.int8 }
    public init(postgresText: String) throws {
        guard let v = Int(postgresText) else { throw decodeError(Int.self) }
        self = v
    }
}

extension Int64: PostgresEncodable, PostgresDecodable {
    public var postgresText: String? { String(self) }
    public static var postgresTypeOID: UInt32 { PostgresTypeOID.int8 }
    public init(postgresText: String) throws {
        guard let v = Int64(postgresText) else { throw decodeError(Int64.self) }
        self = v
    }
}

extension Int32: PostgresEncodable, PostgresDecodable {
    public var postgresText: String? { String(self) }
    public static var postgresTypeOID: UInt32 { PostgresTypeOID.int4 }
    public init(postgresText: String) throws {
        guard let v = Int32(postgresText) else { throw decodeError(Int32.self) }
        self = v
    }
}

extension Double: PostgresEncodable, PostgresDecodable {
    public var postgresText: String? {
        if isNaN { return "NaN" }
        if isInfinite { return self < 0 ? "-Infinity" : "Infinity" }
        return "\(self)"  // shortest representation that round-trips
    }
    public static var postgresTypeOID: UInt32 { PostgresTypeOID.float8 }
    public init(postgresText: String) throws {
        switch postgresText {
        case "NaN": self = .nan
        case "Infinity": self = .infinity
        case "-Infinity": self = -.infinity
        default:
            guard let v = Double(postgresText) else { throw decodeError(Double.self) }
            self = v
        }
    }
}

extension Bool: PostgresEncodable, PostgresDecodable {
    public var postgresText: String? { self ? "true" : "false" }
    public static var postgresTypeOID: UInt32 { PostgresTypeOID.bool }
    public init(postgresText: String) throws {
        switch postgresText {
        case "t", "true": self = true
        case "f", "false": self = false
        default: throw decodeError(Bool.self)
        }
    }
}

extension UUID: PostgresEncodable, PostgresDecodable {
    public var postgresText: String? { canonicalText }
    public static var postgresTypeOID: UInt32 { PostgresTypeOID.uuid }
    public init(postgresText: String) throws {
        guard let v = UUID(canonicalText: postgresText) ?? UUID(uuidString: postgresText) else { throw decodeError(UUID.self) }
        self = v
    }

    /// The canonical text (lower-case hex, 8-4-4-4-12), written byte by byte: `uuidString.lowercased()` formats through
    /// `sprintf` and makes two strings, and a worker writes and reads thousands of ids per batch (with the parse below,
    /// ~4 % of its time).
    public var canonicalText: String {
        withUnsafeBytes(of: uuid) { raw in
            String(unsafeUninitializedCapacity: 36) { out in
                var o = 0
                for (i, b) in raw.enumerated() {
                    if i == 4 || i == 6 || i == 8 || i == 10 { out[o] = UInt8(ascii: "-"); o += 1 }
                    out[o] = UUID.hexDigits[Int(b >> 4)]; out[o + 1] = UUID.hexDigits[Int(b & 0x0F)]; o += 2
                }
                return o
            }
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// A UUID from canonical text (8-4-4-4-12 hex digits, either case), read byte by byte (`UUID(uuidString:)` goes
    /// through `sscanf`); nil for any other text.
    public init?(canonicalText text: String) {
        var text = text
        let parsed: uuid_t? = text.withUTF8 { u in
            guard u.count == 36, u[8] == UInt8(ascii: "-"), u[13] == UInt8(ascii: "-"), u[18] == UInt8(ascii: "-"),
                  u[23] == UInt8(ascii: "-") else { return nil }
            func nibble(_ c: UInt8) -> UInt8? {
                switch c {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
                default: return nil
                }
            }
            var bytes: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            let ok = withUnsafeMutableBytes(of: &bytes) { b -> Bool in
                var i = 0
                for k in 0..<16 {
                    if i == 8 || i == 13 || i == 18 || i == 23 { i += 1 }
                    guard let hi = nibble(u[i]), let lo = nibble(u[i + 1]) else { return false }
                    b[k] = hi << 4 | lo
                    i += 2
                }
                return true
            }
            return ok ? bytes : nil
        }
        guard let parsed else { return nil }
        self.init(uuid: parsed)
    }
}

/// `timestamptz`, microsecond precision, sent as ISO 8601 in UTC (`2024-05-01T12:34:56.789012Z`).
/// Decoding accepts the server's ISO output with any offset, `timestamp` (read as UTC), `date`,
/// BC years, and `infinity`/`-infinity` (as `Date.distantFuture`/`distantPast`).
extension Date: PostgresEncodable, PostgresDecodable {
    public var postgresText: String? { PostgresTimestamp.format(self) }
    public static var postgresTypeOID: UInt32 { PostgresTypeOID.timestamptz }
    public init(postgresText: String) throws {
        guard let v = PostgresTimestamp.parse(postgresText) else { throw decodeError(Date.self) }
        self = v
    }
}

/// `bytea` in hex format (`\x0a0b`).
extension Data: PostgresEncodable, PostgresDecodable {
    public var postgresText: String? { PostgresBytea.hex(self) }
    public static var postgresTypeOID: UInt32 { PostgresTypeOID.bytea }
    public init(postgresText: String) throws {
        guard let bytes = PostgresBytea.decode(postgresText) else { throw decodeError(Data.self) }
        self = Data(bytes)
    }
}

/// A `jsonb` value held as JSON text.
public struct PostgresJSON: Sendable, Hashable, PostgresEncodable, PostgresDecodable {
    public var rawJSON: String

    public init(rawJSON: String) { self.rawJSON = rawJSON }

    /// Encodes `value` with `encoder` (sorted keys by default, so equal values give equal text).
    public init<T: Encodable>(encoding value: T, encoder: JSONEncoder? = nil) throws {
        let encoder = encoder ?? {
            let e = JSONEncoder()
            e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return e
        }()
        do {
            rawJSON = String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            throw PostgresError(code: .badValue, message: "cannot encode \(T.self) as JSON")
        }
    }

    /// Decodes the JSON text into `type`.
    public func decode<T: Decodable>(as type: T.Type = T.self, decoder: JSONDecoder = JSONDecoder()) throws -> T {
        do {
            return try decoder.decode(T.self, from: Data(rawJSON.utf8))
        } catch {
            throw PostgresError(code: .badValue, message: "cannot decode JSON as \(T.self)")
        }
    }

    public var postgresText: String? { rawJSON }
    public static var postgresTypeOID: UInt32 { PostgresTypeOID.jsonb }
    public init(postgresText: String) { rawJSON = postgresText }
}

// MARK: - Arrays

/// An element type of a one-dimensional PostgreSQL array; `[UInt8]` is the exception and maps to `bytea`.
public protocol PostgresArrayElement: Sendable {
    static var postgresArrayTypeOID: UInt32 { get }
    static func postgresArrayText(_ elements: [Self]) -> String
    static func postgresArray(fromText text: String) throws -> [Self]
}

extension PostgresArrayElement where Self: PostgresEncodable & PostgresDecodable {
    public static func postgresArrayText(_ elements: [Self]) -> String {
        PostgresArrayLiteral.encode(elements.map(\.postgresText))
    }

    public static func postgresArray(fromText text: String) throws -> [Self] {
        guard let items = PostgresArrayLiteral.decode(text) else { throw decodeError([Self].self) }
        return try items.map { item in
            guard let item else {
                throw PostgresError(code: .badValue, message: "array of \(Self.self) contains NULL")
            }
            return try Self(postgresText: item)
        }
    }
}

extension String: PostgresArrayElement { public static var postgresArrayTypeOID: UInt32 { PostgresTypeOID.textArray } }
extension Int: PostgresArrayElement { public static var postgresArrayTypeOID: UInt32 { PostgresTypeOID.int8Array } }
extension Int64: PostgresArrayElement { public static var postgresArrayTypeOID: UInt32 { PostgresTypeOID.int8Array } }
extension Int32: PostgresArrayElement { public static var postgresArrayTypeOID: UInt32 { PostgresTypeOID.int4Array } }
extension Double: PostgresArrayElement { public static var postgresArrayTypeOID: UInt32 { PostgresTypeOID.float8Array } }
extension Bool: PostgresArrayElement { public static var postgresArrayTypeOID: UInt32 { PostgresTypeOID.boolArray } }
extension UUID: PostgresArrayElement { public static var postgresArrayTypeOID: UInt32 { PostgresTypeOID.uuidArray } }
extension Date: PostgresArrayElement {
    public static var postgresArrayTypeOID: UInt32 { PostgresTypeOID.timestamptzArray }
}

/// `[UInt8]` is `bytea`, not an array of small integers.
extension UInt8: PostgresArrayElement {
    public static var postgresArrayTypeOID: UInt32 { PostgresTypeOID.bytea }
    public static func postgresArrayText(_ elements: [UInt8]) -> String { PostgresBytea.hex(elements) }
    public static func postgresArray(fromText text: String) throws -> [UInt8] {
        guard let bytes = PostgresBytea.decode(text) else { throw decodeError([UInt8].self) }
        return bytes
    }
}

extension Array: PostgresEncodable where Element: PostgresArrayElement {
    public var postgresText: String? { Element.postgresArrayText(self) }
    public static var postgresTypeOID: UInt32 { Element.postgresArrayTypeOID }
}

extension Array: PostgresDecodable where Element: PostgresArrayElement {
    public init(postgresText: String) throws { self = try Element.postgresArray(fromText: postgresText) }
}

// MARK: - Text formats

/// One-dimensional array literals: `{"a","b \"c\""}` out, PostgreSQL's array output in. Both work on UTF-8 bytes (the
/// characters that matter are ASCII, never part of a multi-byte sequence): scalar by scalar, encoding and decoding the
/// story linker's arrays were 12 % of an enrichment worker's time.
enum PostgresArrayLiteral {
    static let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\"), comma = UInt8(ascii: ",")
    static let open = UInt8(ascii: "{"), close = UInt8(ascii: "}")

    static func encode(_ items: [String?]) -> String {
        var out: [UInt8] = [open]
        out.reserveCapacity(2 + items.reduce(0) { $0 + ($1?.utf8.count ?? 4) + 3 })
        for (i, item) in items.enumerated() {
            if i > 0 { out.append(comma) }
            guard let item else { out += "NULL".utf8; continue }
            out.append(quote)
            for b in item.utf8 {
                if b == quote || b == backslash { out.append(backslash) }
                out.append(b)
            }
            out.append(quote)
        }
        out.append(close)
        return String(decoding: out, as: UTF8.self)
    }

    /// Parses `{a,"b c",NULL}` (optionally preceded by bounds like `[0:2]=`). Nested arrays are not supported.
    static func decode(_ text: String) -> [String?]? {
        var text = text
        return text.withUTF8 { all -> [String?]? in
            var bytes = all[...]
            if bytes.first == UInt8(ascii: "[") {
                guard let eq = bytes.firstIndex(of: UInt8(ascii: "=")) else { return nil }
                bytes = bytes[(eq + 1)...]
            }
            guard bytes.first == open, bytes.last == close else { return nil }
            bytes = bytes.dropFirst().dropLast()
            if bytes.isEmpty { return [] }
            var items: [String?] = []
            var i = bytes.startIndex
            var unescaped: [UInt8] = []
            while true {
                if i < bytes.endIndex, bytes[i] == open { return nil }
                if i < bytes.endIndex, bytes[i] == quote {
                    i += 1
                    let from = i
                    var escaped = false
                    while i < bytes.endIndex, bytes[i] != quote {
                        if bytes[i] == backslash {
                            escaped = true
                            i += 1
                            guard i < bytes.endIndex else { return nil }
                        }
                        i += 1
                    }
                    guard i < bytes.endIndex else { return nil }
                    if escaped {
                        unescaped.removeAll(keepingCapacity: true)
                        var k = from
                        while k < i {
                            if bytes[k] == backslash { k += 1 }
                            unescaped.append(bytes[k]); k += 1
                        }
                        items.append(String(decoding: unescaped, as: UTF8.self))
                    } else {
                        items.append(String(decoding: bytes[from..<i], as: UTF8.self))
                    }
                    i += 1
                } else {
                    let from = i
                    while i < bytes.endIndex, bytes[i] != comma { i += 1 }
                    let item = bytes[from..<i]
                    items.append(item.elementsEqual("NULL".utf8) ? nil : String(decoding: item, as: UTF8.self))
                }
                if i == bytes.endIndex { return items }
                guard bytes[i] == comma else { return nil }
                i += 1
            }
        }
    }
}

enum PostgresBytea {
    private static let digits = Array("0123456789abcdef".utf8)

    static func hex(_ bytes: some Collection<UInt8>) -> String {
        var out = [UInt8]()
        out.reserveCapacity(2 + bytes.count * 2)
        out += [UInt8(ascii: "\\"), UInt8(ascii: "x")]
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Hex format (`\x...`, the server default) or the old escape format (`a\\b\001`).
    static func decode(_ text: String) -> [UInt8]? {
        let u = Array(text.utf8)
        if u.count >= 2, u[0] == UInt8(ascii: "\\"), u[1] == UInt8(ascii: "x") {
            guard u.count % 2 == 0 else { return nil }
            var out = [UInt8]()
            out.reserveCapacity((u.count - 2) / 2)
            var i = 2
            while i < u.count {
                guard let hi = nibble(u[i]), let lo = nibble(u[i + 1]) else { return nil }
                out.append(hi << 4 | lo)
                i += 2
            }
            return out
        }
        var out = [UInt8]()
        var i = 0
        while i < u.count {
            if u[i] != UInt8(ascii: "\\") { out.append(u[i]); i += 1; continue }
            if i + 1 < u.count, u[i + 1] == UInt8(ascii: "\\") { out.append(u[i]); i += 2; continue }
            guard i + 3 < u.count else { return nil }
            var v = 0
            for k in 1...3 {
                let d = Int(u[i + k]) - Int(UInt8(ascii: "0"))
                guard (0...7).contains(d) else { return nil }
                v = v * 8 + d
            }
            guard v <= 255 else { return nil }
            out.append(UInt8(v))
            i += 4
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
}

/// Timestamps in PostgreSQL's ISO text form, without Foundation's calendar machinery (microseconds, BC years).
enum PostgresTimestamp {
    static func format(_ date: Date) -> String {
        let micros = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
        let secs = floorDiv(micros, 1_000_000)
        let frac = micros - secs * 1_000_000
        let days = floorDiv(secs, 86_400)
        let sod = secs - days * 86_400
        let (y, m, d) = civil(fromDays: days)
        // Year 0 is 1 BC in PostgreSQL's calendar.
        let bc = y <= 0
        var s = pad(bc ? 1 - y : y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2)
        s += "T" + pad(sod / 3600, 2) + ":" + pad(sod / 60 % 60, 2) + ":" + pad(sod % 60, 2)
        if frac != 0 { s += "." + pad(frac, 6) }
        s += "Z"
        if bc { s += " BC" }
        return s
    }

    static func parse(_ text: String) -> Date? {
        switch text {
        case "infinity": return .distantFuture
        case "-infinity": return .distantPast
        default: break
        }
        var u = Array(text.utf8)[...]
        var bc = false
        if u.count > 3, u.suffix(3).elementsEqual(" BC".utf8) {
            bc = true
            u = u.dropLast(3)
        }
        var i = u.startIndex
        func number(minDigits: Int, maxDigits: Int) -> Int64? {
            var v: Int64 = 0
            var n = 0
            while i < u.endIndex, n < maxDigits, let d = digit(u[i]) {
                v = v * 10 + Int64(d)
                n += 1
                i += 1
            }
            return n >= minDigits ? v : nil
        }
        func expect(_ c: Character) -> Bool {
            guard i < u.endIndex, u[i] == c.asciiValue! else { return false }
            i += 1
            return true
        }
        guard var year = number(minDigits: 4, maxDigits: 9), expect("-"),
              let month = number(minDigits: 2, maxDigits: 2), expect("-"),
              let day = number(minDigits: 2, maxDigits: 2),
              (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        if bc { year = 1 - year }
        var seconds = days(fromCivil: year, Int64(month), Int64(day)) * 86_400
        var micros: Int64 = 0
        if i < u.endIndex, u[i] == UInt8(ascii: " ") || u[i] == UInt8(ascii: "T") {
            i += 1
            guard let hh = number(minDigits: 2, maxDigits: 2), expect(":"),
                  let mm = number(minDigits: 2, maxDigits: 2), expect(":"),
                  let ss = number(minDigits: 2, maxDigits: 2)
            else { return nil }
            seconds += hh * 3600 + mm * 60 + ss
            if i < u.endIndex, u[i] == UInt8(ascii: ".") {
                i += 1
                var scale: Int64 = 100_000
                let start = i
                while i < u.endIndex, let d = digit(u[i]) {
                    micros += Int64(d) * scale
                    scale /= 10
                    i += 1
                }
                guard i > start else { return nil }
            }
            if i < u.endIndex, u[i] == UInt8(ascii: "Z") {
                i += 1
            } else if i < u.endIndex, u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-") {
                let sign: Int64 = u[i] == UInt8(ascii: "-") ? -1 : 1
                i += 1
                guard let oh = number(minDigits: 2, maxDigits: 2) else { return nil }
                var offset = oh * 3600
                if expect(":") {
                    guard let om = number(minDigits: 2, maxDigits: 2) else { return nil }
                    offset += om * 60
                    if expect(":") {
                        guard let os = number(minDigits: 2, maxDigits: 2) else { return nil }
                        offset += os
                    }
                }
                seconds -= sign * offset
            }
        }
        guard i == u.endIndex else { return nil }
        return Date(timeIntervalSince1970: Double(seconds) + Double(micros) / 1_000_000)
    }

    private static func digit(_ c: UInt8) -> Int? {
        c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") ? Int(c - UInt8(ascii: "0")) : nil
    }

    private static func pad(_ v: Int64, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    // Howard Hinnant's days_from_civil / civil_from_days (proleptic Gregorian, astronomical year numbering).
    static func days(fromCivil year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = floorDiv(y, 400)
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays z0: Int64) -> (Int64, Int64, Int64) {
        let z = z0 + 719_468
        let era = floorDiv(z, 146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, m, d)
    }
}
