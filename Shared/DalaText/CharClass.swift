// Fast character classes for the scalars this stage meets most (Latin, Cyrillic, punctuation).
// A flat table covers U+0000..U+21FF; anything above falls back to Unicode properties.

struct CharFlags: OptionSet, Sendable {
    let rawValue: UInt8
    static let letter = CharFlags(rawValue: 1)
    static let upper = CharFlags(rawValue: 2)
    static let lower = CharFlags(rawValue: 4)
    static let digit = CharFlags(rawValue: 8)
    static let space = CharFlags(rawValue: 16)       // horizontal white space
    static let cyrillic = CharFlags(rawValue: 32)
    static let latin = CharFlags(rawValue: 64)
    static let mark = CharFlags(rawValue: 128)       // combining mark
}

/// Character classification and case folding tuned for Latin and Cyrillic text.
struct CharClass: Sendable {
    static let tableSize = 0x2200   // Latin, Cyrillic, General Punctuation, Letterlike Symbols
    private let table: [UInt8]

    init() {
        var t = [UInt8](repeating: 0, count: CharClass.tableSize)
        for v in 0..<CharClass.tableSize {
            guard let s = Unicode.Scalar(UInt32(v)) else { continue }
            t[v] = CharClass.computeFlags(s).rawValue
        }
        table = t
    }

    static func computeFlags(_ s: Unicode.Scalar) -> CharFlags {
        let p = s.properties
        var f: CharFlags = []
        let v = s.value
        if p.isAlphabetic && p.generalCategory != .nonspacingMark && p.generalCategory != .spacingMark {
            f.insert(.letter)
            if p.isUppercase { f.insert(.upper) }
            if p.isLowercase { f.insert(.lower) }
            if (0x0400...0x052F).contains(v) || (0x1C80...0x1C8F).contains(v) || (0xA640...0xA69F).contains(v) {
                f.insert(.cyrillic)
            } else if v < 0x0250 || (0x1E00...0x1EFF).contains(v) {
                f.insert(.latin)
            }
        }
        if p.generalCategory == .decimalNumber { f.insert(.digit) }
        if p.generalCategory == .nonspacingMark || p.generalCategory == .enclosingMark { f.insert(.mark) }
        if v == 0x20 || v == 0x09 || p.generalCategory == .spaceSeparator { f.insert(.space) }
        return f
    }

    @inline(__always) func flags(_ s: Unicode.Scalar) -> CharFlags {
        let v = Int(s.value)
        if v < CharClass.tableSize { return CharFlags(rawValue: table[v]) }
        return CharClass.computeFlags(s)
    }

    @inline(__always) func isLetter(_ s: Unicode.Scalar) -> Bool { flags(s).contains(.letter) }
    @inline(__always) func isUpper(_ s: Unicode.Scalar) -> Bool { flags(s).contains(.upper) }
    @inline(__always) func isLower(_ s: Unicode.Scalar) -> Bool { flags(s).contains(.lower) }
    @inline(__always) func isDigit(_ s: Unicode.Scalar) -> Bool {
        s.value >= 0x30 && s.value <= 0x39 || (s.value > 0x7F && flags(s).contains(.digit))
    }
    @inline(__always) func isLetterOrDigit(_ s: Unicode.Scalar) -> Bool {
        !flags(s).isDisjoint(with: [.letter, .digit])
    }

    /// Lowercase for Latin and Cyrillic without allocating (`TextFold.lower`); other scalars are returned unchanged.
    @inline(__always) static func lower(_ s: Unicode.Scalar) -> Unicode.Scalar {
        let v = TextFold.lower(s.value)
        return v == s.value ? s : Unicode.Scalar(v)!
    }

    static func isTerminalPunctuation(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x2E, 0x21, 0x3F, 0x2026: return true   // . ! ? …
        default: return false
        }
    }

    static func isClosingQuoteOrBracket(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0xBB, 0x22, 0x27, 0x29, 0x5D, 0x201D, 0x2019, 0x201C: return true  // » " ' ) ] ” ’ “
        default: return false
        }
    }

    static func isOpeningQuoteOrBracket(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0xAB, 0x22, 0x27, 0x28, 0x5B, 0x201C, 0x201E, 0x2018: return true  // « " ' ( [ “ „ ‘
        default: return false
        }
    }

    static func isDash(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x2D, 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212: return true
        default: return false
        }
    }
}

