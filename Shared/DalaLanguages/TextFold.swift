/// The one case fold of the analysers, scalar by scalar. `lower` lower-cases Latin (with Latin-1) and Cyrillic letters
/// (with the Kazakh, Kyrgyz, Tatar and Uzbek ones); `scalar`, the fold of every lexicon lookup, also reads `ё` as `е`.
/// Every folded scalar keeps its UTF-8 length. (Stage 1 reads `lower`; the entity key adds apostrophe and hyphen
/// variants on top of `scalar`, `TextNorm.lower`.)
public enum TextFold {
    /// Lower case of one scalar; other scalars unchanged.
    @inlinable @inline(__always)
    public static func lower(_ v: UInt32) -> UInt32 {
        switch v {
        case 0x41...0x5A: return v + 0x20
        case 0x410...0x42F: return v + 0x20
        case 0x400...0x40F: return v + 0x50
        case 0x460...0x481, 0x48A...0x4BF, 0x4D0...0x52F: return v | 1      // pairs: upper even, lower odd (Ә ә, Қ қ)
        case 0x4C1...0x4CE: return v & 1 == 1 ? v + 1 : v                    // pairs: upper odd, lower even (Ӂ ӂ)
        case 0xC0...0xDE where v != 0xD7: return v + 0x20
        default: return v
        }
    }

    /// The lookup fold: lower case, and `ё` read as `е`.
    @inlinable @inline(__always)
    public static func scalar(_ v: UInt32) -> UInt32 { v == 0x401 || v == 0x451 ? 0x435 : lower(v) }
}

/// The word key: 64-bit FNV-1a, over UTF-8 bytes or over scalars. The one FNV implementation of the analysers: every
/// word set, lexicon and cache key hashes through it.
public enum WordKey {
    public static let offsetBasis: UInt64 = 0xcbf29ce484222325
    public static let prime: UInt64 = 0x100000001b3

    /// One FNV-1a step: `h` with `v` mixed in (loops that skip or transform scalars on the way use it).
    @inlinable @inline(__always)
    public static func mix(_ h: UInt64, _ v: UInt64) -> UInt64 { (h ^ v) &* prime }

    @inlinable @inline(__always)
    public static func fnv1a(_ s: String) -> UInt64 {
        var h = offsetBasis
        for b in s.utf8 { h = (h ^ UInt64(b)) &* prime }
        return h
    }

    @inlinable @inline(__always)
    public static func fnv1a<S: Sequence>(scalars: S, seed: UInt64 = offsetBasis) -> UInt64 where S.Element == UInt32 {
        var h = seed
        for v in scalars { h = (h ^ UInt64(v)) &* prime }
        return h
    }
}
