import Foundation

// Small lookup structures shared by the analysis stages' hot loops. Public and @inlinable so the stages that
// import DalaText get them inlined as if they were their own.

/// Open-addressing map from 64-bit keys (already well-mixed word hashes) to Int32, with a multiplicative hash:
/// per-scalar and per-word lookups run so often that Swift's seeded hashing cost more than the rest of a lookup.
public struct U64Map: Sendable {
    @usableFromInline var keys: [UInt64]
    @usableFromInline var values: [Int32]
    @usableFromInline var count = 0
    @usableFromInline var shift: UInt64
    @usableFromInline static let empty = UInt64.max

    @inlinable
    public init(capacity: Int = 16) {
        var c = 16
        while c < capacity * 2 { c <<= 1 }
        keys = [UInt64](repeating: Self.empty, count: c)
        values = [Int32](repeating: 0, count: c)
        shift = UInt64(64 - c.trailingZeroBitCount)
    }

    /// The empty marker's key shares a slot with its neighbour value (p = 2^-64).
    @inlinable @inline(__always)
    static func slotKey(_ raw: UInt64) -> UInt64 { raw == empty ? empty - 1 : raw }

    @inlinable @inline(__always)
    public func get(_ raw: UInt64) -> Int32? {
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

    @inlinable
    public mutating func set(_ raw: UInt64, _ value: Int32) {
        let key = Self.slotKey(raw)
        if (count + 1) * 2 > keys.count { grow() }
        let mask = keys.count - 1
        var i = Int(truncatingIfNeeded: (key &* 0x9E3779B97F4A7C15) >> shift)
        while keys[i] != Self.empty && keys[i] != key { i = (i + 1) & mask }
        if keys[i] == Self.empty { count += 1 }
        keys[i] = key; values[i] = value
    }

    @inlinable
    mutating func grow() {
        var bigger = U64Map(capacity: keys.count)
        for (k, v) in zip(keys, values) where k != Self.empty { bigger.set(k, v) }
        self = bigger
    }
}

/// A set of 64-bit word keys (see `U64Map`).
public struct U64Set: Sendable {
    @usableFromInline var map = U64Map()
    public init() {}
    public init<S: Sequence>(_ keys: S) where S.Element == UInt64 { for k in keys { insert(k) } }
    @inlinable public mutating func insert(_ key: UInt64) { map.set(key, 1) }
    @inlinable @inline(__always) public func contains(_ key: UInt64) -> Bool { map.get(key) != nil }
}

/// The original text addressed by Unicode scalar offsets, sliced through its UTF-8 bytes (building a String
/// scalar by scalar cost thousands of instructions per slice).
public struct ScalarText: Sendable {
    @usableFromInline let bytes: [UInt8]
    @usableFromInline let offsets: [Int32]     // UTF-8 offset of each scalar, plus the end

    public init(_ text: String) {
        bytes = Array(text.utf8)
        var o: [Int32] = []
        o.reserveCapacity(bytes.count + 1)
        for (i, b) in bytes.enumerated() where b & 0xC0 != 0x80 { o.append(Int32(i)) }
        o.append(Int32(bytes.count))
        offsets = o
    }

    /// The text of a scalar span (clamped to the text).
    @inlinable
    public func slice(_ span: Span) -> String {
        let n = offsets.count - 1
        let a = max(0, min(span.start, n)), b = max(a, min(span.end, n))
        return String(decoding: bytes[Int(offsets[a])..<Int(offsets[b])], as: UTF8.self)
    }
}

/// A bounded cache of per-word results shared by the documents a process analyses (words repeat across documents far
/// more than within one): one slot per hash, a new word taking the slot of an older one, so it never holds more than
/// `slots` values. The caller keeps with each value what identifies its word and checks it on a hit, so what the
/// cache returns is exactly what computing it again gives. A multiplicative hash and a lock: a `Dictionary` (seeded
/// hashing) cost about what it saved.
public final class WordCache<Value: Sendable>: @unchecked Sendable {
    // @unchecked: `values` is read and written only while `lock` is held.
    @usableFromInline let lock = NSLock()
    @usableFromInline var values: [Value?]
    @usableFromInline let shift: UInt64

    /// A cache of `slots` values at most (rounded up to a power of two).
    public init(slots: Int) {
        var c = 1
        while c < slots { c <<= 1 }
        values = [Value?](repeating: nil, count: c)
        shift = UInt64(64 - c.trailingZeroBitCount)
    }

    @inlinable @inline(__always)
    func slot(_ hash: UInt64) -> Int {
        values.count == 1 ? 0 : Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The value kept for `hash`, if `matches` says it is the one wanted.
    @inlinable
    public func value(_ hash: UInt64, where matches: (Value) -> Bool) -> Value? {
        let v = lock.withLock { values[slot(hash)] }
        guard let v, matches(v) else { return nil }
        return v
    }

    /// Keeps `value` for `hash` (in place of what its slot held).
    @inlinable
    public func set(_ hash: UInt64, _ value: Value) {
        lock.withLock { values[slot(hash)] = value }
    }

    /// Values held.
    public var count: Int { lock.withLock { values.reduce(0) { $0 + ($1 == nil ? 0 : 1) } } }
}