/// FNV-1a hash of a lowercased scalar sequence: word sets without allocating Strings.
@inline(__always) func wordHash(_ scalars: ArraySlice<Unicode.Scalar>) -> UInt64 {
    WordKey.fnv1a(scalars: scalars.lazy.map { CharClass.lower($0).value })
}

@inline(__always) func wordHash(_ string: String) -> UInt64 {
    wordHash(ArraySlice(Array(string.unicodeScalars)))
}

/// The scalars of a string, decoded straight from its UTF-8 (faster than `Array(text.unicodeScalars)`).
func decodeScalars(_ text: String) -> [Unicode.Scalar] {
    var text = text
    return text.withUTF8 { bytes -> [Unicode.Scalar] in
        let n = bytes.count
        return [Unicode.Scalar](unsafeUninitializedCapacity: n) { out, count in
            var i = 0, k = 0
            while i < n {
                let b0 = UInt32(bytes[i])
                var v: UInt32
                if b0 < 0x80 {
                    v = b0; i += 1
                } else if b0 < 0xE0 {
                    v = (b0 & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F); i += 2
                } else if b0 < 0xF0 {
                    v = (b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F); i += 3
                } else {
                    v = (b0 & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6
                        | UInt32(bytes[i + 3] & 0x3F)
                    i += 4
                }
                // A String's UTF-8 is always valid, so every value is a scalar.
                (out.baseAddress! + k).initialize(to: Unicode.Scalar(v).unsafelyUnwrapped)
                k += 1
            }
            count = k
        }
    }
}

/// Open-addressing map from word hashes to small values, without `Hasher` on the hot path.
struct WordTable<Value>: Sendable where Value: Sendable {
    private var keys: [UInt64]
    private var values: [Value?]
    private let mask: Int

    init(_ entries: [UInt64: Value]) {
        var size = 16
        while size < entries.count * 4 { size *= 2 }
        mask = size - 1
        keys = [UInt64](repeating: 0, count: size)
        values = [Value?](repeating: nil, count: size)
        for (k, v) in entries {
            var slot = Int(truncatingIfNeeded: k ^ (k >> 29)) & mask
            while values[slot] != nil { slot = (slot + 1) & mask }
            keys[slot] = k; values[slot] = v
        }
    }

    @inline(__always) func get(_ k: UInt64) -> Value? {
        var slot = Int(truncatingIfNeeded: k ^ (k >> 29)) & mask
        while let v = values[slot] {
            if keys[slot] == k { return v }
            slot = (slot + 1) & mask
        }
        return nil
    }
}

/// Set of 64-bit word hashes with open addressing (the keys are already well mixed hashes).
struct HashSet64: Sendable {
    private var slots: [UInt64]
    private var count = 0
    private var mask: Int

    init<S: Sequence>(_ keys: S) where S.Element == UInt64 {
        self.init(capacity: 64)
        for k in keys { insert(k) }
    }

    init(capacity: Int = 1024) {
        var size = 64
        while size < capacity * 2 { size *= 2 }
        slots = [UInt64](repeating: 0, count: size)
        mask = size - 1
    }

    mutating func insert(_ key: UInt64) {
        let k = key == 0 ? 1 : key
        if (count + 1) * 2 > slots.count { grow() }
        var i = Int(truncatingIfNeeded: k ^ (k >> 31)) & mask
        while slots[i] != 0 {
            if slots[i] == k { return }
            i = (i + 1) & mask
        }
        slots[i] = k
        count += 1
    }

    func contains(_ key: UInt64) -> Bool {
        let k = key == 0 ? 1 : key
        var i = Int(truncatingIfNeeded: k ^ (k >> 31)) & mask
        while slots[i] != 0 {
            if slots[i] == k { return true }
            i = (i + 1) & mask
        }
        return false
    }

    private mutating func grow() {
        let old = slots
        slots = [UInt64](repeating: 0, count: old.count * 2)
        mask = slots.count - 1
        count = 0
        for k in old where k != 0 { insert(k) }
    }
}
