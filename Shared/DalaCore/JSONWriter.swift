/// A minimal JSON writer for the few answers that are hot enough to skip `JSONEncoder` (search pages: encoding twenty
/// hits with `JSONEncoder` was a sixth of the search endpoint's CPU). It writes what `DalaJSON.encoder()` writes for
/// the same value: keys in the order the caller gives (callers give them sorted), nil members left out, `/` not
/// escaped, integral doubles without `.0`; tests compare the two for every value they write.
public struct JSONWriter: Sendable {
    public private(set) var bytes: [UInt8] = []
    /// Per open object or array: whether a member was written (the next one needs a comma).
    private var hasMember: [Bool] = []

    public init(capacity: Int = 4096) { bytes.reserveCapacity(capacity) }

    // MARK: Structure

    public mutating func object(_ body: (inout JSONWriter) -> Void) {
        separate()
        bytes.append(UInt8(ascii: "{"))
        hasMember.append(false)
        body(&self)
        hasMember.removeLast()
        bytes.append(UInt8(ascii: "}"))
    }

    public mutating func array<S: Sequence>(_ elements: S, _ body: (inout JSONWriter, S.Element) -> Void) {
        separate()
        bytes.append(UInt8(ascii: "["))
        hasMember.append(false)
        for e in elements { body(&self, e) }
        hasMember.removeLast()
        bytes.append(UInt8(ascii: "]"))
    }

    /// A member's key; the value written next belongs to it.
    public mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        // The value follows the colon without a comma.
        if !hasMember.isEmpty { hasMember[hasMember.count - 1] = false }
    }

    /// A member's key that is not a literal (a dictionary's key, e.g. a language code); the value written next belongs to it.
    public mutating func key(string name: String) {
        string(name)
        bytes.append(UInt8(ascii: ":"))
        if !hasMember.isEmpty { hasMember[hasMember.count - 1] = false }
    }

    // MARK: Members (a nil value leaves the member out, as synthesized `Encodable` does)

    public mutating func member(_ name: StaticString, _ value: String?) {
        guard let value else { return }
        key(name); string(value)
    }

    public mutating func member(_ name: StaticString, _ value: Int) {
        key(name); int(value)
    }

    public mutating func member(_ name: StaticString, _ value: Double?) {
        guard let value else { return }
        key(name); double(value)
    }

    public mutating func member(_ name: StaticString, _ value: Bool) {
        key(name); separate(); bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    // MARK: Values

    public mutating func string(_ s: String) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { utf8 in
            var clean = 0
            for (i, b) in utf8.enumerated() where b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[clean..<i]))
                clean = i + 1
                switch b {
                case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
                case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
                case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
                case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
                case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
                case 0x08: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
                case 0x0C: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                              hex[Int(b >> 4)], hex[Int(b & 0xF)]])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[clean...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    public mutating func int(_ v: Int) {
        separate()
        bytes.append(contentsOf: String(v).utf8)
    }

    /// Shortest round-trip digits; an integral value without `.0`; not finite → null (JSON has no NaN).
    public mutating func double(_ v: Double) {
        separate()
        guard v.isFinite else { bytes.append(contentsOf: "null".utf8); return }
        var text = v.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }

    private mutating func separate() {
        guard !hasMember.isEmpty else { return }
        if hasMember[hasMember.count - 1] { bytes.append(UInt8(ascii: ",")) }
        hasMember[hasMember.count - 1] = true
    }
}

/// A value that writes itself with `JSONWriter` (the same JSON its `Encodable` form gives).
public protocol JSONWritable {
    func write(to w: inout JSONWriter)
}
