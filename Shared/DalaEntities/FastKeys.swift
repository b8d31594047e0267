import DalaText

/// Open-addressing tables keyed by the 64-bit FNV keys of normalised words (`TextNorm.hash`). The keys are
/// already well mixed, so one multiply picks the slot: the recogniser looks words up several times each, and
/// Swift's seeded hashing of a UInt64 cost more than the rest of such a lookup.
struct U64Map: Sendable {
    private var keys: [UInt64]
    private var values: [Int32]
    private var count = 0
    private var shift: UInt64
    private static let empty = UInt64.max

    init(capacity: Int = 16) {
        var c = 16
        while c < capacity * 2 { c <<= 1 }
        keys = [UInt64](repeating: Self.empty, count: c)
        values = [Int32](repeating: 0, count: c)
        shift = UInt64(64 - c.trailingZeroBitCount)
    }

    @inline(__always)
    private static func slotKey(_ raw: UInt64) -> UInt64 { raw == empty ? empty - 1 : raw }   // shares a slot, p = 2^-64

    @inline(__always)
    func get(_ raw: UInt64) -> Int32? {
        let key = Self.slotKey(raw)
        let mask = keys.count - 1
        var i = Int(truncatingIfNeeded: (key &* 0x9E3779B97F4A7C15) >> shift)
        while true {
            let k = keys[i]
            if k == key { return values[i] }
            if k == Self.empty { return nil }
            i = (i + 1) & mask
        }
    }

    mutating func set(_ raw: UInt64, _ value: Int32) {
        let key = Self.slotKey(raw)
        if (count + 1) * 2 > keys.count { grow() }
        let mask = keys.count - 1
        var i = Int(truncatingIfNeeded: (key &* 0x9E3779B97F4A7C15) >> shift)
        while keys[i] != Self.empty && keys[i] != key { i = (i + 1) & mask }
        if keys[i] == Self.empty { count += 1 }
        keys[i] = key; values[i] = value
    }

    private mutating func grow() {
        var bigger = U64Map(capacity: keys.count)
        for (k, v) in zip(keys, values) where k != Self.empty { bigger.set(k, v) }
        self = bigger
    }
}

/// A set of 64-bit word keys (see `U64Map`).
struct U64Set: Sendable {
    private var map = U64Map()
    init() {}
    init<S: Sequence>(_ keys: S) where S.Element == UInt64 { for k in keys { insert(k) } }
    mutating func insert(_ key: UInt64) { map.set(key, 1) }
    @inline(__always) func contains(_ key: UInt64) -> Bool { map.get(key) != nil }
}

/// Kazakh suffixes by their last letter: a flat table for Cyrillic letters, shared by reference (the stem
/// iterator holds it, not the whole lexicon).
final class KazakhSuffixTable: Sendable {
    private let cyrillic: [[Lexicon.KazakhSuffix]]        // index: scalar - 0x400
    private let other: [UInt32: [Lexicon.KazakhSuffix]]

    init(_ byLast: [UInt32: [Lexicon.KazakhSuffix]]) {
        var c = [[Lexicon.KazakhSuffix]](repeating: [], count: 0x100)
        var o: [UInt32: [Lexicon.KazakhSuffix]] = [:]
        for (last, list) in byLast {
            if last >= 0x400 && last < 0x500 { c[Int(last - 0x400)] = list } else { o[last] = list }
        }
        cyrillic = c; other = o
    }

    /// Suffixes ending in `last`, longest first (nil when none does).
    @inline(__always)
    func list(_ last: UInt32) -> [Lexicon.KazakhSuffix]? {
        if last >= 0x400 && last < 0x500 {
            let l = cyrillic[Int(last - 0x400)]
            return l.isEmpty ? nil : l
        }
        return other[last]
    }
}

/// The original text addressed by Unicode scalar offsets, sliced through its UTF-8 bytes (building a String
/// scalar by scalar cost thousands of instructions per mention).
struct ScalarText: Sendable {
    private let bytes: [UInt8]
    private let offsets: [Int32]     // UTF-8 offset of each scalar, plus the end

    init(_ text: String) {
        bytes = Array(text.utf8)
        var o: [Int32] = []
        o.reserveCapacity(bytes.count + 1)
        for (i, b) in bytes.enumerated() where b & 0xC0 != 0x80 { o.append(Int32(i)) }
        o.append(Int32(bytes.count))
        offsets = o
    }

    /// The text of a scalar span (clamped to the text).
    func slice(_ span: Span) -> String {
        let n = offsets.count - 1
        let a = max(0, min(span.start, n)), b = max(a, min(span.end, n))
        return String(decoding: bytes[Int(offsets[a])..<Int(offsets[b])], as: UTF8.self)
    }
}
